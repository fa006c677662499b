package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The JSON 1.1 wire format as a plain HTTP client sees it, without the SDK's error mapping in between. */
class SageMakerSimulatorWireTest {
    private static EmbeddedSqs embeddedSqs;
    private static SqsClient sqs;
    private static SageMakerSimulator simulator;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        embeddedSqs = EmbeddedSqs.start(0, "us-east-2");
        sqs = SandboxClients.sqs(embeddedSqs.endpoint(), "us-east-2");
        String queue = sqs.createQueue(b -> b.queueName("wire-test")).queueUrl();
        simulator = SageMakerSimulator.start(0, "us-east-2", "123456789012", sqs);
        simulator.registerPipeline("wire", """
                {"Version": "2020-12-01", "Parameters": [{"Name": "Count", "Type": "Integer", "DefaultValue": 3},
                                                          {"Name": "Dry", "Type": "Boolean", "DefaultValue": false}],
                 "Steps": [{"Name": "Gate", "Type": "Callback", "SqsQueueUrl": "%s",
                            "Arguments": {"count": {"Get": "Parameters.Count"}, "dry": {"Get": "Parameters.Dry"},
                                          "nested": [{"Get": "Parameters.Count"}]}}]}
                """.formatted(queue), "a pipeline for wire tests");
    }

    @AfterAll
    static void stop() {
        simulator.close();
        sqs.close();
        embeddedSqs.close();
    }

    @Test
    void aBodyThatIsNotJsonIsASerializationException() throws Exception {
        HttpResponse<String> response = post("SageMaker.SendPipelineExecutionStepFailure", "CallbackToken=abc");

        assertError(response, "SerializationException");
        assertThat(simulator.calls().get(simulator.calls().size() - 1))
                .isEqualTo(new RecordedCall("SendPipelineExecutionStepFailure", "CallbackToken=abc", 400,
                        "SerializationException"));
    }

    @Test
    void aMemberOfTheWrongTypeIsASerializationException() throws Exception {
        assertError(post("SageMaker.SendPipelineExecutionStepFailure", "{\"CallbackToken\": 1234567890}"),
                "SerializationException");
        assertError(post("SageMaker.SendPipelineExecutionStepFailure", "[1, 2]"), "SerializationException");
    }

    @Test
    void anUnknownOperationIsUnknownOperationException() throws Exception {
        HttpResponse<String> response = post("SageMaker.DeleteEverything", "{}");

        JsonNode body = assertError(response, "UnknownOperationException");
        assertThat(body.get("message").asText()).contains("DeleteEverything");
        assertThat(simulator.callsTo("DeleteEverything")).singleElement()
                .extracting(RecordedCall::errorCode).isEqualTo("UnknownOperationException");
    }

    @Test
    void aMissingTargetIsUnknownOperationException() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(simulator.endpoint())
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertError(response, "UnknownOperationException");
    }

    @Test
    void successAnswersCarryTheProtocolHeadersAndEpochSecondTimestamps() throws Exception {
        String start = post("SageMaker.StartPipelineExecution", "{\"PipelineName\": \"wire\", \"ClientRequestToken\": \""
                + UUID.randomUUID() + "\", \"PipelineParameters\": [{\"Name\": \"Dry\", \"Value\": \"true\"}]}").body();
        String arn = SandboxClients.parse(start).get("PipelineExecutionArn").asText();
        assertThat(arn).matches("arn:aws:sagemaker:us-east-2:123456789012:pipeline/wire/execution/[a-z0-9]{12}");

        HttpResponse<String> response = post("SageMaker.DescribePipelineExecution",
                "{\"PipelineExecutionArn\": \"" + arn + "\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        assertThat(response.headers().firstValue("x-amzn-RequestId").orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
        JsonNode body = SandboxClients.parse(response.body());
        assertThat(body.get("CreationTime").isNumber()).isTrue();
        assertThat(body.get("CreationTime").asDouble()).isGreaterThan(1.5e9);
        assertThat(body.get("PipelineExecutionStatus").asText()).isEqualTo("Executing");
    }

    @Test
    void aCallbackStepsMetadataHasOnlyTheMembersOfTheModelsCallbackStepMetadata() throws Exception {
        String arn = simulator.startExecution("wire", Map.of());
        String token = simulator.callbackToken(arn, "Gate");
        // The message is on the queue, so the simulator knows its SQS message id: it must still not show it.
        SandboxClients.awaitCallbackMessage(sqs, embeddedSqs.queueUrl("wire-test"), arn);
        post("SageMaker.SendPipelineExecutionStepSuccess", "{\"CallbackToken\": \"" + token
                + "\", \"OutputParameters\": [{\"Name\": \"ticket\", \"Value\": \"T-1\"}]}");

        HttpResponse<String> response = post("SageMaker.ListPipelineExecutionSteps",
                "{\"PipelineExecutionArn\": \"" + arn + "\"}");

        JsonNode callback = SandboxClients.parse(response.body()).at("/PipelineExecutionSteps/0/Metadata/Callback");
        List<String> members = new ArrayList<>();
        callback.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactly("CallbackToken", "SqsQueueUrl", "OutputParameters");
    }

    @Test
    void argumentsAreTypedByTheDeclaredParameterTypeAtAnyDepth() throws Exception {
        String arn = simulator.startExecution("wire", Map.of("Count", "7"));
        String queue = embeddedSqs.queueUrl("wire-test");

        JsonNode message = SandboxClients.awaitCallbackMessage(sqs, queue, arn);

        assertThat(message.get("arguments")).isEqualTo(
                SandboxClients.parse("{\"count\": 7, \"dry\": false, \"nested\": [7]}"));
        assertThat(message.get("arguments").get("count").isIntegralNumber()).isTrue();
        assertThat(message.get("arguments").get("dry").isBoolean()).isTrue();
    }

    @Test
    void theJavaApiRefusesAsTheOperationDoes() {
        assertThatThrownBy(() -> simulator.startExecution("absent", Map.of()))
                .isInstanceOfSatisfying(SageMakerSimulatorException.class, e ->
                        assertThat(e.errorCode()).isEqualTo("ResourceNotFound"));
        assertThatThrownBy(
                        () -> simulator.startExecution("wire", Map.of("Count", "seven")))
                .isInstanceOfSatisfying(SageMakerSimulatorException.class, e ->
                        assertThat(e.errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void aCallbackMessageThatCannotBeSentFailsItsStepVisibly() throws Exception {
        // The sandbox makes the queue a definition names; deleted afterwards, the step's message cannot be sent.
        simulator.registerPipeline("no-queue", """
                {"Steps": [{"Name": "Gate", "Type": "Callback", "Arguments": {},
                            "SqsQueueUrl": "https://sqs.us-east-2.amazonaws.com/123456789012/deleted-queue"}]}
                """, null);
        sqs.deleteQueue(b -> b.queueUrl(embeddedSqs.queueUrl("deleted-queue")));

        String arn = simulator.startExecution("no-queue", Map.of());

        JsonNode execution = SandboxClients.parse(post("SageMaker.DescribePipelineExecution",
                "{\"PipelineExecutionArn\": \"" + arn + "\"}").body());
        assertThat(execution.get("PipelineExecutionStatus").asText()).isEqualTo("Failed");
        assertThat(execution.get("FailureReason").asText()).contains("Gate").contains("deleted-queue");
    }

    private static HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + "/"))
                        .header("Content-Type", "application/x-amz-json-1.1")
                        .header("X-Amz-Target", target)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertError(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(code);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        JsonNode body = SandboxClients.parse(response.body());
        assertThat(body.get("__type").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        return body;
    }
}
