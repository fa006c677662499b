package io.callbackconsole.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The console's default world without an AWS account: a real SQS server (ElasticMQ) and the SageMaker Pipelines
 * simulator, with the bundled pipelines registered, one queue per callback queue they name, and (when seeding) a few
 * executions already waiting on their callback steps.
 */
public final class Sandbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    public static final String REGION = "us-east-2";
    public static final String ACCOUNT_ID = EmbeddedSqs.ACCOUNT_ID;
    /** The bundled pipelines, each {@code io/callbackconsole/sandbox/pipelines/<name>.json}; a jar cannot be listed. */
    public static final List<String> BUNDLED_PIPELINES = List.of("manual-approval", "two-gates");
    private static final String PIPELINE_RESOURCES = "/io/callbackconsole/sandbox/pipelines/";

    /** ElasticMQ starting, or started; closing the sandbox stops it whenever its start ends. */
    private final CompletableFuture<EmbeddedSqs> sqsServer;
    private EmbeddedSqs embeddedSqs;
    private SqsClient sqs;
    private SageMakerSimulator simulator;
    private StsSimulator sts;
    private IamSimulator iam;

    private Sandbox(CompletableFuture<EmbeddedSqs> sqsServer) {
        this.sqsServer = sqsServer;
    }

    /**
     * Starts both servers and prepares the bundled pipelines; on failure, whatever started is stopped again.
     * ElasticMQ, the slowest part by far (Pekko and Scala load), starts on a thread of its own while the SDK's SQS
     * client, the simulator and STS and IAM come up here; only the queues and the seeds wait for it.
     */
    public static Sandbox start(SandboxOptions options) {
        Map<String, String> definitions = new LinkedHashMap<>();
        BUNDLED_PIPELINES.forEach(name -> definitions.put(name, readResource(PIPELINE_RESOURCES + name + ".json")));

        int sqsPort = options.sqsPort() == 0 ? EmbeddedSqs.freePort() : options.sqsPort();
        CompletableFuture<EmbeddedSqs> sqsServer = startAside(() -> EmbeddedSqs.start(sqsPort, REGION));
        Sandbox sandbox = new Sandbox(sqsServer);
        try {
            sandbox.sqs = SqsClient.builder()
                    .endpointOverride(EmbeddedSqs.endpoint(sqsPort))
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("sandbox", "sandbox")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build();
            sandbox.simulator = SageMakerSimulator.start(options.sageMakerPort(), REGION, ACCOUNT_ID, sandbox.sqs);
            // STS on a free port: it only answers who the sandbox says the console is.
            sandbox.sts = StsSimulator.start(0, ACCOUNT_ID);
            // IAM on a free port: it only names the sandbox's account, so the header shows an alias as for AWS.
            sandbox.iam = IamSimulator.start(0, ACCOUNT_ID, IamSimulator.SANDBOX_ALIAS);
            sandbox.embeddedSqs = join(sqsServer);
            SageMakerSimulator simulator = sandbox.simulator;
            for (Map.Entry<String, String> pipeline : definitions.entrySet()) {
                simulator.registerPipeline(pipeline.getKey(), pipeline.getValue(),
                        "Bundled sandbox pipeline " + pipeline.getKey());
            }
            for (SandboxPipeline own : options.ownPipelines()) {
                simulator.registerPipeline(own.name(), own.definitionJson(), "A pipeline of your own");
            }
            if (options.seedExecutions()) {
                seed(simulator);
                for (SandboxPipeline own : options.ownPipelines()) {
                    try {
                        simulator.startExecution(own.name(), Map.of());
                    } catch (SageMakerSimulatorException e) {
                        // A parameter without a default, say: the pipeline is there, started with values on request.
                        log.warn("No execution of {} was started: {}", own.name(), e.getMessage());
                    }
                }
            }
            log.info("Sandbox ready: SQS {}, SageMaker {}, queues {}", sandbox.sqsEndpoint(),
                    sandbox.sageMakerEndpoint(), sandbox.queueUrls());
            return sandbox;
        } catch (RuntimeException | Error e) {
            sandbox.close();
            throw e;
        }
    }

    /** Runs {@code start} on a daemon thread of its own; the future holds what it started or why it did not. */
    private static CompletableFuture<EmbeddedSqs> startAside(Supplier<EmbeddedSqs> start) {
        CompletableFuture<EmbeddedSqs> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                started.complete(start.get());
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        }, "sandbox-sqs-start");
        thread.setDaemon(true);
        thread.start();
        return started;
    }

    /** Blocking: ElasticMQ once it is up; its start's own exception when it did not come up. */
    private static EmbeddedSqs join(CompletableFuture<EmbeddedSqs> sqsServer) {
        try {
            return sqsServer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Two runs of the approval pipeline with different inputs and one of the two-gate pipeline. */
    private static void seed(SageMakerSimulator simulator) {
        simulator.startExecution("manual-approval", Map.of());
        simulator.startExecution("manual-approval",
                Map.of("InputData", "s3://example-bucket/churn/2024-06/training.csv", "Threshold", "0.92"));
        simulator.startExecution("two-gates", Map.of("ModelName", "fraud-detector"));
    }

    private static String readResource(String path) {
        try (InputStream in = Sandbox.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Bundled pipeline " + path + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled pipeline " + path, e);
        }
    }

    public URI sqsEndpoint() {
        return embeddedSqs.endpoint();
    }

    public URI sageMakerEndpoint() {
        return simulator.endpoint();
    }

    public URI stsEndpoint() {
        return sts.endpoint();
    }

    public StsSimulator stsSimulator() {
        return sts;
    }

    public URI iamEndpoint() {
        return iam.endpoint();
    }

    public IamSimulator iamSimulator() {
        return iam;
    }

    /**
     * The local queue of every callback queue the sandbox's pipelines name, in the order they were first named: the
     * bundled pipelines' first, then those of pipelines created since.
     */
    public List<String> queueUrls() {
        return simulator.localQueueUrls();
    }

    public SageMakerSimulator simulator() {
        return simulator;
    }

    /** The SQS client the simulator sends callback messages through; closed with the sandbox. */
    public SqsClient sqs() {
        return sqs;
    }

    public String region() {
        return REGION;
    }

    public String accountId() {
        return ACCOUNT_ID;
    }

    @Override
    public void close() {
        if (sts != null) {
            sts.close();
        }
        if (iam != null) {
            iam.close();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (embeddedSqs != null) {
            embeddedSqs.close();
        } else {
            // Closed before ElasticMQ was up (a part beside it failed): stopped once its start ends.
            sqsServer.thenAccept(EmbeddedSqs::close);
        }
    }
}
