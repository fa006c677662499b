package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.history.JournalBatch;
import io.callbackconsole.triage.BulkHandOffs.Accepted;
import io.callbackconsole.triage.BulkHandOffs.Answered;
import io.callbackconsole.triage.BulkHandOffs.Journaled;
import io.callbackconsole.triage.DecisionClaims.Claimed;
import io.callbackconsole.triage.DecisionClaims.NotClaimed;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal writer of one bulk run, on the calling thread: each round journals the outcomes that came in and the
 * intents that keep the look-ahead full, in one commit (one fsync: group commit), then hands the intents to the
 * senders and the accepted outcomes to the deleter. Its fields are the calling thread's alone.
 */
final class BulkJournalWriter {
    private static final Logger log = LoggerFactory.getLogger(BulkJournalWriter.class);

    private final BulkDecisionStages stages;
    private final BulkHandOffs handOffs;
    private final BulkRows rows;
    private final CircuitBreaker breaker;
    private final FailureReason reason;
    private final Function<CallbackToken, SubmissionResult> refusal;
    private final BooleanSupplier cancelled;
    private final int concurrency;
    private final int lookAhead;
    /** The next token to claim. */
    private int next;
    /** Decisions journaled (or repeated) whose outcome is not journaled yet: waiting, in a call, or answered. */
    private int outstanding;
    private boolean interrupted;
    private int commits;
    private int rowsCommitted;
    private long nanosCommitting;

    /** @param lookAhead how many decisions may be journaled ahead of their outcomes */
    BulkJournalWriter(BulkDecisionStages stages, BulkHandOffs handOffs, BulkRows rows, CircuitBreaker breaker,
                      FailureReason reason, Function<CallbackToken, SubmissionResult> refusal,
                      BooleanSupplier cancelled, int concurrency, int lookAhead) {
        this.stages = Objects.requireNonNull(stages);
        this.handOffs = Objects.requireNonNull(handOffs);
        this.rows = Objects.requireNonNull(rows);
        this.breaker = Objects.requireNonNull(breaker);
        this.reason = Objects.requireNonNull(reason);
        this.refusal = Objects.requireNonNull(refusal);
        this.cancelled = Objects.requireNonNull(cancelled);
        this.concurrency = concurrency;
        this.lookAhead = lookAhead;
    }

    /**
     * Ends when every token is claimed (or the run is cancelled) and every journaled decision has its outcome
     * journaled.
     */
    void writeUntilTheEnd() {
        Answered waitedFor = null;
        while (true) {
            JournalBatch batch = new JournalBatch();
            List<Answered> answered = new ArrayList<>();
            if (waitedFor != null) {
                answered.add(waitedFor);
                waitedFor = null;
            }
            handOffs.answered.drainTo(answered);
            answered.stream().filter(a -> a.outcome() != null)
                    .forEach(a -> stages.addOutcome(batch, a.journaled().claimed(), a.outcome()));
            List<Journaled> intents = claimMore(batch);
            if (!batch.isEmpty()) {
                commit(batch, intents, answered);
            } else if (outstanding == 0 && (next == rows.size() || stopClaiming())) {
                finishSignedOut();
                return;
            } else if (outstanding > 0) {
                try {
                    waitedFor = handOffs.answered.take();
                } catch (InterruptedException e) {
                    // Stop claiming, but see every journaled decision through: it is reported as what it became.
                    interrupted = true;
                }
            }
        }
    }

    /** True when an interrupt stopped the claiming. */
    boolean interrupted() {
        return interrupted;
    }

    /** "3 journal commit(s) of 40 row(s), 12 ms committing", for the run's log line. */
    String statistics() {
        return commits + " journal commit(s) of " + rowsCommitted + " row(s), " + nanosCommitting / 1_000_000
                + " ms committing";
    }

    /**
     * After a signed-out answer stopped the run: each token never claimed is told so, with nothing of it on record
     * (as for a cancelled run), so the operator can run them again once signed in.
     */
    private void finishSignedOut() {
        if (!breaker.signedOut()) {
            return;
        }
        for (; next < rows.size(); next++) {
            rows.finish(next, DecisionResults.signedOut(rows.token(next), breaker.signedOutBy()));
        }
    }

    private boolean stopClaiming() {
        return interrupted || cancelled.getAsBoolean() || breaker.open();
    }

    /**
     * Claims tokens until the look-ahead is full; new decisions' intents go into the batch. Slow start: a commit
     * takes at most twice as many new intents as are outstanding (at least two per sender), so the first calls go
     * out after a small commit rather than after the whole look-ahead is written.
     */
    private List<Journaled> claimMore(JournalBatch batch) {
        List<Journaled> intents = new ArrayList<>();
        int thisCommit = Math.max(2 * concurrency, 2 * outstanding);
        while (outstanding + intents.size() < lookAhead && intents.size() < thisCommit && next < rows.size()
                && !stopClaiming()) {
            int index = next++;
            CallbackToken token = rows.token(index);
            Claimed claimed = null;
            try {
                SubmissionResult refused = refusal.apply(token);
                if (refused != null) {
                    rows.finish(index, refused);
                    continue;
                }
                DecisionClaims.Claim claim = stages.claim(token, new Decision.FailStep(reason));
                if (claim instanceof NotClaimed notClaimed) {
                    rows.finish(index, notClaimed.result());
                    continue;
                }
                claimed = (Claimed) claim;
                if (claimed.journaled()) {
                    // An unanswered decision repeated with its own request token: its intent is durable already.
                    handOffs.toSend.add(new Journaled(index, claimed));
                    outstanding++;
                } else {
                    stages.addIntent(batch, claimed);
                    intents.add(new Journaled(index, claimed));
                }
            } catch (RuntimeException e) {
                // Nothing of this token was journaled or sent; the others go on.
                log.warn("Bulk failure of token {} not started", token, e);
                rows.finish(index, claimed == null
                        ? DecisionResults.notStarted(token, e.getMessage())
                        : stages.intentNotJournaled(claimed, e.getMessage()));
            }
        }
        return intents;
    }

    private void commit(JournalBatch batch, List<Journaled> intents, List<Answered> answered) {
        String notWritten = null;
        long start = System.nanoTime();
        try {
            stages.journal(batch);
            commits++;
            rowsCommitted += batch.size();
        } catch (RuntimeException e) {
            // HistoryUnavailableException, or a row SQLite refused: nothing of the batch is on record.
            notWritten = e.getMessage();
        }
        nanosCommitting += System.nanoTime() - start;
        if (notWritten == null) {
            handOffs.toSend.addAll(intents); // first, so the senders go on while the outcomes are reported
            outstanding += intents.size();
        } else {
            for (Journaled journaled : intents) {
                rows.finish(journaled.index(), stages.intentNotJournaled(journaled.claimed(), notWritten));
            }
        }
        for (Answered answer : answered) {
            outstanding--;
            Journaled journaled = answer.journaled();
            if (answer.outcome() == null) {
                SubmissionResult notRepeated = stages.notRepeated(journaled.claimed(), breaker.limit());
                rows.finish(journaled.index(), breaker.signedOut()
                        ? DecisionResults.signedOut(notRepeated, breaker.signedOutBy()) : notRepeated);
                continue;
            }
            SubmissionResult result = stages.outcomeJournaled(journaled.claimed(), answer.outcome(), notWritten);
            if (notWritten == null && answer.outcome() instanceof Outcome.NotSent notSent
                    && notSent.code().equals(BulkSubmission.SIGNED_OUT)) {
                result = DecisionResults.signedOut(result, breaker.signedOutBy());
            }
            if (BulkDecisionStages.deleteMessagesAfter(result)) {
                handOffs.toDelete.add(new Accepted(journaled, result));
            } else {
                rows.finish(journaled.index(), result);
            }
        }
    }
}
