package io.callbackconsole.triage;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.triage.DecisionClaims.Claimed;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The queues between a bulk run's stages: the journal writer hands journaled decisions to the senders, the senders
 * hand answers back to the writer, and the writer hands accepted decisions, once on record, to the deleter.
 */
final class BulkHandOffs {
    /** A claimed decision and the place of its token in the run. */
    record Journaled(int index, Claimed claimed) {
    }

    /** @param outcome null when an unsettled decision was not repeated: it stays unsettled, with no new row */
    record Answered(Journaled journaled, Outcome outcome) {
    }

    /** An accepted decision, on record, whose messages are to be deleted. */
    record Accepted(Journaled journaled, SubmissionResult result) {
        int messages() {
            return journaled.claimed().pending().messages().size();
        }
    }

    /** Tells a sender that nothing more comes; one per sender. */
    static final Journaled NO_MORE_TO_SEND = new Journaled(-1, null);
    /** Tells the deleter that nothing more comes. */
    static final Accepted NO_MORE_TO_DELETE = new Accepted(null, null);

    /** Journaled decisions, in order, for the senders. */
    final BlockingQueue<Journaled> toSend = new LinkedBlockingQueue<>();
    /** Answers (or their absence), for the journal writer. */
    final BlockingQueue<Answered> answered = new LinkedBlockingQueue<>();
    final BlockingQueue<Accepted> toDelete = new LinkedBlockingQueue<>();
}
