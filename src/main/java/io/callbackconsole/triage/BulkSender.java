package io.callbackconsole.triage;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.triage.BulkHandOffs.Answered;
import io.callbackconsole.triage.BulkHandOffs.Journaled;
import java.util.Objects;

/**
 * One of a bulk run's senders: calls SageMaker for one journaled decision after another, so that never more calls
 * are in flight than there are senders. Once the run's circuit breaker is open (no answers, or a signed-out one), a new
 * decision is settled as not sent (its intent says so, and why), and an unsettled one repeated from earlier is left
 * unsettled.
 */
final class BulkSender implements Runnable {
    private final BulkDecisionStages stages;
    private final BulkHandOffs handOffs;
    private final CircuitBreaker breaker;

    BulkSender(BulkDecisionStages stages, BulkHandOffs handOffs, CircuitBreaker breaker) {
        this.stages = Objects.requireNonNull(stages);
        this.handOffs = Objects.requireNonNull(handOffs);
        this.breaker = Objects.requireNonNull(breaker);
    }

    /** Until it takes {@link BulkHandOffs#NO_MORE_TO_SEND}. */
    @Override
    public void run() {
        for (Journaled journaled = BlockingQueues.takeUninterruptibly(handOffs.toSend);
             journaled != BulkHandOffs.NO_MORE_TO_SEND;
             journaled = BlockingQueues.takeUninterruptibly(handOffs.toSend)) {
            Outcome outcome;
            if (breaker.open()) {
                outcome = journaled.claimed().journaled() ? null : notSent();
            } else {
                outcome = stages.send(journaled.claimed());
                breaker.record(outcome);
            }
            handOffs.answered.add(new Answered(journaled, outcome));
        }
    }

    /** The intent of a decision the run no longer sends, on record as not sent with why. */
    private Outcome.NotSent notSent() {
        if (breaker.signedOut()) {
            return new Outcome.NotSent(BulkSubmission.SIGNED_OUT, "AWS said the session of this connection is over ("
                    + breaker.signedOutBy() + ") before this decision's turn, so the run stopped sending. Sign in "
                    + "again, then decide the token again.");
        }
        return new Outcome.NotSent(BulkSubmission.CIRCUIT_OPEN,
                "SageMaker gave no answer to " + breaker.limit() + " calls in a row, so the run stopped sending.");
    }
}
