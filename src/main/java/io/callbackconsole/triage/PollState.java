package io.callbackconsole.triage;

import java.time.Instant;

/**
 * How polling goes, for the banner and the table's empty state.
 *
 * @param lastSuccess when every queue last answered, or null before the first full poll
 * @param problem     why the last poll failed, in the operator's words, or null when it worked
 */
public record PollState(Phase phase, int queueCount, Instant lastSuccess, String problem) {

    public enum Phase {
        /** No poll has finished yet. */
        STARTING,
        /** The last poll reached every queue. */
        POLLING,
        /** The last poll failed for at least one queue; {@link #problem()} says why. */
        FAILING,
        /** No queue is configured: nothing to poll. */
        NO_QUEUES
    }

    public static PollState starting(int queueCount) {
        return new PollState(queueCount == 0 ? Phase.NO_QUEUES : Phase.STARTING, queueCount, null, null);
    }
}
