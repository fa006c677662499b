package io.callbackconsole.aws;

import io.callbackconsole.domain.ConnectionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameter;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.OutputType;
import io.callbackconsole.domain.PipelineContext;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.PipelineParameter;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/** Context look-ups and approvals through the real SDK against the simulator, with pages of two items. */
class SageMakerPipelineReaderSandboxTest {
    static Sandbox sandbox;
    static AwsClientFactory clients;
    static SageMakerClient sageMaker;
    static SageMakerPipelineReader reader;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        clients = AwsClientFactory.create(new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null));
        sageMaker = clients.sageMaker();
        reader = new SageMakerPipelineReader(sageMaker, 2);
    }

    @AfterAll
    static void stop() {
        sageMaker.close();
        clients.close();
        sandbox.close();
    }

    @Test
    void theContextOfAWaitingExecutionNamesItsStepParametersAndDeclaredOutputs() {
        String arn = sandbox.simulator().startExecution("manual-approval", Map.of("Threshold", "0.6"));
        String token = sandbox.simulator().callbackToken(arn, "ManualReview");
        PipelineExecutionArn executionArn = PipelineExecutionArn.of(arn);

        PipelineContext context = reader.describeExecution(executionArn, reader.describePipeline(
                executionArn.pipelineArn()), Instant.now());

        assertThat(context.pipelineDisplayName()).isEqualTo("manual-approval");
        assertThat(context.pipelineDescription()).contains("Bundled sandbox pipeline");
        assertThat(context.executionStatus()).isEqualTo("Executing");
        assertThat(context.createdBy()).contains("sandbox-user");
        assertThat(context.parameters()).containsExactly(new PipelineParameter("InputData",
                "s3://example-bucket/abalone/abalone-dataset.csv"), new PipelineParameter("Threshold", "0.6"));
        CallbackStepState step = context.stepWithToken(CallbackToken.of(token)).orElseThrow();
        assertThat(step.stepName()).isEqualTo("ManualReview");
        assertThat(step.status()).isEqualTo("Executing");
        assertThat(step.queueUrl()).endsWith("/manual-review");
        assertThat(step.attemptCount()).isEqualTo(1);
        assertThat(context.declaredOutputsOf("ManualReview")).containsExactly(
                new DeclaredOutput("approved", OutputType.BOOLEAN), new DeclaredOutput("reviewer", OutputType.STRING));
        assertThat(context.declaredDescriptionOf("ManualReview")).hasValueSatisfying(description ->
                assertThat(description).startsWith("Check the preprocessed data before training"));
    }

    @Test
    void listsFollowNextTokenToTheEnd() {
        StringBuilder steps = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            steps.append(i == 0 ? "" : ",").append("{\"Name\":\"Gate").append(i).append("\",\"Type\":\"Callback\",")
                    .append("\"SqsQueueUrl\":\"").append(sandbox.queueUrls().get(0)).append("\"}");
        }
        sandbox.simulator().registerPipeline("five-gates", "{\"Parameters\":[{\"Name\":\"A\",\"DefaultValue\":\"1\"},"
                + "{\"Name\":\"B\",\"DefaultValue\":\"2\"},{\"Name\":\"C\",\"DefaultValue\":\"3\"}],"
                + "\"Steps\":[" + steps + "]}", null);
        String arn = sandbox.simulator().startExecution("five-gates", Map.of());
        for (int i = 0; i < 4; i++) {
            sandbox.simulator().startExecution("five-gates", Map.of());
        }
        long before = reader.requestCount();

        PipelineContext context = reader.describeExecution(PipelineExecutionArn.of(arn), null, Instant.now());

        assertThat(context.callbackSteps()).hasSize(5).allMatch(s -> s.status().equals("Executing"));
        assertThat(context.parameters()).extracting(PipelineParameter::name).containsExactly("A", "B", "C");
        assertThat(reader.requestCount() - before)
                .as("1 describe + 1 definition of the run + 3 pages of steps + 2 of parameters").isEqualTo(7);
        long again = reader.requestCount();
        reader.describeExecution(PipelineExecutionArn.of(arn), null, Instant.now());
        assertThat(reader.requestCount() - again).as("a run's definition never changes: asked for once").isEqualTo(6);
        assertThat(reader.executionsSince("five-gates", Instant.EPOCH)).hasSize(5);
        assertThat(reader.pipelineNames()).contains("manual-approval", "two-gates", "five-gates");
    }

    @Test
    void anUnknownExecutionIsResourceNotFound() {
        assertThatThrownBy(() -> reader.describeExecution(PipelineExecutionArn.of(
                "arn:aws:sagemaker:us-east-2:000000000000:pipeline/manual-approval/execution/nosuchexecut"), null,
                Instant.now())).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void definitionsDeclareCallbackStepsWithQueuesAndTypedOutputs() {
        var declared = SageMakerPipelineReader.declaredCallbackSteps("{\"Steps\":[{\"Name\":\"P\",\"Type\":\"Processing\"},"
                + "{\"Name\":\"G\",\"Type\":\"Callback\",\"SqsQueueUrl\":\"https://q/1/a\",\"OutputParameters\":["
                + "{\"OutputName\":\"n\",\"OutputType\":\"Integer\"},{\"OutputName\":\"f\",\"OutputType\":\"Float\"},"
                + "{\"OutputName\":\"s\"}]}]}");
        assertThat(declared).singleElement().satisfies(step -> {
            assertThat(step.queueUrl()).isEqualTo("https://q/1/a");
            assertThat(step.outputs()).extracting(DeclaredOutput::type)
                    .containsExactly(OutputType.INTEGER, OutputType.FLOAT, OutputType.STRING);
        });
        assertThat(SageMakerPipelineReader.declaredCallbackSteps("not json")).isEmpty();
    }

    @Test
    void approvingSendsTypedOutputsAndTheStepSucceeds() {
        String arn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(arn, "ManualReview");
        SageMakerCallbackGateway gateway = new SageMakerCallbackGateway(sageMaker, new AwsErrorExplainer(null));
        OutputParameters outputs = OutputParameters.fromDeclared(List.of(
                new DeclaredOutput("approved", OutputType.BOOLEAN), new DeclaredOutput("reviewer", OutputType.STRING)),
                Map.of("approved", " true ", "reviewer", "alice"));
        Submission approval = Submission.approve(CallbackToken.of(token), PipelineExecutionArn.of(arn),
                FailureReason.of("Approved"), new Operator("alice"), ConnectionId.sandbox(), Instant.now());

        Outcome outcome = gateway.sendSuccess(approval, outputs);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                a -> assertThat(a.returnedExecutionArn()).isEqualTo(arn));
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess")).last()
                .satisfies(call -> assertThat(call.requestBody()).contains("\"Value\":\"true\"")
                        .contains("alice").contains(approval.requestToken().value()));
        CallbackStepState step = reader.callbackSteps(PipelineExecutionArn.of(arn)).stream()
                .filter(s -> s.stepName().equals("ManualReview")).findFirst().orElseThrow();
        assertThat(step.status()).isEqualTo("Succeeded");
        assertThat(outputs.values()).containsExactly(new OutputParameter("approved", "true"),
                new OutputParameter("reviewer", "alice"));
    }

    @Test
    void theDeclaredOutputsAreThoseOfTheDefinitionTheExecutionRanAndIncludeConditionBranches() {
        String before = """
                {"Steps": [{"Name": "Gate", "Type": "Condition", "Arguments": {
                  "Conditions": [{"Type": "Equals", "LeftValue": 1, "RightValue": 1}],
                  "IfSteps": [{"Name": "Approve", "Type": "Callback",
                               "SqsQueueUrl": "https://sqs.us-east-2.amazonaws.com/123456789012/branch-approvals",
                               "OutputParameters": [{"OutputName": "ticket", "OutputType": "String"}]}]}}]}""";
        sageMaker.createPipeline(b -> b.pipelineName("updated-later").pipelineDefinition(before)
                .roleArn("arn:aws:iam::123456789012:role/Pipelines").clientRequestToken(java.util.UUID.randomUUID()
                        .toString()));
        String arn = sandbox.simulator().startExecution("updated-later", Map.of());
        sageMaker.updatePipeline(b -> b.pipelineName("updated-later").pipelineDefinition(
                before.replace("\"ticket\"", "\"approvedBy\"")));
        PipelineExecutionArn executionArn = PipelineExecutionArn.of(arn);

        PipelineContext context = reader.describeExecution(executionArn, reader.describePipeline(
                executionArn.pipelineArn()), Instant.now());

        assertThat(context.declaredSteps()).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("Approve");
            assertThat(step.outputs()).extracting(DeclaredOutput::name).containsExactly("ticket");
        });
        assertThat(reader.describePipeline("updated-later").callbackSteps()).singleElement()
                .satisfies(step -> assertThat(step.outputs()).extracting(DeclaredOutput::name)
                        .containsExactly("approvedBy"));
    }
}
