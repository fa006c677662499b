package io.callbackconsole.triage;

import io.callbackconsole.domain.Action;
import java.time.Instant;
import java.util.Objects;

/**
 * A decision without a known outcome that is sent again in the background: which send comes next and when, and what
 * the decision was, so a view can say so without asking the history.
 *
 * @param attempt       the number of the next send; the operator's own send was the first
 * @param nextAttemptAt when the next send is due; it may be under way already once this has passed
 * @param giveUpAt      when retrying stops: the last send is due then, and an unanswered one is given up on
 * @param action        what the decision does
 * @param reason        the failure reason it carries (a dismissal's why; empty for an approval)
 */
public record RetrySchedule(int attempt, Instant nextAttemptAt, Instant giveUpAt, Action action, String reason) {
    public RetrySchedule {
        if (attempt < 2) {
            throw new IllegalArgumentException("a retry is the second send or later, not " + attempt);
        }
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(giveUpAt, "giveUpAt");
        Objects.requireNonNull(action, "action");
        reason = reason == null ? "" : reason;
    }
}
