package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ConflictException;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.OutputParameter;
import software.amazon.awssdk.services.sagemaker.model.Parameter;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SelectedStep;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.StartPipelineExecutionRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The simulator refuses what the service model refuses and returns what it returns (sagemaker 2017-07-24, as
 * botocore 1.43 ships it), through the real SDK v2 client: the members of StartPipelineExecution beyond the name and
 * parameters, DescribePipeline's version, and the empty output name the model allows.
 */
class SageMakerSimulatorConformanceTest {
    private static Sandbox sandbox;
    private static SageMakerClient sageMaker;
    private static SqsClient sqs;
    private static String queue;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        sageMaker = SandboxClients.sageMaker(sandbox);
        sqs = SandboxClients.sqs(sandbox.sqsEndpoint(), sandbox.region());
        queue = sqs.createQueue(b -> b.queueName("conformance")).queueUrl();
        // Prepare → Review (callback) → Train, a chain for selective executions.
        sandbox.simulator().registerPipeline("chain", """
                {"Version": "2020-12-01", "Parameters": [],
                 "Steps": [
                   {"Name": "Prepare", "Type": "Processing", "Arguments": {}},
                   {"Name": "Review", "Type": "Callback", "DependsOn": ["Prepare"], "Arguments": {},
                    "SqsQueueUrl": "%1$s"},
                   {"Name": "Train", "Type": "Training", "DependsOn": ["Review"], "Arguments": {}}]}
                """.formatted(queue), null);
        // Two callback steps that may run at the same time, then one after both.
        sandbox.simulator().registerPipeline("pair", """
                {"Version": "2020-12-01", "Parameters": [],
                 "Steps": [
                   {"Name": "Legal", "Type": "Callback", "Arguments": {"who": "legal"}, "SqsQueueUrl": "%1$s"},
                   {"Name": "Security", "Type": "Callback", "Arguments": {"who": "security"},
                    "SqsQueueUrl": "%1$s"},
                   {"Name": "Deploy", "Type": "Processing", "DependsOn": ["Legal", "Security"], "Arguments": {}}]}
                """.formatted(queue), null);
    }

    @AfterAll
    static void stopSandbox() {
        sageMaker.close();
        sqs.close();
        sandbox.close();
    }

    // ---- ParallelismConfiguration -------------------------------------------------------------------------------

    @Test
    void parallelismOfZeroStepsIsRefusedNamingTheMemberAndStartsNothing() {
        int before = executionCount("pair");

        assertRefused(start("pair", b -> b.parallelismConfiguration(p -> p.maxParallelExecutionSteps(0))),
                "ValidationException",
                "Value '0' at 'parallelismConfiguration.maxParallelExecutionSteps' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThat(executionCount("pair")).isEqualTo(before);
    }

    @Test
    void parallelismWithoutItsRequiredMaximumIsRefused() {
        assertRefused(start("pair", b -> b.parallelismConfiguration(p -> { })), "ValidationException",
                "Value null at 'parallelismConfiguration.maxParallelExecutionSteps' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void parallelismOfOneRunsOneCallbackStepAtATimeAndTheNextStartsWhenItIsAnswered() {
        String arn = start("pair", b -> b.parallelismConfiguration(p -> p.maxParallelExecutionSteps(1))).run();

        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).containsExactly("Legal");
        assertThat(SandboxClients.awaitCallbackMessage(sqs, queue, arn).at("/arguments/who").asText())
                .isEqualTo("legal");
        assertThat(describe(arn).parallelismConfiguration().maxParallelExecutionSteps()).isEqualTo(1);

        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token(arn, "Legal")));

        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).containsExactly("Legal", "Security");
        assertThat(SandboxClients.awaitCallbackMessage(sqs, queue, arn).at("/arguments/who").asText())
                .isEqualTo("security");
        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token(arn, "Security")));
        assertThat(describe(arn).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName)
                .containsExactly("Legal", "Security", "Deploy");
    }

    @Test
    void aStopWhileTheOnlySlotWaitsNeverStartsTheQueuedStep() {
        String arn = start("pair", b -> b.parallelismConfiguration(p -> p.maxParallelExecutionSteps(1))).run();
        String legal = token(arn, "Legal");

        sageMaker.stopPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(UUID.randomUUID().toString()));
        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(legal));

        assertThat(describe(arn).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.STOPPED);
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).containsExactly("Legal");
    }

    @Test
    void aRetryOfAStartWithAnotherParallelismIsAConflict() {
        String clientRequestToken = UUID.randomUUID().toString();
        sageMaker.startPipelineExecution(b -> b.pipelineName("pair").clientRequestToken(clientRequestToken)
                .parallelismConfiguration(p -> p.maxParallelExecutionSteps(1)));

        assertThatThrownBy(() -> sageMaker.startPipelineExecution(b -> b.pipelineName("pair")
                .clientRequestToken(clientRequestToken).parallelismConfiguration(p -> p.maxParallelExecutionSteps(2))))
                .isInstanceOf(ConflictException.class);
    }

    // ---- SelectiveExecutionConfig -------------------------------------------------------------------------------

    @Test
    void aSelectionOfNoStepsIsRefused() {
        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(List.of()))),
                "ValidationException", "at 'selectiveExecutionConfig.selectedSteps' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void aSourceExecutionArnOffThePatternIsRefused() {
        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected("Review"))
                        .sourcePipelineExecutionArn("arn:aws:sagemaker:us-east-2:000000000000:pipeline/chain"))),
                "ValidationException", "Value 'arn:aws:sagemaker:us-east-2:000000000000:pipeline/chain' at "
                        + "'selectiveExecutionConfig.sourcePipelineExecutionArn' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern");
    }

    @Test
    void aSelectedStepNameLongerThan256IsRefused() {
        String tooLong = "S".repeat(257);

        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected(tooLong)))),
                "ValidationException", "at 'selectiveExecutionConfig.selectedSteps.1.member.stepName' failed to "
                        + "satisfy constraint: Member must have length less than or equal to 256");
    }

    @Test
    void aSelectedStepTheDefinitionDoesNotHaveIsRefused() {
        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected("Review", "No")))),
                "ValidationException", "[No]");
    }

    @Test
    void aSelectionWithAGapBetweenTwoSelectedStepsIsRefused() {
        List<SelectedStep> aroundReview = selected("Prepare", "Train");

        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(aroundReview))),
                "ValidationException", "missing [Review]");
    }

    @Test
    void aReferenceExecutionThatDoesNotExistIsResourceNotFound() {
        String absent = "arn:aws:sagemaker:us-east-2:000000000000:pipeline/chain/execution/zzzzzzzzzzzz";

        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected("Train"))
                .sourcePipelineExecutionArn(absent))), "ResourceNotFound", absent);
    }

    @Test
    void aReferenceExecutionOfAnotherPipelineOrStillRunningIsRefused() {
        String otherPipeline = sandbox.simulator().startExecution("pair", Map.of());
        String running = sandbox.simulator().startExecution("chain", Map.of());

        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected("Train"))
                .sourcePipelineExecutionArn(otherPipeline))), "ValidationException", "another pipeline");
        assertRefused(start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected("Train"))
                .sourcePipelineExecutionArn(running))), "ValidationException", "must be Succeeded or Failed");
    }

    @Test
    void aSelectiveExecutionRunsOnlyTheSelectedStepsAndSaysSo() {
        String reference = sandbox.simulator().startExecution("chain", Map.of());
        sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(token(reference, "Review"))
                .failureReason("rehearsal"));

        String arn = start("chain", b -> b.selectiveExecutionConfig(s -> s.selectedSteps(selected("Review", "Train"))
                .sourcePipelineExecutionArn(reference))).run();

        // Prepare's results are the reference execution's: it does not run again, and Review waits at once.
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).containsExactly("Review");
        assertThat(SandboxClients.awaitCallbackMessage(sqs, queue, arn).get("status").asText())
                .isEqualTo("Executing");
        DescribePipelineExecutionResponse described = describe(arn);
        assertThat(described.selectiveExecutionConfig().sourcePipelineExecutionArn()).isEqualTo(reference);
        assertThat(described.selectiveExecutionConfig().selectedSteps()).extracting(SelectedStep::stepName)
                .containsExactly("Review", "Train");

        sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token(arn, "Review")));

        assertThat(describe(arn).pipelineExecutionStatus()).isEqualTo(PipelineExecutionStatus.SUCCEEDED);
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).containsExactly("Review", "Train");
    }

    // ---- PipelineVersionId --------------------------------------------------------------------------------------

    @Test
    void aStartFromAVersionThatDoesNotExistIsResourceNotFoundAndStartsNothing() {
        int before = executionCount("chain");

        assertRefused(start("chain", b -> b.pipelineVersionId(999L)), "ResourceNotFound", "999");
        assertThat(executionCount("chain")).isEqualTo(before);
    }

    @Test
    void aVersionIdBelowOneIsRefusedNamingTheMember() {
        assertRefused(start("chain", b -> b.pipelineVersionId(0L)), "ValidationException",
                "Value '0' at 'pipelineVersionId' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertThatThrownBy(() -> sageMaker.describePipeline(b -> b.pipelineName("chain").pipelineVersionId(0L)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("at 'pipelineVersionId'");
                });
    }

    @Test
    void aPipelineHasVersionOneAndExecutionsRecordTheVersionTheyRan() {
        String explicit = start("chain", b -> b.pipelineVersionId(1L)).run();
        String latest = sandbox.simulator().startExecution("chain", Map.of());

        assertThat(describe(explicit).pipelineVersionId()).isEqualTo(1L);
        assertThat(describe(latest).pipelineVersionId()).isEqualTo(1L);
        assertThat(sageMaker.describePipeline(b -> b.pipelineName("chain").pipelineVersionId(1L))
                .pipelineDefinition())
                .isEqualTo(sageMaker.describePipeline(b -> b.pipelineName("chain")).pipelineDefinition());
        assertThatThrownBy(() -> sageMaker.describePipeline(b -> b.pipelineName("chain").pipelineVersionId(2L)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Pipeline version 2");
    }

    // ---- MlflowExperimentName -----------------------------------------------------------------------------------

    @Test
    void anMlflowExperimentNameOutsideOneTo256CharactersIsRefused() {
        assertRefused(start("chain", b -> b.mlflowExperimentName("")), "ValidationException",
                "Value '' at 'mlflowExperimentName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
        assertRefused(start("chain", b -> b.mlflowExperimentName("e".repeat(257))), "ValidationException",
                "at 'mlflowExperimentName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 256");
    }

    @Test
    void anMlflowExperimentNameWithALineBreakDoesNotMatchThePattern() {
        assertRefused(start("chain", b -> b.mlflowExperimentName("churn\nnightly")), "ValidationException",
                "at 'mlflowExperimentName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: .*");
    }

    @Test
    void anMlflowExperimentNameOf256CharactersIsAcceptedAndDescribed() {
        String name = "e".repeat(256);

        String arn = start("chain", b -> b.mlflowExperimentName(name)).run();

        assertThat(describe(arn).mLflowConfig().mlflowExperimentName()).isEqualTo(name);
    }

    // ---- Output and pipeline parameter names ---------------------------------------------------------------------

    @Test
    void anEmptyOutputParameterNameIsAcceptedAsTheModelsString256Allows() {
        String arn = sandbox.simulator().startExecution("chain", Map.of());

        String answered = sageMaker.sendPipelineExecutionStepSuccess(b -> b.callbackToken(token(arn, "Review"))
                .outputParameters(OutputParameter.builder().name("").value("unnamed").build()))
                .pipelineExecutionArn();

        assertThat(answered).isEqualTo(arn);
        PipelineExecutionStep review = steps(arn).stream().filter(s -> s.stepName().equals("Review")).findFirst()
                .orElseThrow();
        assertThat(review.metadata().callback().outputParameters())
                .containsExactly(OutputParameter.builder().name("").value("unnamed").build());
    }

    @Test
    void anEmptyPipelineParameterNameIsStillRefused() {
        // PipelineParameterName has a minimum length of 1, unlike an output's String256.
        assertRefused(start("chain", b -> b.pipelineParameters(Parameter.builder().name("").value("x").build())),
                "ValidationException", "at 'pipelineParameters.1.member.name' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------

    /** A start of {@code pipeline} with a fresh ClientRequestToken and whatever {@code rest} adds. */
    private static Start start(String pipeline, Consumer<StartPipelineExecutionRequest.Builder> rest) {
        return () -> sageMaker.startPipelineExecution(b -> {
            b.pipelineName(pipeline).clientRequestToken(UUID.randomUUID().toString());
            rest.accept(b);
        }).pipelineExecutionArn();
    }

    @FunctionalInterface
    private interface Start {
        String run();
    }

    private static void assertRefused(Start start, String errorCode, String messagePart) {
        assertThatThrownBy(start::run).isInstanceOfSatisfying(SageMakerException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(errorCode);
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(messagePart);
        });
    }

    private static List<SelectedStep> selected(String... names) {
        return Arrays.stream(names).map(n -> SelectedStep.builder().stepName(n).build()).toList();
    }

    private static int executionCount(String pipeline) {
        return sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName(pipeline))
                .pipelineExecutionSummaries().stream().mapToInt(s -> 1).sum();
    }

    private static DescribePipelineExecutionResponse describe(String arn) {
        return sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn));
    }

    /** The execution's steps, oldest first. */
    private static List<PipelineExecutionStep> steps(String arn) {
        return sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(arn).sortOrder(SortOrder.ASCENDING))
                .pipelineExecutionSteps();
    }

    private static String token(String arn, String step) {
        String token = sandbox.simulator().callbackToken(arn, step);
        assertThat(token).as("token of " + step).isNotNull();
        return token;
    }
}
