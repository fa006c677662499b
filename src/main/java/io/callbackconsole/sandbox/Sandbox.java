package io.callbackconsole.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final EmbeddedSqs embeddedSqs;
    private final SqsClient sqs;
    private final SageMakerSimulator simulator;
    private StsSimulator sts;
    private IamSimulator iam;

    private Sandbox(EmbeddedSqs embeddedSqs, SqsClient sqs, SageMakerSimulator simulator) {
        this.embeddedSqs = embeddedSqs;
        this.sqs = sqs;
        this.simulator = simulator;
    }

    /** Starts both servers and prepares the bundled pipelines; on failure, whatever started is stopped again. */
    public static Sandbox start(SandboxOptions options) {
        Map<String, String> definitions = new LinkedHashMap<>();
        BUNDLED_PIPELINES.forEach(name -> definitions.put(name, readResource(PIPELINE_RESOURCES + name + ".json")));

        EmbeddedSqs embeddedSqs = EmbeddedSqs.start(options.sqsPort(), REGION);
        SqsClient sqs = null;
        SageMakerSimulator simulator = null;
        try {
            sqs = SqsClient.builder()
                    .endpointOverride(embeddedSqs.endpoint())
                    .region(Region.of(REGION))
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("sandbox", "sandbox")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build();
            simulator = SageMakerSimulator.start(options.sageMakerPort(), REGION, ACCOUNT_ID, sqs);
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
            Sandbox sandbox = new Sandbox(embeddedSqs, sqs, simulator);
            // STS on a free port: it only answers who the sandbox says the console is.
            sandbox.sts = StsSimulator.start(0, ACCOUNT_ID);
            // IAM on a free port: it only names the sandbox's account, so the header shows an alias as for AWS.
            try {
                sandbox.iam = IamSimulator.start(0, ACCOUNT_ID, IamSimulator.SANDBOX_ALIAS);
            } catch (RuntimeException e) {
                sandbox.sts.close();
                throw e;
            }
            log.info("Sandbox ready: SQS {}, SageMaker {}, queues {}", sandbox.sqsEndpoint(),
                    sandbox.sageMakerEndpoint(), sandbox.queueUrls());
            return sandbox;
        } catch (RuntimeException e) {
            if (simulator != null) {
                simulator.close();
            }
            if (sqs != null) {
                sqs.close();
            }
            embeddedSqs.close();
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
        simulator.close();
        sqs.close();
        embeddedSqs.close();
    }
}
