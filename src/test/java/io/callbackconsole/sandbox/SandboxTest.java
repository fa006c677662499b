package io.callbackconsole.sandbox;

import static io.callbackconsole.sandbox.SandboxClients.queueNamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The facade as the launcher uses it: defaults, seeded executions waiting on local queues, and a clean stop. */
class SandboxTest {

    @Test
    void defaultsSeedExecutionsWhoseMessagesWaitOnTheLocalQueues() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
             SageMakerClient sageMaker = SandboxClients.sageMaker(sandbox);
             SqsClient sqs = SandboxClients.sqs(sandbox.sqsEndpoint(), sandbox.region())) {

            assertThat(sandbox.region()).isEqualTo("us-east-2");
            assertThat(sandbox.accountId()).isEqualTo("000000000000");
            assertThat(sandbox.queueUrls()).containsExactly(
                    sandbox.sqsEndpoint() + "/000000000000/manual-review",
                    sandbox.sqsEndpoint() + "/000000000000/data-quality",
                    sandbox.sqsEndpoint() + "/000000000000/release-approvals");

            List<JsonNode> reviews = receiveAll(sqs, queueNamed(sandbox, "manual-review"));
            assertThat(reviews).hasSize(2);
            assertThat(reviews).extracting(m -> m.at("/arguments/inputData").asText()).doesNotHaveDuplicates();
            assertThat(receiveAll(sqs, queueNamed(sandbox, "data-quality"))).singleElement()
                    .satisfies(m -> assertThat(m.get("status").asText()).isEqualTo("Executing"));
            assertThat(visibleMessages(sqs, queueNamed(sandbox, "release-approvals"))).isZero();

            List<PipelineExecutionSummary> approvals = sageMaker.listPipelineExecutions(
                    b -> b.pipelineName("manual-approval")).pipelineExecutionSummaries();
            assertThat(approvals).hasSize(2).allSatisfy(e ->
                    assertThat(e.pipelineExecutionStatusAsString()).isEqualTo("Executing"));
            assertThat(reviews).extracting(m -> m.get("pipelineExecutionArn").asText())
                    .containsExactlyInAnyOrderElementsOf(
                            approvals.stream().map(PipelineExecutionSummary::pipelineExecutionArn).toList());
        }
    }

    @Test
    void withoutSeedingTheQueuesStayEmptyAndThePipelinesAreRegistered() {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
             SageMakerClient sageMaker = SandboxClients.sageMaker(sandbox)) {
            for (String queue : sandbox.queueUrls()) {
                assertThat(visibleMessages(sandbox.sqs(), queue)).as(queue).isZero();
            }
            assertThat(sageMaker.listPipelines(b -> b.maxResults(100)).pipelineSummaries())
                    .extracting(s -> s.pipelineName()).containsExactlyInAnyOrder("manual-approval", "two-gates");
        }
    }

    @Test
    void closeStopsBothServers() {
        Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        var sageMakerEndpoint = sandbox.sageMakerEndpoint();
        var sqsEndpoint = sandbox.sqsEndpoint();

        sandbox.close();

        HttpClient http = HttpClient.newHttpClient();
        for (var endpoint : List.of(sageMakerEndpoint, sqsEndpoint)) {
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(endpoint)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()))
                    .as(endpoint.toString())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anSqsPortInUseFailsTheStartAndLeavesNothingRunning() throws Exception {
        int sageMakerPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            sageMakerPort = probe.getLocalPort();
        }
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // ElasticMQ starts beside the simulator: its failure must stop the simulator that came up meanwhile.
            assertThatThrownBy(() -> Sandbox.start(new SandboxOptions(taken.getLocalPort(), sageMakerPort, true)))
                    .hasMessageContaining(":" + taken.getLocalPort());
        }
        try (ServerSocket again = new ServerSocket(sageMakerPort, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("the simulator's port is free again").isEqualTo(sageMakerPort);
        }
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> new SandboxOptions(-1, 0, true)).hasMessageContaining("sqsPort");
        assertThatThrownBy(() -> new SandboxOptions(0, 70000, true)).hasMessageContaining("sageMakerPort");
    }

    private static List<JsonNode> receiveAll(SqsClient sqs, String queueUrl) {
        List<JsonNode> bodies = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            batch.forEach(m -> bodies.add(SandboxClients.parse(m.body())));
        } while (!batch.isEmpty());
        return bodies;
    }

    private static int visibleMessages(SqsClient sqs, String queueUrl) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }
}
