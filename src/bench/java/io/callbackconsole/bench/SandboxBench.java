package io.callbackconsole.bench;

import io.callbackconsole.app.SandboxOrAwsSessions;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The sandbox the benchmark runs against, with bare SDK clients for the baselines and helpers to fill queues. */
final class SandboxBench implements AutoCloseable {
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    final Sandbox sandbox;
    final ConnectionSettings connection;
    /** Plain SDK clients with their default settings: what a hand-written script would build. */
    final SqsClient bareSqs;
    final SageMakerClient bareSageMaker;

    private SandboxBench(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.connection = SandboxOrAwsSessions.sandboxConnection(sandbox);
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create("sandbox", "sandbox"));
        this.bareSqs = SqsClient.builder().endpointOverride(sandbox.sqsEndpoint()).region(Region.of(sandbox.region()))
                .credentialsProvider(credentials).httpClientBuilder(ApacheHttpClient.builder()).build();
        this.bareSageMaker = SageMakerClient.builder().endpointOverride(sandbox.sageMakerEndpoint())
                .region(Region.of(sandbox.region())).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    static SandboxBench start() {
        return new SandboxBench(Sandbox.start(new SandboxOptions(0, 0, false)));
    }

    String createQueue(String name) {
        return bareSqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    void deleteQueue(String queueUrl) {
        bareSqs.deleteQueue(b -> b.queueUrl(queueUrl));
    }

    /** Puts {@code count} distinct callback messages on the queue, 10 per SendMessageBatch, from 4 threads. */
    void fill(String queueUrl, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int start = 0; start < count; start += 10) {
                int from = start;
                int to = Math.min(count, start + 10);
                sent.add(pool.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = from; i < to; i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(callbackBody(i))
                                .build());
                    }
                    var response = bareSqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                    if (!response.failed().isEmpty()) {
                        throw new IllegalStateException("SendMessageBatch failed: " + response.failed());
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A callback message as a SageMaker callback step sends it, with a fresh token and execution. */
    static String callbackBody(int n) {
        return "{\"token\": \"" + random(10) + "\", \"pipelineExecutionArn\": \"arn:aws:sagemaker:us-east-2:"
                + Sandbox.ACCOUNT_ID + ":pipeline/bench-pipeline/execution/" + random(12).toLowerCase()
                + "\", \"arguments\": {\"number\": " + n + ", \"stringArg\": \"some-arg\", \"dataset\": "
                + "\"s3://example-bucket/bench/part-" + n + ".csv\"}, \"status\": \"Executing\"}";
    }

    static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    @Override
    public void close() {
        bareSageMaker.close();
        bareSqs.close();
        sandbox.close();
    }
}
