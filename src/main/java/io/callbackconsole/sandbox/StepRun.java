package io.callbackconsole.sandbox;

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
    private StepStatus status = StepStatus.Executing;
    private Instant endTime;
    private String failureReason;
    private String callbackToken;
    private List<NameValue> outputParameters;
    private CallbackAnswer answer;

    StepRun(Execution execution, PipelineDefinition.Step step, long sequence, Instant startTime) {
        this.execution = execution;
        this.step = step;
        this.sequence = sequence;
        this.startTime = startTime;
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
