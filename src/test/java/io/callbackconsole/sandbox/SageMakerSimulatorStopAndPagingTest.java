package io.callbackconsole.sandbox;

import static io.callbackconsole.sandbox.SandboxClients.awaitCallbackMessage;
import static io.callbackconsole.sandbox.SandboxClients.queueNamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ConflictException;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.PipelineSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** StopPipelineExecution, steps that finish on their own, and pagination of every list call, through the SDK. */
class SageMakerSimulatorStopAndPagingTest {
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

    private static String status(String arn) {
        return sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn)).pipelineExecutionStatusAsString();
    }

    private static PipelineExecutionStep step(String arn, String name) {
        return sageMaker.listPipelineExecutionStepsPaginator(b -> b.pipelineExecutionArn(arn)).pipelineExecutionSteps()
                .stream().filter(s -> s.stepName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void stoppingSendsTheStoppingMessageAndAnAnswerStopsTheExecution() throws IOException {
        String arn = sandbox.simulator().startExecution("manual-approval", Map.of());
        JsonNode executing = awaitCallbackMessage(sqs, manualReviewQueue, arn);

        sageMaker.stopPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(UUID.randomUUID().toString()));

        assertThat(status(arn)).isEqualTo("Stopping");
        assertThat(step(arn, "ManualReview").stepStatusAsString()).isEqualTo("Stopping");
        JsonNode stopping = awaitCallbackMessage(sqs, manualReviewQueue, arn);
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/messages/stopping-basic.json")) {
            fixture = SandboxClients.JSON.readTree(in);
        }
        List<String> fixtureFields = new ArrayList<>();
        fixture.fieldNames().forEachRemaining(fixtureFields::add);
        List<String> fields = new ArrayList<>();
        stopping.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyElementsOf(fixtureFields);
        assertThat(stopping.get("status").asText()).isEqualTo("Stopping");
        assertThat(stopping.get("token")).isEqualTo(executing.get("token"));
        assertThat(stopping.get("arguments")).isEqualTo(executing.get("arguments"));

        // Asking again changes nothing and sends nothing.
        sageMaker.stopPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(UUID.randomUUID().toString()));
        assertThat(status(arn)).isEqualTo("Stopping");

        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(executing.get("token").asText())
                .failureReason("Stop acknowledged").clientRequestToken(UUID.randomUUID().toString()));

        assertThat(status(arn)).isEqualTo("Stopped");
        assertThat(step(arn, "ManualReview").stepStatusAsString()).isEqualTo("Stopped");
        sageMaker.stopPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(UUID.randomUUID().toString()));
        assertThat(status(arn)).as("stopping a stopped execution is accepted").isEqualTo("Stopped");
    }

    @Test
    void anEndedExecutionCannotBeStopped() {
        String arn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(arn, "ManualReview");
        sandbox.simulator().finishCallbackStep(token, "Failed");
        assertThatThrownBy(() -> sageMaker.stopPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(UUID.randomUUID().toString())))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).contains("Failed");
                });
    }

    @Test
    void aStepThatFinishesOnItsOwnLeavesItsTokenStale() {
        String arn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(arn, "ManualReview");

        sandbox.simulator().finishCallbackStep(token, "Succeeded");

        assertThat(step(arn, "ManualReview").stepStatusAsString()).isEqualTo("Succeeded");
        assertThat(status(arn)).isEqualTo("Succeeded");
        assertThatThrownBy(() -> sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token)
                .clientRequestToken(UUID.randomUUID().toString())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("Succeeded");
    }

    @Test
    void describeExecutionNamesWhoStartedIt() {
        String arn = sandbox.simulator().startExecution("two-gates", Map.of());
        var described = sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn));
        assertThat(described.createdBy().userProfileName()).isEqualTo("sandbox-user");
    }

    @Test
    void everyListCallPagesThroughMoreItemsThanOnePage() {
        // Pipelines of one processing step each (they end at once), one with many parameters and steps.
        int extraPipelines = 23;
        for (int i = 0; i < extraPipelines; i++) {
            sandbox.simulator().registerPipeline("paging-" + i,
                    "{\"Steps\":[{\"Name\":\"Only\",\"Type\":\"Processing\"}]}", null);
        }
        StringBuilder parameters = new StringBuilder();
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            parameters.append(i == 0 ? "" : ",").append("{\"Name\":\"P").append(i)
                    .append("\",\"Type\":\"String\",\"DefaultValue\":\"v").append(i).append("\"}");
            steps.append(i == 0 ? "" : ",").append("{\"Name\":\"S").append(i).append("\",\"Type\":\"Processing\"")
                    .append(i == 0 ? "" : ",\"DependsOn\":[\"S" + (i - 1) + "\"]").append('}');
        }
        sandbox.simulator().registerPipeline("paging-wide",
                "{\"Parameters\":[" + parameters + "],\"Steps\":[" + steps + "]}", null);
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            started.add(sandbox.simulator().startExecution("paging-wide", Map.of()));
        }

        List<String> names = sageMaker.listPipelinesPaginator(b -> b.maxResults(5)).pipelineSummaries().stream()
                .map(PipelineSummary::pipelineName).toList();
        assertThat(names).hasSize(2 + extraPipelines + 1).doesNotHaveDuplicates()
                .contains("manual-approval", "two-gates", "paging-0", "paging-22", "paging-wide");

        List<String> executions = sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName("paging-wide")
                .maxResults(5)).pipelineExecutionSummaries().stream()
                .map(PipelineExecutionSummary::pipelineExecutionArn).toList();
        assertThat(executions).containsExactlyInAnyOrderElementsOf(started);

        Map<String, String> values = new HashMap<>();
        sageMaker.listPipelineParametersForExecutionPaginator(b -> b.pipelineExecutionArn(started.get(0))
                .maxResults(4)).pipelineParameters().forEach(p -> values.put(p.name(), p.value()));
        assertThat(values).hasSize(14).containsEntry("P0", "v0").containsEntry("P13", "v13");

        assertThat(sageMaker.listPipelineExecutionStepsPaginator(b -> b.pipelineExecutionArn(started.get(0))
                .maxResults(3)).pipelineExecutionSteps().stream().map(PipelineExecutionStep::stepName))
                .hasSize(14).doesNotHaveDuplicates();

        assertThat(sandbox.simulator().callsTo("ListPipelines")).hasSizeGreaterThan(5);
        assertThat(sageMaker.describePipeline(b -> b.pipelineName("manual-approval")).pipelineDefinition())
                .contains("OutputParameters").contains(manualReviewQueue);
    }
}
