package io.callbackconsole.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.sandbox.SageMakerSimulator;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.sandbox.StsSimulator;
import io.callbackconsole.testing.ConsoleProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One connection the crash tests launch console processes on, as an operator would reach an AWS account: a sandbox
 * behind explicit {@code --endpoint-*} overrides, the STS that names its account, and the region the consoles are
 * told. Two of them on one data directory are two connections writing one history; {@link #id()} is the identity
 * their rows must carry. Closing it stops what it started.
 */
final class SandboxConnection implements AutoCloseable {
    /** The consoles' {@code --visibility-timeout}: short, so the messages a killed console held soon come back. */
    static final int VISIBILITY_SECONDS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final Sandbox sandbox;
    /** The STS the consoles ask who they are; the sandbox's own, or one of another account. */
    private final StsSimulator sts;
    private final boolean ownSts;
    private final String region;
    private final SageMakerClient sageMaker;

    private SandboxConnection(String name, Sandbox sandbox, StsSimulator sts, boolean ownSts, String region) {
        this.name = name;
        this.sandbox = sandbox;
        this.sts = sts;
        this.ownSts = ownSts;
        this.region = region;
        this.sageMaker = SageMakerClient.builder().endpointOverride(sandbox.sageMakerEndpoint())
                .region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")))
                .build();
    }

    /** The sandbox's own account and region. */
    static SandboxConnection start(String name) {
        Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        return new SandboxConnection(name, sandbox, sandbox.stsSimulator(), false, sandbox.region());
    }

    /**
     * Another sandbox that the consoles see as another account in another region: its STS names {@code account},
     * and the consoles sign for {@code region} (the simulators check no signature and keep their own region in ARNs).
     */
    static SandboxConnection start(String name, String account, String region) {
        Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        StsSimulator sts;
        try {
            sts = StsSimulator.start(0, account);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return new SandboxConnection(name, sandbox, sts, true, region);
    }

    String name() {
        return name;
    }

    SageMakerSimulator simulator() {
        return sandbox.simulator();
    }

    SageMakerClient sageMaker() {
        return sageMaker;
    }

    /** The identity a console on this connection journals under: account, region and endpoint overrides. */
    ConnectionId id() {
        return ConnectionId.aws(sts.account(), region, ConnectionId.endpointOverrides(Map.of(
                "sagemaker", sandbox.sageMakerEndpoint(), "sqs", sandbox.sqsEndpoint(), "sts", sts.endpoint())),
                "test@" + region);
    }

    String manualReviewQueue() {
        return sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst().orElseThrow();
    }

    /** Starts {@code CallbackConsole args…} on this connection and {@code dataDir}, output (and errors) to {@code output}. */
    Process launch(Path dataDir, ProcessBuilder.Redirect output, String... args) throws Exception {
        return ConsoleProcess.main(ConsoleProcess.LAUNCHER, List.of("-XX:TieredStopAtLevel=1"), List.of(args))
                .args("--data-dir", dataDir.toString(), "--region", region,
                        "--endpoint-sqs", sandbox.sqsEndpoint().toString(),
                        "--endpoint-sagemaker", sandbox.sageMakerEndpoint().toString(),
                        "--endpoint-sts", sts.endpoint().toString(),
                        "--queue", manualReviewQueue(), "--visibility-timeout", Integer.toString(VISIBILITY_SECONDS))
                .env("AWS_ACCESS_KEY_ID", "sandbox").env("AWS_SECRET_ACCESS_KEY", "sandbox")
                .processBuilder().redirectErrorStream(true).redirectOutput(output).start();
    }

    /** A fresh execution waiting at its callback step, and the step's token. */
    String waitingToken() {
        String executionArn = sandbox.simulator().startExecution("manual-approval", Map.of());
        return sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(executionArn)).pipelineExecutionSteps()
                .stream().filter(step -> step.metadata() != null && step.metadata().callback() != null)
                .map(PipelineExecutionStep::metadata).map(m -> m.callback().callbackToken())
                .findFirst().orElseThrow();
    }

    /** The tokens whose messages are on the queue; they are visible again when this returns. */
    Set<String> tokensOnQueue() throws Exception {
        Set<String> tokens = new HashSet<>();
        List<Message> received;
        List<Message> all = new ArrayList<>();
        do {
            received = sandbox.sqs().receiveMessage(b -> b.queueUrl(manualReviewQueue()).maxNumberOfMessages(10)
                    .visibilityTimeout(30)).messages();
            all.addAll(received);
        } while (!received.isEmpty());
        for (Message message : all) {
            tokens.add(JSON.readTree(message.body()).get("token").asText());
            sandbox.sqs().changeMessageVisibility(b -> b.queueUrl(manualReviewQueue())
                    .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }
        return tokens;
    }

    @Override
    public void close() {
        sageMaker.close();
        if (ownSts) {
            sts.close();
        }
        sandbox.close();
    }
}
