package io.callbackconsole.triage;

import java.time.Instant;

/**
 * How polling goes, for the banner and the table's empty state.
 *
 * @param lastSuccess when every queue last answered, or null before the first full poll
 * @param problem     why the last poll failed, in the operator's words, or null when it worked
 * @param nextPollAt  when the poller tries again (about: the schedule waits its interval after each poll), or null
 *                    when not known
 */
public record PollState(Phase phase, int queueCount, Instant lastSuccess, String problem, Instant nextPollAt) {

    public PollState(Phase phase, int queueCount, Instant lastSuccess, String problem) {
        this(phase, queueCount, lastSuccess, problem, null);
    }

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
