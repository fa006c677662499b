package io.callbackconsole.sandbox;

import static io.callbackconsole.sandbox.SandboxClients.awaitCallbackMessage;
import static io.callbackconsole.sandbox.SandboxClients.queueNamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ConflictException;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.ListPipelineExecutionStepsResponse;
import software.amazon.awssdk.services.sagemaker.model.OutputParameter;
import software.amazon.awssdk.services.sagemaker.model.Parameter;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.StepStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The callback flow through the real AWS SDK v2 clients against a running sandbox (no seeded executions). */
class SageMakerSimulatorCallbackTest {
    private static Sandbox sandbox;
    private static SageMakerClient sageMaker;
    private static SqsClient sqs;
    private static String manualReviewQueue;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        sageMaker = SandboxClients.sageMaker(sandbox);
        sqs = SandboxClients.sqs(sandbox.sqsEndpoint(), sandbox.region());
        manualReviewQueue = queueNamed(sandbox, "manual-review");
    }

    @AfterAll
    static void stopSandbox() {
        sageMaker.close();
        sqs.close();
        sandbox.close();
    }

    @Test
    void callbackMessageHasTheFixtureShapeWithResolvedArguments() throws IOException {
        String arn = sageMaker.startPipelineExecution(b -> b.pipelineName("manual-approval")
                .pipelineParameters(Parameter.builder().name("Threshold").value("0.75").build()))
                .pipelineExecutionArn();

        JsonNode message = awaitCallbackMessage(sqs, manualReviewQueue, arn);

        JsonNode fixture = fixture("executing-basic.json");
        assertThat(fieldNames(message)).containsExactlyElementsOf(fieldNames(fixture));
        fixture.fieldNames().forEachRemaining(field ->
                assertThat(message.get(field).getNodeType()).as(field).isEqualTo(fixture.get(field).getNodeType()));
        assertThat(message.get("token").asText()).matches("[a-zA-Z0-9]{10}");
        assertThat(message.get("pipelineExecutionArn").asText())
                .isEqualTo(arn)
                .matches("arn:aws:sagemaker:us-east-2:000000000000:pipeline/manual-approval/execution/[a-z0-9]{12}");
        assertThat(message.get("status").asText()).isEqualTo("Executing");
        assertThat(message.get("arguments")).isEqualTo(SandboxClients.parse(
                "{\"inputData\":\"s3://example-bucket/abalone/abalone-dataset.csv\",\"threshold\":0.75,"
                        + "\"owner\":\"ml-platform\"}"));
        assertThat(message.get("arguments").get("threshold").isNumber()).isTrue();
    }

    @Test
    void stepsListTheWaitingCallbackWithItsTokenAndQueue() {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();

        List<PipelineExecutionStep> steps = sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(arn))
                .pipelineExecutionSteps();

        // Most recently started first; Train has not started.
        assertThat(steps).extracting(PipelineExecutionStep::stepName).containsExactly("ManualReview", "Preprocess");
        PipelineExecutionStep review = steps.get(0);
        assertThat(review.stepStatus()).isEqualTo(StepStatus.EXECUTING);
        assertThat(review.startTime()).isNotNull();
        assertThat(review.endTime()).isNull();
        assertThat(review.attemptCount()).isEqualTo(1);
        assertThat(review.metadata().callback().callbackToken()).isEqualTo(token);
        assertThat(review.metadata().callback().sqsQueueUrl()).isEqualTo(manualReviewQueue);
        assertThat(steps.get(1).stepStatus()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(steps.get(1).metadata().processingJob().arn()).contains(":processing-job/pipelines-");
    }

    @Test
    void failureWithAReasonFailsTheStepAndTheExecution() {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();
        String reason = "Input data has 12% null labels; rejected by reviewer";

        String answered = sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token)
                .failureReason(reason).clientRequestToken(UUID.randomUUID().toString())).pipelineExecutionArn();

        assertThat(answered).isEqualTo(arn);
        DescribePipelineExecutionResponse execution = describe(arn);
        assertThat(execution.pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.FAILED);
        assertThat(execution.failureReason()).contains("ManualReview").contains(reason);
        PipelineExecutionStep review = step(arn, "ManualReview");
        assertThat(review.stepStatus()).isEqualTo(StepStatus.FAILED);
        assertThat(review.failureReason()).isEqualTo(reason);
        assertThat(review.endTime()).isNotNull();
        assertThat(stepNames(arn)).doesNotContain("Train");

        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").stream()
                .filter(c -> token.equals(SandboxClients.parse(c.requestBody()).path("CallbackToken").asText()))
                .toList();
        assertThat(calls).hasSize(1);
        JsonNode request = SandboxClients.parse(calls.get(0).requestBody());
        assertThat(request.get("FailureReason").asText()).isEqualTo(reason);
        assertThat(calls.get(0).httpStatus()).isEqualTo(200);
        assertThat(calls.get(0).succeeded()).isTrue();
    }

    @Test
    void aRetryWithTheSameClientRequestTokenGetsTheFirstAnswerAndChangesNothing() {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();
        String clientRequestToken = UUID.randomUUID().toString();
        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token).failureReason("first")
                .clientRequestToken(clientRequestToken));
        DescribePipelineExecutionResponse before = describe(arn);
        PipelineExecutionStep stepBefore = step(arn, "ManualReview");

        String retried = sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token)
                .failureReason("first").clientRequestToken(clientRequestToken)).pipelineExecutionArn();

        assertThat(retried).isEqualTo(arn);
        // Responses compare by content through toString: equals() also compares per-response metadata.
        assertThat(describe(arn).toString()).isEqualTo(before.toString());
        assertThat(step(arn, "ManualReview")).isEqualTo(stepBefore);
    }

    @Test
    void aNewDecisionOnAnAnsweredTokenIsAConflict() {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();
        String firstRequest = UUID.randomUUID().toString();
        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token).failureReason("rejected")
                .clientRequestToken(firstRequest));

        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token)
                .clientRequestToken(UUID.randomUUID().toString())))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("has already been used");
        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token)
                .failureReason("rejected").clientRequestToken(UUID.randomUUID().toString())))
                .isInstanceOf(ConflictException.class);
        // The same ClientRequestToken with another reason is not a retry of the first call either.
        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token)
                .failureReason("another reason").clientRequestToken(firstRequest)))
                .isInstanceOf(ConflictException.class);
        assertThat(step(arn, "ManualReview").failureReason()).isEqualTo("rejected");
    }

    @Test
    void anUnknownTokenIsResourceNotFound() {
        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken("Zz9Zz9Zz9Z")
                .failureReason("no such token")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"))
                .hasMessageContaining("Zz9Zz9Zz9Z");
    }

    @Test
    void unknownExecutionsAndPipelinesAreResourceNotFound() {
        String missing = "arn:aws:sagemaker:us-east-2:000000000000:pipeline/manual-approval/execution/000000000000";
        assertThatThrownBy(() -> describe(missing)).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> sageMaker.startPipelineExecution(b -> b.pipelineName("no-such-pipeline")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aNineCharacterTokenIsRefusedByTheServiceNotTheClient() {
        int callsBefore = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();

        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken("abc123XYZ")
                .failureReason("too short")))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.getClass()).isEqualTo(SageMakerException.class);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                })
                .hasMessageContaining("1 validation error detected: Value 'abc123XYZ' at 'callbackToken' failed to "
                        + "satisfy constraint: Member must have length greater than or equal to 10");

        // The SDK v2 checks no lengths itself: the call reached the simulator, which refused it.
        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure");
        assertThat(calls).hasSize(callsBefore + 1);
        assertThat(calls.get(calls.size() - 1).errorCode()).isEqualTo("ValidationException");
    }

    @Test
    void aReasonLongerThan256CodePointsIsAValidationError() {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();

        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token)
                .failureReason("r".repeat(257))))
                .isInstanceOfSatisfying(SageMakerException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"))
                .hasMessageContaining("at 'failureReason' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256");
        assertThat(step(arn, "ManualReview").stepStatus()).isEqualTo(StepStatus.EXECUTING);

        // 256 code points outside the BMP are 512 UTF-16 chars, and still within the limit.
        String emoji = "\uD83D\uDE80".repeat(256);
        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token).failureReason(emoji));
        assertThat(step(arn, "ManualReview").failureReason()).isEqualTo(emoji);
    }

    @Test
    void violationsAreAllNamedAtOnce() {
        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken("bad-token!")
                .clientRequestToken("short")))
                .hasMessageContaining("2 validation errors detected")
                .hasMessageContaining("Member must satisfy regular expression pattern: [a-zA-Z0-9]+")
                .hasMessageContaining("at 'clientRequestToken' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 32");
    }

    @Test
    void successRecordsOutputsAndTheSecondGateSendsItsMessage() {
        String arn = sageMaker.startPipelineExecution(b -> b.pipelineName("two-gates")
                .pipelineParameters(Parameter.builder().name("ModelName").value("churn-v2").build()))
                .pipelineExecutionArn();
        JsonNode first = awaitCallbackMessage(sqs, queueNamed(sandbox, "data-quality"), arn);
        assertThat(first.get("arguments")).isEqualTo(SandboxClients.parse("{\"model\":\"churn-v2\"}"));
        assertThat(stepNames(arn)).containsExactly("DataQualityGate");

        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(first.get("token").asText())
                .outputParameters(OutputParameter.builder().name("checkedRows").value("1200").build()));

        JsonNode second = awaitCallbackMessage(sqs, queueNamed(sandbox, "release-approvals"), arn);
        assertThat(second.get("token").asText()).isNotEqualTo(first.get("token").asText());
        assertThat(second.get("arguments")).isEqualTo(SandboxClients.parse("{\"stage\":\"prod\"}"));
        PipelineExecutionStep gate = step(arn, "DataQualityGate");
        assertThat(gate.stepStatus()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(gate.metadata().callback().outputParameters())
                .containsExactly(OutputParameter.builder().name("checkedRows").value("1200").build());
        assertThat(step(arn, "ReleaseGate").stepStatus()).isEqualTo(StepStatus.EXECUTING);
        assertThat(describe(arn).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.EXECUTING);

        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(second.get("token").asText())
                .outputParameters(OutputParameter.builder().name("ticket").value("CHG-1042").build()));
        assertThat(describe(arn).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
    }

    @Test
    void stepPagesWithMaxResultsSmallerThanTheList() {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();
        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token));
        assertThat(describe(arn).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);

        ListPipelineExecutionStepsResponse firstPage = sageMaker.listPipelineExecutionSteps(b -> b
                .pipelineExecutionArn(arn).maxResults(2).sortOrder(SortOrder.ASCENDING));
        assertThat(firstPage.pipelineExecutionSteps()).extracting(PipelineExecutionStep::stepName)
                .containsExactly("Preprocess", "ManualReview");
        assertThat(firstPage.nextToken()).isNotBlank();
        ListPipelineExecutionStepsResponse secondPage = sageMaker.listPipelineExecutionSteps(b -> b
                .pipelineExecutionArn(arn).maxResults(2).sortOrder(SortOrder.ASCENDING)
                .nextToken(firstPage.nextToken()));
        assertThat(secondPage.pipelineExecutionSteps()).extracting(PipelineExecutionStep::stepName)
                .containsExactly("Train");
        assertThat(secondPage.nextToken()).isNull();

        List<String> all = new ArrayList<>();
        sageMaker.listPipelineExecutionStepsPaginator(b -> b.pipelineExecutionArn(arn).maxResults(1))
                .pipelineExecutionSteps().forEach(s -> all.add(s.stepName()));
        assertThat(all).containsExactly("Train", "ManualReview", "Preprocess");
    }

    @Test
    void aForeignNextTokenIsRefused() {
        String arn = startManualApproval();
        assertThatThrownBy(() -> sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(arn)
                .nextToken("not-a-token")))
                .isInstanceOfSatisfying(SageMakerException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void startIsIdempotentByClientRequestToken() {
        String clientRequestToken = UUID.randomUUID().toString();
        String first = sageMaker.startPipelineExecution(b -> b.pipelineName("two-gates")
                .clientRequestToken(clientRequestToken)).pipelineExecutionArn();
        String again = sageMaker.startPipelineExecution(b -> b.pipelineName("two-gates")
                .clientRequestToken(clientRequestToken)).pipelineExecutionArn();

        assertThat(again).isEqualTo(first);
        List<String> executions = new ArrayList<>();
        sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName("two-gates").maxResults(1))
                .pipelineExecutionSummaries().forEach(s -> executions.add(s.pipelineExecutionArn()));
        assertThat(executions).containsOnlyOnce(first);
        assertThatThrownBy(() -> sageMaker.startPipelineExecution(b -> b.pipelineName("two-gates")
                .clientRequestToken(clientRequestToken)
                .pipelineParameters(Parameter.builder().name("ModelName").value("other").build())))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void parametersOfAnUndeclaredNameOrTheWrongTypeAreRefused() {
        assertThatThrownBy(() -> sageMaker.startPipelineExecution(b -> b.pipelineName("manual-approval")
                .pipelineParameters(Parameter.builder().name("Threshold").value("high").build())))
                .hasMessageContaining("not a valid Float");
        assertThatThrownBy(() -> sageMaker.startPipelineExecution(b -> b.pipelineName("manual-approval")
                .pipelineParameters(Parameter.builder().name("Nope").value("1").build())))
                .hasMessageContaining("[Nope]");
    }

    @Test
    void contextLookupsDescribeThePipelineAndTheExecutionParameters() {
        String arn = sageMaker.startPipelineExecution(b -> b.pipelineName("manual-approval")
                .pipelineExecutionDisplayName("nightly-42")
                .pipelineParameters(Parameter.builder().name("Threshold").value("0.5").build()))
                .pipelineExecutionArn();

        assertThat(describe(arn).pipelineExecutionDisplayName()).isEqualTo("nightly-42");
        assertThat(sageMaker.listPipelines(b -> b.sortOrder(SortOrder.ASCENDING)).pipelineSummaries())
                .extracting(s -> s.pipelineName()).containsSubsequence("manual-approval", "two-gates");
        String definition = sageMaker.describePipeline(b -> b.pipelineName("manual-approval")).pipelineDefinition();
        assertThat(SandboxClients.parse(definition).at("/Steps/1/SqsQueueUrl").asText()).isEqualTo(manualReviewQueue);
        // The pipeline ARN works wherever a name does.
        String pipelineArn = describe(arn).pipelineArn();
        assertThat(sageMaker.describePipeline(b -> b.pipelineName(pipelineArn)).pipelineName())
                .isEqualTo("manual-approval");
        assertThat(sageMaker.listPipelineParametersForExecution(b -> b.pipelineExecutionArn(arn))
                .pipelineParameters())
                .containsExactly(
                        Parameter.builder().name("InputData")
                                .value("s3://example-bucket/abalone/abalone-dataset.csv").build(),
                        Parameter.builder().name("Threshold").value("0.5").build());
    }

    @Test
    void parallelCallbackStepsWaitTogetherAndAFailureStopsTheOther() {
        String queue = queueNamed(sandbox, "data-quality");
        sandbox.simulator().registerPipeline("parallel-gates", """
                {"Version": "2020-12-01", "Parameters": [],
                 "Steps": [
                   {"Name": "Legal", "Type": "Callback", "Arguments": {}, "SqsQueueUrl": "%1$s"},
                   {"Name": "Security", "Type": "Callback", "Arguments": {}, "SqsQueueUrl": "%1$s"},
                   {"Name": "Deploy", "Type": "Processing", "DependsOn": ["Legal", "Security"], "Arguments": {}}]}
                """.formatted(queue), null);

        String approved = sandbox.simulator().startExecution("parallel-gates", Map.of());
        assertThat(sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(approved))
                .pipelineExecutionSteps()).extracting(PipelineExecutionStep::stepStatus)
                .containsExactly(StepStatus.EXECUTING, StepStatus.EXECUTING);
        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token(approved, "Legal")));
        assertThat(stepNames(approved)).doesNotContain("Deploy");
        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token(approved, "Security")));
        assertThat(describe(approved).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(step(approved, "Deploy").stepStatus()).isEqualTo(StepStatus.SUCCEEDED);

        String rejected = sandbox.simulator().startExecution("parallel-gates", Map.of());
        String securityToken = token(rejected, "Security");
        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token(rejected, "Legal"))
                .failureReason("contract missing"));
        assertThat(step(rejected, "Security").stepStatus()).isEqualTo(StepStatus.STOPPED);
        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(securityToken)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void concurrentDecisionsOnOneTokenLetExactlyOneThrough() throws Exception {
        String arn = startManualApproval();
        String token = awaitCallbackMessage(sqs, manualReviewQueue, arn).get("token").asText();
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                String reason = "racer " + i;
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token).failureReason(reason)
                                .clientRequestToken(UUID.randomUUID().toString()));
                        return reason;
                    } catch (ConflictException e) {
                        return "conflict";
                    }
                }));
            }
            go.countDown();
            List<String> results = new ArrayList<>();
            for (Future<String> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            List<String> winners = results.stream().filter(r -> !r.equals("conflict")).toList();
            assertThat(winners).hasSize(1);
            assertThat(step(arn, "ManualReview").failureReason()).isEqualTo(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String startManualApproval() {
        return sageMaker.startPipelineExecution(b -> b.pipelineName("manual-approval")).pipelineExecutionArn();
    }

    private static DescribePipelineExecutionResponse describe(String arn) {
        return sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn));
    }

    private static List<String> stepNames(String arn) {
        return sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(arn)).pipelineExecutionSteps()
                .stream().map(PipelineExecutionStep::stepName).toList();
    }

    private static PipelineExecutionStep step(String arn, String name) {
        return sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(arn)).pipelineExecutionSteps()
                .stream().filter(s -> s.stepName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No step " + name + " in " + arn));
    }

    private static String token(String arn, String stepName) {
        return step(arn, stepName).metadata().callback().callbackToken();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = SageMakerSimulatorCallbackTest.class.getResourceAsStream("/fixtures/messages/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return SandboxClients.JSON.readTree(in);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
