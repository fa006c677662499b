package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.time.Instant;
import java.util.List;

/**
 * One started step of an execution. Its transitions are made by {@link Execution}, under the simulator's lock.
 */
final class StepRun {
    private final Execution execution;
    private final PipelineDefinition.Step step;
    private final long sequence;
    private final Instant startTime;
    /** 1 for a first run; a retried execution runs a failed step again with the next number. */
    private final int attempt;
    private StepStatus status = StepStatus.Executing;
    private Instant endTime;
    private String failureReason;
    private String callbackToken;
    private List<NameValue> outputParameters;
    private CallbackAnswer answer;
    private JsonNode resolvedArguments;
    private Boolean conditionOutcome;

    StepRun(Execution execution, PipelineDefinition.Step step, long sequence, Instant startTime, int attempt) {
        this.execution = execution;
        this.step = step;
        this.sequence = sequence;
        this.startTime = startTime;
        this.attempt = attempt;
    }

    int attempt() {
        return attempt;
    }

    /** The arguments with their expressions evaluated when the step started; a callback message carries them. */
    JsonNode resolvedArguments() {
        return resolvedArguments == null ? step.arguments() : resolvedArguments;
    }

    void resolvedArguments(JsonNode arguments) {
        resolvedArguments = arguments;
    }

    /** A condition step's outcome once it has been evaluated; null for other steps and before. */
    Boolean conditionOutcome() {
        return conditionOutcome;
    }

    void conditionOutcome(boolean outcome) {
        conditionOutcome = outcome;
    }

    Execution execution() {
        return execution;
    }

    PipelineDefinition.Step step() {
        return step;
    }

    /** Orders steps by start across all executions: several steps may start in the same instant. */
    long sequence() {
        return sequence;
    }

    Instant startTime() {
        return startTime;
    }

    StepStatus status() {
        return status;
    }

    /** Null while the step runs. */
    Instant endTime() {
        return endTime;
    }

    /** Null unless the step failed with a reason. */
    String failureReason() {
        return failureReason;
    }

    /** The token of a callback step; null for other steps. */
    String callbackToken() {
        return callbackToken;
    }

    /** The outputs a success answer gave a callback step; null until then. */
    List<NameValue> outputParameters() {
        return outputParameters;
    }

    /** The answer that settled this step's token, or null while none has. */
    CallbackAnswer answer() {
        return answer;
    }

    void waitForCallback(String token) {
        callbackToken = token;
    }

    void answered(CallbackAnswer accepted) {
        answer = accepted;
    }

    void succeedWith(List<NameValue> outputs, Instant now) {
        outputParameters = List.copyOf(outputs);
        finish(StepStatus.Succeeded, null, now);
    }

    void stopping() {
        status = StepStatus.Stopping;
    }

    void finish(StepStatus finalStatus, String reason, Instant now) {
        status = finalStatus;
        failureReason = reason;
        endTime = now;
    }
}
