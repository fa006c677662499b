package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.PipelineContext;

/**
 * What SageMaker says about one pending token: its execution, its step, and whether the token can still be answered.
 *
 * @param lookup      how the look-up of its execution went
 * @param execution   the execution's context, or null when it was not (yet) found
 * @param step        the callback step holding this token, or null when SageMaker lists none
 * @param staleReason why the token can no longer be answered ("step Succeeded at 10:42", "execution Stopped"), or
 *                    null while it can
 * @param problem     why the look-up failed, in the operator's words, or null
 */
public record CallbackContext(Lookup lookup, PipelineContext execution, CallbackStepState step, String staleReason,
                              String problem) {

    public enum Lookup {
        /** Not looked up yet. */
        PENDING,
        /** SageMaker answered. */
        FOUND,
        /** The look-up failed (network, throttling, permissions); the row stays usable. */
        FAILED
    }

    public static CallbackContext notLookedUp() {
        return new CallbackContext(Lookup.PENDING, null, null, null, null);
    }

    public boolean stale() {
        return staleReason != null;
    }

    /** The execution waits for an answer to stop: its step or the execution itself is Stopping. */
    public boolean stopRequested() {
        return (step != null && "Stopping".equals(step.status()))
                || (execution != null && execution.stopRequested());
    }
}
