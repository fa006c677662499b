package io.callbackconsole.domain;

import java.time.Instant;

/**
 * A callback step of an execution as {@code ListPipelineExecutionSteps} reports it.
 *
 * @param status    {@code Starting|Executing|Stopping|Stopped|Failed|Succeeded}
 * @param endTime   null while the step runs
 * @param queueUrl  the queue its message went to; may be null
 */
public record CallbackStepState(String stepName, String displayName, String status, Instant startTime,
                                Instant endTime, int attemptCount, String callbackToken, String queueUrl,
                                String failureReason) {

    /** The step still waits for an answer to its token. */
    public boolean waiting() {
        return "Executing".equals(status) || "Stopping".equals(status);
    }

    /** The name to show: the display name when there is one. */
    public String shownName() {
        return displayName == null || displayName.isBlank() ? stepName : displayName;
    }
}
