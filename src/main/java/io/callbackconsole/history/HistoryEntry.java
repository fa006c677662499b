package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;

import java.time.Instant;
import java.util.Objects;

/**
 * One journaled decision with the latest outcome recorded for it.
 *
 * @param submission        the decision as it was journaled (times have millisecond precision, as stored)
 * @param outcome           the latest outcome, or null while the submission is in flight
 * @param outcomeRecordedAt when that outcome was recorded, or null while in flight
 */
public record HistoryEntry(Submission submission, Outcome outcome, Instant outcomeRecordedAt) {

    public HistoryEntry {
        Objects.requireNonNull(submission, "submission");
        if ((outcome == null) != (outcomeRecordedAt == null)) {
            throw new IllegalArgumentException("An outcome and the time it was recorded go together; got outcome "
                    + outcome + " recorded at " + outcomeRecordedAt + ".");
        }
    }

    /** True while no outcome has been recorded: the call may not have been made, or its answer was not yet kept. */
    public boolean inFlight() {
        return outcome == null;
    }
}
