package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Not a test: fails 1 000 waiting callback steps through the console's bulk use case (journal, call, journal, delete
 * each) and 1 000 others with bare SDK calls, both 4 at a time against the simulator, and prints both times. Run
 * from an IDE or with the test classpath: {@code java -cp ... io.callbackconsole.triage.BulkThroughputMeasurement}.
 */
public final class BulkThroughputMeasurement {
    public static void main(String[] args) throws Exception {
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = 4;
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false))) {
            String queue = sandbox.queueUrls().get(0);
            sandbox.simulator().registerPipeline("bulk", "{\"Steps\":[{\"Name\":\"Gate\",\"Type\":\"Callback\","
                    + "\"SqsQueueUrl\":\"" + queue + "\"}]}", null);
            List<String> bare = new ArrayList<>();
            for (int i = 0; i < tokens; i++) {
                sandbox.simulator().startExecution("bulk", Map.of());
            }
            ConnectionSettings settings = new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                    sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null);
            Path dir = Files.createTempDirectory("bulk-measure");
            try (ConsoleSession session = ConsoleSession.open(settings, dir.resolve("history.db"), "measure",
                    new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofHours(1), 0))) {
                List<CallbackToken> held = List.of();
                for (int poll = 0; poll < 50 && held.size() < tokens; poll++) {
                    held = session.pending().pollOnce().pending().stream().map(p -> p.token()).toList();
                }
                long start = System.nanoTime();
                BulkSubmission.Summary summary = session.decisions()
                        .submitFailures(held, FailureReason.of("bulk measurement"),
                        concurrency, o -> { }, () -> false);
                long consoleMillis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("console bulk: %d tokens, %d at a time: %s %d ms (%.0f tokens/s)%n", held.size(),
                        concurrency, summary.tally(), consoleMillis, held.size() * 1000.0 / consoleMillis);
            }
            for (int i = 0; i < tokens; i++) {
                String arn = sandbox.simulator().startExecution("bulk", Map.of());
                bare.add(sandbox.simulator().callbackToken(arn, "Gate"));
            }
            try (AwsClientFactory clients = AwsClientFactory.create(settings);
                 SageMakerClient sageMaker = clients.sageMaker()) {
                ExecutorService pool = Executors.newFixedThreadPool(concurrency);
                long start = System.nanoTime();
                List<Future<?>> calls = new ArrayList<>();
                for (String token : bare) {
                    calls.add(pool.submit(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b
                            .callbackToken(token).failureReason("bare measurement")
                            .clientRequestToken(UUID.randomUUID().toString()))));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
                long bareMillis = (System.nanoTime() - start) / 1_000_000;
                pool.shutdown();
                System.out.printf("bare SDK: %d tokens, %d at a time: %d ms (%.0f tokens/s)%n", bare.size(),
                        concurrency, bareMillis, bare.size() * 1000.0 / bareMillis);
            }
        }
    }
}
