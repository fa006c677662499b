package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreatePipelineRequest;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.PipelineVersionSummary;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A team's own pipeline, created through the unmodified SDK v2 as {@code Pipeline.upsert()} would, runs in the
 * sandbox: its callback steps' messages arrive on the sandbox's queue of the same name, its condition takes the
 * branch the callback's answer decides, a fail step fails the execution with its message, and versions, retries and
 * deletes behave as the service model says.
 */
class BringYourOwnPipelineTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/SageMakerPipelineRole";
    static Sandbox sandbox;
    static SageMakerClient sageMaker;
    static SqsClient sqs;
    static String definition;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        sageMaker = SandboxClients.sageMaker(sandbox);
        sqs = sandbox.sqs();
        definition = resource("/pipelines/review-then-release.json");
    }

    @AfterAll
    static void stop() {
        sageMaker.close();
        sandbox.close();
    }

    @AfterEach
    void rehearseNothing() {
        sandbox.simulator().rehearsal().clear();
    }

    static String resource(String path) throws IOException {
        try (InputStream in = BringYourOwnPipelineTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String token() {
        return UUID.randomUUID().toString();
    }

    static String create(String name, String json) {
        return sageMaker.createPipeline(b -> b.pipelineName(name).pipelineDefinition(json).roleArn(ROLE)
                .clientRequestToken(token())).pipelineArn();
    }

    static String startExecution(String pipeline, String minScore) {
        return sageMaker.startPipelineExecution(b -> b.pipelineName(pipeline).clientRequestToken(token())
                .pipelineParameters(p -> p.name("MinScore").value(minScore))).pipelineExecutionArn();
    }

    static String status(String executionArn) {
        return sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(executionArn))
                .pipelineExecutionStatusAsString();
    }

    static List<PipelineExecutionStep> steps(String executionArn) {
        return sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(executionArn))
                .pipelineExecutionSteps();
    }

    static PipelineExecutionStep step(String executionArn, String name) {
        return steps(executionArn).stream().filter(s -> s.stepName().equals(name)).findFirst().orElseThrow();
    }

    static void succeed(JsonNode message, String name, String value, String... more) {
        sageMaker.sendPipelineExecutionStepSuccess(b -> {
            b.callbackToken(message.get("token").asText()).clientRequestToken(token());
            List<software.amazon.awssdk.services.sagemaker.model.OutputParameter> outputs = new java.util.ArrayList<>();
            outputs.add(software.amazon.awssdk.services.sagemaker.model.OutputParameter.builder().name(name)
                    .value(value).build());
            for (int i = 0; i + 1 < more.length; i += 2) {
                outputs.add(software.amazon.awssdk.services.sagemaker.model.OutputParameter.builder().name(more[i])
                        .value(more[i + 1]).build());
            }
            b.outputParameters(outputs);
        });
    }

    static JsonNode awaitMessage(String queueName, String executionArn) {
        return SandboxClients.awaitCallbackMessage(sqs, SandboxClients.queueNamed(sandbox, queueName), executionArn);
    }

    static void assertRefused(Consumer<CreatePipelineRequest.Builder> request, String code, String... words) {
        assertThatThrownBy(() -> sageMaker.createPipeline(request))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    for (String word : words) {
                        assertThat(e.awsErrorDetails().errorMessage()).contains(word);
                    }
                });
    }

    @Test
    void aHighScoreTakesTheIfBranchToTrainingAndTheReleaseCallback() {
        create("churn-high", definition);
        String arn = startExecution("churn-high", "0.8");

        JsonNode review = awaitMessage("model-review", arn);
        String executionId = arn.substring(arn.lastIndexOf('/') + 1);
        assertThat(review.at("/arguments/dataset").asText()).isEqualTo("s3://example-bucket/churn/input.csv");
        assertThat(review.at("/arguments/run").asText()).isEqualTo("churn/" + executionId);
        assertThat(review.at("/arguments/prepared").asText())
                .isEqualTo("sandbox://" + executionId + "/Prepare/ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri");
        succeed(review, "score", "0.91", "reviewer", "alice");

        JsonNode release = awaitMessage("release-approvals", arn);
        assertThat(release.at("/arguments/reviewer").asText()).isEqualTo("alice");
        assertThat(step(arn, "ScoreHighEnough").metadata().condition().outcomeAsString()).isEqualTo("True");
        assertThat(step(arn, "Train").stepStatusAsString()).isEqualTo("Succeeded");
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).doesNotContain("RejectModel");
        succeed(release, "ticket", "CHG-42");

        assertThat(status(arn)).isEqualTo("Succeeded");
    }

    @Test
    void aLowScoreTakesTheElseBranchAndTheFailStepFailsTheExecutionWithItsMessage() {
        create("churn-low", definition);
        String arn = startExecution("churn-low", "0.8");

        succeed(awaitMessage("model-review", arn), "score", "0.5", "reviewer", "bob");

        assertThat(status(arn)).isEqualTo("Failed");
        assertThat(step(arn, "ScoreHighEnough").metadata().condition().outcomeAsString()).isEqualTo("False");
        PipelineExecutionStep reject = step(arn, "RejectModel");
        assertThat(reject.stepStatusAsString()).isEqualTo("Failed");
        assertThat(reject.metadata().fail().errorMessage()).isEqualTo("Review score 0.5 is below 0.8");
        assertThat(sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn)).failureReason())
                .contains("RejectModel").contains("Review score 0.5 is below 0.8");
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).doesNotContain("Train", "Release");
    }

    @Test
    void theConditionComparesNumbersByValueAndHonoursNotOrAndIn() {
        String json = """
                {"Version": "2020-12-01",
                 "Parameters": [{"Name": "Stage", "Type": "String", "DefaultValue": "prod"},
                                {"Name": "Count", "Type": "Integer", "DefaultValue": 10}],
                 "Steps": [{"Name": "Check", "Type": "Condition", "Arguments": {
                   "Conditions": [
                     {"Type": "Or", "Conditions": [
                       {"Type": "In", "QueryValue": {"Get": "Parameters.Stage"}, "Values": ["prod", "staging"]},
                       {"Type": "Equals", "LeftValue": 1, "RightValue": 2}]},
                     {"Type": "Not", "Expression": {"Type": "LessThan", "LeftValue": {"Get": "Parameters.Count"},
                                                    "RightValue": 9}}],
                   "IfSteps": [{"Name": "Yes", "Type": "Lambda", "Arguments": {}}],
                   "ElseSteps": [{"Name": "No", "Type": "Fail", "Arguments": {"ErrorMessage": "else"}}]}}]}
                """;
        create("conditions", json);
        String ten = sageMaker.startPipelineExecution(b -> b.pipelineName("conditions").clientRequestToken(token()))
                .pipelineExecutionArn();
        // 10 against 9 as numbers: "10" < "9" as text would take the other branch.
        assertThat(status(ten)).isEqualTo("Succeeded");
        assertThat(steps(ten)).extracting(PipelineExecutionStep::stepName).contains("Yes").doesNotContain("No");

        String dev = sageMaker.startPipelineExecution(b -> b.pipelineName("conditions").clientRequestToken(token())
                .pipelineParameters(p -> p.name("Stage").value("dev"))).pipelineExecutionArn();
        assertThat(status(dev)).isEqualTo("Failed");
        assertThat(step(dev, "Check").metadata().condition().outcomeAsString()).isEqualTo("False");
    }

    @Test
    void definitionsAWSWouldRefuseAreRefusedNamingThePlace() {
        Consumer<CreatePipelineRequest.Builder> base = b -> b.pipelineName("refused").roleArn(ROLE)
                .clientRequestToken(token());
        assertRefused(base.andThen(b -> b.pipelineDefinition("{\"Steps\": [")), "ValidationException", "not JSON");
        assertRefused(base.andThen(b -> b.pipelineDefinition("""
                {"Steps": [{"Name": "A", "Type": "Processing", "DependsOn": ["Ghost"]}]}""")),
                "ValidationException", "Steps[0]", "unknown step 'Ghost'");
        assertRefused(base.andThen(b -> b.pipelineDefinition("""
                {"Steps": [{"Name": "A", "Type": "Processing", "DependsOn": ["B"]},
                           {"Name": "B", "Type": "Processing", "Arguments": {"x": {"Get": "Steps.A.Properties"}}}]}""")),
                "ValidationException", "cycle");
        assertRefused(base.andThen(b -> b.pipelineDefinition("""
                {"Steps": [{"Name": "A", "Type": "Callback", "SqsQueueUrl": "https://sqs.us-east-2.amazonaws.com/1/q",
                            "Arguments": {"limit": {"Get": "Parameters.Limit"}}}]}""")),
                "ValidationException", "Steps[0].Arguments.limit", "parameter 'Limit'");
        assertRefused(base.andThen(b -> b.pipelineDefinition("""
                {"Steps": [{"Name": "C", "Type": "Condition", "Arguments": {
                  "Conditions": [{"Type": "Bigger", "LeftValue": 1, "RightValue": 2}],
                  "IfSteps": [{"Name": "A", "Type": "Processing"}]}}]}""")),
                "ValidationException", "Steps[0].Arguments.Conditions[0].Type 'Bigger'");
        assertRefused(base.andThen(b -> b.pipelineDefinition("""
                {"Steps": [{"Name": "C", "Type": "Condition", "Arguments": {
                  "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}],
                  "IfSteps": [{"Name": "C", "Type": "Processing"}]}}]}""")),
                "ValidationException", "Steps[0].Arguments.IfSteps[0]", "used twice");
        assertRefused(base.andThen(b -> b.pipelineDefinition(definition).roleArn("not-a-role-arn-at-all")),
                "ValidationException", "roleArn");
        assertRefused(b -> b.pipelineName("refused").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken("too-short"), "ValidationException", "clientRequestToken");
        assertRefused(base.andThen(b -> b.pipelineDefinitionS3Location(s3 -> s3.bucket("my-bucket")
                .objectKey("definition.json"))), "ValidationException", "no S3");
        assertRefused(b -> b.pipelineName("refused").roleArn(ROLE).clientRequestToken(token()),
                "ValidationException", "PipelineDefinition");
        assertThat(sageMaker.listPipelines(b -> b.pipelineNamePrefix("refused")).pipelineSummaries()).isEmpty();
    }

    @Test
    void aNameIsCreatedOnceAndARepeatedCreateWithItsTokenAnswersAsTheFirst() {
        String clientToken = token();
        String arn = sageMaker.createPipeline(b -> b.pipelineName("once").pipelineDefinition(definition)
                .roleArn(ROLE).clientRequestToken(clientToken)).pipelineArn();
        assertThat(sageMaker.createPipeline(b -> b.pipelineName("once").pipelineDefinition(definition)
                .roleArn(ROLE).clientRequestToken(clientToken)).pipelineArn()).isEqualTo(arn);
        assertRefused(b -> b.pipelineName("once").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken(token()), "ValidationException", "already exists");
    }

    @Test
    void anUpdateMakesAVersionAndEachExecutionKeepsTheDefinitionItRan() {
        create("versioned", definition);
        String first = startExecution("versioned", "0.8");
        String second = definition.replace("\"DefaultValue\": 10", "\"DefaultValue\": 20");
        var updated = sageMaker.updatePipeline(b -> b.pipelineName("versioned").pipelineDefinition(second)
                .pipelineDescription("twenty epochs").parallelismConfiguration(p -> p.maxParallelExecutionSteps(2)));
        assertThat(updated.pipelineVersionId()).isEqualTo(2L);
        String later = startExecution("versioned", "0.8");

        assertThat(sageMaker.describePipelineDefinitionForExecution(b -> b.pipelineExecutionArn(first))
                .pipelineDefinition()).contains("\"DefaultValue\":10").doesNotContain("\"DefaultValue\":20");
        assertThat(sageMaker.describePipelineDefinitionForExecution(b -> b.pipelineExecutionArn(later))
                .pipelineDefinition()).contains("\"DefaultValue\":20");
        List<PipelineVersionSummary> versions = sageMaker.listPipelineVersions(b -> b.pipelineName("versioned"))
                .pipelineVersionSummaries();
        assertThat(versions).extracting(PipelineVersionSummary::pipelineVersionId).containsExactly(2L, 1L);
        assertThat(versions.get(0).lastExecutionPipelineExecutionArn()).isEqualTo(later);
        assertThat(versions.get(1).lastExecutionPipelineExecutionArn()).isEqualTo(first);
        var described = sageMaker.describePipeline(b -> b.pipelineName("versioned"));
        assertThat(described.pipelineDescription()).isEqualTo("twenty epochs");
        assertThat(described.parallelismConfiguration().maxParallelExecutionSteps()).isEqualTo(2);
        assertThat(sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(later)).pipelineVersionId())
                .isEqualTo(2L);
        assertThatThrownBy(() -> sageMaker.updatePipeline(b -> b.pipelineName("never-created")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    }

    @Test
    void aPipelineWithARunningExecutionIsNotDeletedAndOnceDeletedItsExecutionsAreGone() {
        create("short-lived", definition);
        String arn = startExecution("short-lived", "0.8");
        JsonNode review = awaitMessage("model-review", arn);
        String deleteToken = token();
        assertThatThrownBy(() -> sageMaker.deletePipeline(b -> b.pipelineName("short-lived")
                .clientRequestToken(deleteToken)))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ConflictException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("running execution").contains(arn);
                });

        succeed(review, "score", "0.1", "reviewer", "carol"); // the else branch fails it: nothing runs any more
        String deleted = sageMaker.deletePipeline(b -> b.pipelineName("short-lived").clientRequestToken(deleteToken))
                .pipelineArn();
        assertThat(sageMaker.deletePipeline(b -> b.pipelineName("short-lived").clientRequestToken(deleteToken))
                .pipelineArn()).as("the same delete again").isEqualTo(deleted);
        assertThatThrownBy(() -> sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn)))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
        assertThatThrownBy(() -> sageMaker.deletePipeline(b -> b.pipelineName("short-lived")
                .clientRequestToken(token())))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    }

    @Test
    void aRehearsedFailureIsRetriedFromTheFailedStepWithANewAttempt() {
        create("retried", definition);
        sandbox.simulator().rehearsal().failStepsNamed("Train", "ResourceLimitExceeded: no ml.p3 capacity");
        String arn = startExecution("retried", "0.8");
        succeed(awaitMessage("model-review", arn), "score", "0.95", "reviewer", "dana");
        assertThat(status(arn)).isEqualTo("Failed");
        assertThat(step(arn, "Train").failureReason()).contains("no ml.p3 capacity");
        assertThatThrownBy(() -> sageMaker.retryPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken("short")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        sandbox.simulator().rehearsal().clear();
        String retryToken = token();
        assertThat(sageMaker.retryPipelineExecution(b -> b.pipelineExecutionArn(arn).clientRequestToken(retryToken))
                .pipelineExecutionArn()).isEqualTo(arn);
        assertThat(sageMaker.retryPipelineExecution(b -> b.pipelineExecutionArn(arn).clientRequestToken(retryToken))
                .pipelineExecutionArn()).as("the same retry again changes nothing").isEqualTo(arn);

        PipelineExecutionStep train = step(arn, "Train");
        assertThat(train.stepStatusAsString()).isEqualTo("Succeeded");
        assertThat(train.attemptCount()).isEqualTo(2);
        assertThat(step(arn, "Review").attemptCount()).as("a succeeded step is not run again").isEqualTo(1);
        succeed(awaitMessage("release-approvals", arn), "ticket", "CHG-7");
        assertThat(status(arn)).isEqualTo("Succeeded");
        assertThatThrownBy(() -> sageMaker.retryPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(token())))
                .isInstanceOfSatisfying(SageMakerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("only a Failed execution");
                });
    }

    @Test
    void noOpStepsCanTakeTheirTimeSoARehearsalLooksLikeARun() throws Exception {
        create("timed", definition);
        // Long enough that the checks right after a start see the step running, even on a loaded machine.
        sandbox.simulator().rehearsal().noOpStepsTake(Duration.ofSeconds(3));
        String arn = startExecution("timed", "0.8");

        assertThat(step(arn, "Prepare").stepStatusAsString()).isEqualTo("Executing");
        assertThat(steps(arn)).extracting(PipelineExecutionStep::stepName).doesNotContain("Review");
        JsonNode review = awaitMessage("model-review", arn);
        assertThat(step(arn, "Prepare").stepStatusAsString()).isEqualTo("Succeeded");
        succeed(review, "score", "0.99", "reviewer", "erin");
        assertThat(step(arn, "Train").stepStatusAsString()).isEqualTo("Executing");
        awaitMessage("release-approvals", arn);
    }

    @Test
    void anExpressionThatCannotBeEvaluatedFailsItsStepWithTheReason() {
        create("json-get", """
                {"Steps": [{"Name": "Eval", "Type": "Processing"},
                           {"Name": "Check", "Type": "Condition", "Arguments": {
                             "Conditions": [{"Type": "GreaterThan", "RightValue": 0.5, "LeftValue": {"Std:JsonGet": {
                               "PropertyFile": {"Get": "Steps.Eval.PropertyFiles.Report"}, "Path": "accuracy"}}}],
                             "IfSteps": [{"Name": "Ok", "Type": "Lambda"}]}}]}""");
        String arn = sageMaker.startPipelineExecution(b -> b.pipelineName("json-get").clientRequestToken(token()))
                .pipelineExecutionArn();
        assertThat(status(arn)).isEqualTo("Failed");
        assertThat(step(arn, "Check").failureReason()).contains("Std:JsonGet").contains("S3");
    }

    @Test
    void aSelectiveExecutionReadsTheStepsItDoesNotRunFromItsReferenceExecution() {
        create("selective", definition);
        String reference = startExecution("selective", "0.8");
        succeed(awaitMessage("model-review", reference), "score", "0.91", "reviewer", "alice");
        succeed(awaitMessage("release-approvals", reference), "ticket", "CHG-1");
        assertThat(status(reference)).isEqualTo("Succeeded");

        String rerun = sageMaker.startPipelineExecution(b -> b.pipelineName("selective").clientRequestToken(token())
                .selectiveExecutionConfig(c -> c.sourcePipelineExecutionArn(reference).selectedSteps(
                        s1 -> s1.stepName("ScoreHighEnough"), s2 -> s2.stepName("Train"),
                        s3 -> s3.stepName("Release")))).pipelineExecutionArn();

        // The condition read the reference's review score (0.91 ≥ 0.8); the release, its reviewer.
        JsonNode release = awaitMessage("release-approvals", rerun);
        assertThat(release.at("/arguments/reviewer").asText()).isEqualTo("alice");
        assertThat(step(rerun, "ScoreHighEnough").metadata().condition().outcomeAsString()).isEqualTo("True");
        assertThat(steps(rerun)).extracting(PipelineExecutionStep::stepName).doesNotContain("Review", "Prepare");
    }

    static void assertValidationError(Runnable call, String... words) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(SageMakerException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            for (String word : words) {
                assertThat(e.awsErrorDetails().errorMessage()).contains(word);
            }
        });
    }

    @Test
    void theNewOperationsRefuseWhatTheModelRefuses() {
        create("constrained", definition);
        String arn = startExecution("constrained", "0.8");
        assertRefused(b -> b.pipelineName("constrained-2").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken(token()).pipelineDescription("x".repeat(3073)), "ValidationException",
                "pipelineDescription");
        assertRefused(b -> b.pipelineName("constrained-3").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken(token()).pipelineDisplayName("not a display name!"), "ValidationException",
                "pipelineDisplayName");
        assertRefused(b -> b.pipelineName("-leading-hyphen").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken(token()), "ValidationException", "pipelineName");
        assertRefused(b -> b.pipelineName("constrained-4").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken(token()).tags(java.util.stream.IntStream.range(0, 51)
                        .mapToObj(n -> software.amazon.awssdk.services.sagemaker.model.Tag.builder().key("k" + n)
                                .value("v").build()).toList()), "ValidationException", "tags");
        assertRefused(b -> b.pipelineName("constrained-5").pipelineDefinition(definition).roleArn(ROLE)
                .clientRequestToken(token()).parallelismConfiguration(p -> p.maxParallelExecutionSteps(0)),
                "ValidationException", "maxParallelExecutionSteps");
        assertValidationError(() -> sageMaker.updatePipeline(b -> b.pipelineName("constrained")
                .roleArn("arn:aws:iam::123:role/short-account")), "roleArn");
        assertValidationError(() -> sageMaker.listPipelineVersions(b -> b.pipelineName("constrained")
                .maxResults(101)), "maxResults");
        assertValidationError(() -> sageMaker.listPipelineVersions(b -> b.pipelineName("constrained")
                .sortOrder("Sideways")), "sortOrder");
        assertValidationError(() -> sageMaker.describePipelineDefinitionForExecution(b -> b
                .pipelineExecutionArn("arn:aws:sagemaker:us-east-2:123:pipeline/x")), "pipelineExecutionArn");
        assertValidationError(() -> sageMaker.retryPipelineExecution(b -> b.pipelineExecutionArn(arn)
                .clientRequestToken(token()).parallelismConfiguration(p -> p.maxParallelExecutionSteps(0))),
                "maxParallelExecutionSteps");
        assertValidationError(() -> sageMaker.deletePipeline(b -> b.pipelineName("constrained")
                .clientRequestToken("too-short")), "clientRequestToken");
        assertThatThrownBy(() -> sageMaker.listPipelineVersions(b -> b.pipelineName("never-created")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
        assertThatThrownBy(() -> sageMaker.describePipelineDefinitionForExecution(b -> b.pipelineExecutionArn(
                arn.substring(0, arn.lastIndexOf('/') + 1) + "nosuchexecut")))
                .isInstanceOfSatisfying(SageMakerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound"));
    }
}
