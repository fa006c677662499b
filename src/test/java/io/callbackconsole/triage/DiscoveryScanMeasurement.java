package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.SageMakerPipelineReader;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Not a test: measures a discovery scan of 50 pipelines × 20 executions against the simulator (calls and time).
 * Run with {@code mvn -q -o test-compile exec:java} or from an IDE; prints its numbers.
 */
public final class DiscoveryScanMeasurement {
    public static void main(String[] args) {
        int pipelines = 50;
        int executions = 20;
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false))) {
            String queue = sandbox.queueUrls().get(0);
            for (int p = 0; p < pipelines; p++) {
                sandbox.simulator().registerPipeline("scan-" + p, "{\"Steps\":[{\"Name\":\"Prepare\",\"Type\":"
                        + "\"Processing\"},{\"Name\":\"Gate\",\"Type\":\"Callback\",\"DependsOn\":[\"Prepare\"],"
                        + "\"SqsQueueUrl\":\"" + queue + "\"}]}", null);
                for (int e = 0; e < executions; e++) {
                    String arn = sandbox.simulator().startExecution("scan-" + p, Map.of());
                    // Half the executions still wait; the others have ended.
                    if (e % 2 == 1) {
                        sandbox.simulator().finishCallbackStep(sandbox.simulator().callbackToken(arn, "Gate"),
                                "Succeeded");
                    }
                }
            }
            ConnectionSettings settings = new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                    sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null);
            try (AwsClientFactory clients = AwsClientFactory.create(settings);
                 SageMakerClient sageMaker = clients.sageMaker()) {
                for (int concurrency : new int[] {1, 4, 4}) {
                    int before = sandbox.simulator().calls().size();
                    WaitingCallbackDiscovery discovery = new WaitingCallbackDiscovery(
                            new SageMakerPipelineReader(sageMaker), new AwsErrorExplainer(null),
                            new PendingCallbackSet(), concurrency, Clock.systemUTC());
                    WaitingCallbackDiscovery.Result result = discovery.scan(Duration.ofHours(1), p -> { }, () -> false);
                    System.out.printf("concurrency %d: %d pipelines, %d executions listed, %d running, %d waiting,"
                                    + " %d requests (simulator saw %d), %d ms%n", concurrency, result.pipelines(),
                            result.executionsListed(), result.executionsRunning(), result.waiting().size(),
                            result.requests(), sandbox.simulator().calls().size() - before, result.took().toMillis());
                }
            }
        }
    }
}
