package io.callbackconsole.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What SageMaker says about one pipeline execution, gathered from DescribePipelineExecution,
 * ListPipelineExecutionSteps, ListPipelineParametersForExecution and DescribePipeline at {@code fetchedAt}.
 *
 * @param executionStatus {@code Executing|Stopping|Stopped|Failed|Succeeded}
 * @param createdBy       who started it (a Studio user profile or an IAM identity), or null when SageMaker does not say
 * @param failureReason   why it failed, or null
 * @param callbackSteps   every callback step that has started
 * @param declaredSteps   every callback step its pipeline definition declares, with their output parameters
 */
public record PipelineContext(
        PipelineExecutionArn executionArn,
        String pipelineDisplayName,
        String pipelineDescription,
        String executionDisplayName,
        String executionStatus,
        String createdBy,
        Instant creationTime,
        Instant lastModifiedTime,
        String failureReason,
        List<PipelineParameter> parameters,
        List<CallbackStepState> callbackSteps,
        List<DeclaredCallbackStep> declaredSteps,
        Instant fetchedAt) {

    public PipelineContext {
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(executionStatus, "executionStatus");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        parameters = List.copyOf(parameters);
        callbackSteps = List.copyOf(callbackSteps);
        declaredSteps = List.copyOf(declaredSteps);
    }

    public Optional<CallbackStepState> stepWithToken(CallbackToken token) {
        return callbackSteps.stream().filter(s -> token.value().equals(s.callbackToken())).findFirst();
    }

    /** The declared outputs of a step, empty when the definition declares none or does not name the step. */
    public List<DeclaredOutput> declaredOutputsOf(String stepName) {
        return declaredSteps.stream().filter(s -> s.name().equals(stepName)).findFirst()
                .map(DeclaredCallbackStep::outputs).orElse(List.of());
    }

    /** The description a step's pipeline definition gives it, empty when it gives none or does not name the step. */
    public Optional<String> declaredDescriptionOf(String stepName) {
        return declaredSteps.stream().filter(s -> s.name().equals(stepName)).findFirst()
                .flatMap(DeclaredCallbackStep::describedAs);
    }

    public boolean executionEnded() {
        return executionStatus.equals("Stopped") || executionStatus.equals("Failed")
                || executionStatus.equals("Succeeded");
    }

    public boolean stopRequested() {
        return executionStatus.equals("Stopping");
    }
}
