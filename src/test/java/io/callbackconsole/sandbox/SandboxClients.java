package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Real AWS SDK clients pointed at a running sandbox, and a way to wait for one execution's callback message. */
final class SandboxClients {
    static final ObjectMapper JSON = new ObjectMapper();

    private SandboxClients() {
    }

    static SageMakerClient sageMaker(Sandbox sandbox) {
        return SageMakerClient.builder()
                .endpointOverride(sandbox.sageMakerEndpoint())
                .region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    static SqsClient sqs(URI endpoint, String region) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /**
     * Receives from the queue until the callback message of {@code executionArn} arrives, and deletes every message
     * it reads (earlier tests' messages included), so tests sharing a queue do not see each other's leftovers.
     *
     * @return the message body, parsed
     * @throws AssertionError when no such message arrives within ten seconds
     */
    static JsonNode awaitCallbackMessage(SqsClient sqs, String queueUrl, String executionArn) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages()) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                JsonNode body = parse(message.body());
                if (executionArn.equals(body.path("pipelineExecutionArn").asText())) {
                    return body;
                }
            }
        }
        throw new AssertionError("No callback message of " + executionArn + " arrived on " + queueUrl);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The local queue whose name is {@code name}. */
    static String queueNamed(Sandbox sandbox, String name) {
        return sandbox.queueUrls().stream().filter(u -> u.endsWith("/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("No queue " + name + " in " + sandbox.queueUrls()));
    }
}
