package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One failure reason for many tokens — the window's multi-select and {@code fail --pipeline} — sent as a pipeline
 * that keeps every guarantee of the single-token path while SageMaker is called at full speed:
 * <ol>
 *   <li>the journal writer (the calling thread) claims tokens and journals their intents ahead of the calls, at most
 *       {@value #LOOK_AHEAD_PER_SENDER} per sender, many in one commit (one fsync: group commit);</li>
 *   <li>{@code concurrency} senders call SageMaker, each with a decision whose intent is durable, and never more than
 *       {@code concurrency} calls are in flight;</li>
 *   <li>the writer journals the outcomes as they come, many in one commit together with the next intents;</li>
 *   <li>a deleter removes the SQS messages of accepted decisions, only once their outcomes are durable, in
 *       DeleteMessageBatch calls of up to 10.</li>
 * </ol>
 * Each decision has its own client request token, reused as the single-token path does. A failure of one token never
 * stops the others; a batch the history cannot write fails only its own rows (not sent, or answer not on record with
 * the message kept). Cancelling stops journaling: decisions already journaled (at most the look-ahead) are still sent
 * and recorded, the rest are not sent. An answer that says the session is over (AWS refused the credentials as
 * expired, or they could not be renewed) stops the run as the circuit breaker does: that token is REFUSED (or stays
 * unsettled), the decisions journaled meanwhile are on record as not sent ({@value #SIGNED_OUT}), the tokens not
 * claimed are not sent and nothing of them is on record; every message of them is kept, so the same run after a
 * sign-in decides each once. A crash between an intent and its call leaves a journaled decision that
 * start-up recovery sends with its own request token, as for a single submission. Blocking; call it from a background
 * thread.
 */
public final class BulkSubmission {
    private static final Logger log = LoggerFactory.getLogger(BulkSubmission.class);

    /** The console's default number of submissions in flight at once. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** More would only queue behind SageMaker's throttling. */
    public static final int MAX_CONCURRENCY = 32;
    /**
     * Decisions journaled ahead of the calls, per sender: enough that senders rarely wait for a commit (a commit takes
     * a few ms, more on a busy disk; a loopback call a fraction of one), few enough that a cancelled run sends little
     * more.
     */
    public static final int LOOK_AHEAD_PER_SENDER = 32;
    /** How long accepted rows may wait for others to fill a DeleteMessageBatch call: a short delay of their report. */
    static final long PARTIAL_BATCH_WAIT_MILLIS = 20;
    /** The code of the NOT_SENT outcome of a decision the run stopped sending once its circuit breaker opened. */
    public static final String CIRCUIT_OPEN = "CircuitOpen";
    /** The code of the NOT_SENT outcome of a decision the run stopped sending once AWS said the session is over. */
    public static final String SIGNED_OUT = "SignedOut";

    private final BulkDecisionStages stages;
    private final int breakerLimit;
    private final FailureReason reason;
    private final int concurrency;
    private final Function<CallbackToken, SubmissionResult> refusal;
    private final Consumer<RowOutcome> afterEach;

    /**
     * What became of one token: its submission's result, or {@code null} result when it was not claimed (the run was
     * cancelled, or its circuit breaker opened, before the token's turn).
     */
    public record RowOutcome(CallbackToken token, SubmissionResult result) {
        public boolean sent() {
            return result != null;
        }
    }

    /**
     * The whole run, in the order the tokens were given.
     *
     * @param cancelled     the operator (or an interrupt) stopped the run
     * @param breakerOpened SageMaker gave no answer to too many calls in a row, so the run stopped sending
     * @param signedOutBy   the error code with which AWS said the session is over (ExpiredTokenException, say), so
     *                      the run stopped sending: the tokens not sent wait for a sign-in; null when it did not
     */
    public record Summary(List<RowOutcome> outcomes, boolean cancelled, boolean breakerOpened, String signedOutBy) {
        public Summary {
            outcomes = List.copyOf(outcomes);
        }

        public Summary(List<RowOutcome> outcomes, boolean cancelled, boolean breakerOpened) {
            this(outcomes, cancelled, breakerOpened, null);
        }

        /** True when the run stopped because the session is over; sign in, then run the rest again. */
        public boolean signedOut() {
            return signedOutBy != null;
        }

        public long count(SubmissionResult.Status status) {
            return outcomes.stream().filter(o -> o.sent() && o.result().status() == status).count();
        }

        public long notSent() {
            return outcomes.stream().filter(o -> !o.sent() || o.result().notSent()).count();
        }

        public boolean allAccepted() {
            return count(SubmissionResult.Status.ACCEPTED) == outcomes.size();
        }

        /**
         * The tally by status, for logs and measurements ("1000 tokens: ACCEPTED 998, UNKNOWN 2, not sent 0"); the
         * front ends word the summary themselves.
         */
        public String tally() {
            StringBuilder text = new StringBuilder().append(outcomes.size()).append(" tokens:");
            for (SubmissionResult.Status status : SubmissionResult.Status.values()) {
                long count = count(status);
                if (count > 0) {
                    text.append(' ').append(status).append(' ').append(count).append(',');
                }
            }
            text.append(" not sent ").append(notSent());
            if (cancelled) {
                text.append(", cancelled");
            }
            if (breakerOpened) {
                text.append(", circuit breaker opened");
            }
            if (signedOutBy != null) {
                text.append(", signed out (").append(signedOutBy).append(')');
            }
            return text.toString();
        }
    }

    /**
     * @param reason      the failure reason every token is failed with
     * @param concurrency how many SageMaker calls may be in flight at once, 1 to {@link #MAX_CONCURRENCY}
     * @param breakerLimit after this many calls in a row without an answer, nothing more is sent
     * @param refusal     why a token must not be sent (a stale one, say) as a not-sent result, or null to send it
     * @param afterEach   told of each token's outcome, on the run's threads, before the progress listener
     */
    BulkSubmission(DecisionProtocol protocol, FailureReason reason, int concurrency, int breakerLimit,
                   Function<CallbackToken, SubmissionResult> refusal, Consumer<RowOutcome> afterEach) {
        this.stages = protocol.bulkStages();
        this.breakerLimit = breakerLimit;
        this.reason = Objects.requireNonNull(reason);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("Bulk concurrency is 1 to " + MAX_CONCURRENCY + "; got " + concurrency);
        }
        this.concurrency = concurrency;
        this.refusal = Objects.requireNonNull(refusal);
        this.afterEach = Objects.requireNonNull(afterEach);
    }

    /**
     * Fails every token, at most {@code concurrency} calls at once.
     *
     * @param progress  told of each token's outcome as it is known (for an accepted one, once its messages are
     *                  deleted), from the run's threads
     * @param cancelled asked before each token is journaled; once true, no further token is journaled, and those
     *                  journaled already are sent
     */
    public Summary run(List<CallbackToken> tokens, Consumer<RowOutcome> progress, BooleanSupplier cancelled) {
        BulkRows rows = new BulkRows(tokens, afterEach, progress);
        BulkHandOffs handOffs = new BulkHandOffs();
        CircuitBreaker breaker = new CircuitBreaker(breakerLimit);
        BulkJournalWriter writer = new BulkJournalWriter(stages, handOffs, rows, breaker, reason, refusal, cancelled,
                concurrency, concurrency * LOOK_AHEAD_PER_SENDER);
        BulkMessageDeleter deleter = new BulkMessageDeleter(stages, handOffs, rows, PARTIAL_BATCH_WAIT_MILLIS);
        int senders = Math.min(concurrency, Math.max(1, rows.size()));
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            threads.add(start(new BulkSender(stages, handOffs, breaker), "bulk-sender-" + s));
        }
        threads.add(start(deleter, "bulk-deleter"));
        try {
            writer.writeUntilTheEnd();
        } finally {
            // Every journaled decision was answered and its outcome journaled: the other stages can end.
            for (int s = 0; s < senders; s++) {
                handOffs.toSend.add(BulkHandOffs.NO_MORE_TO_SEND);
            }
            handOffs.toDelete.add(BulkHandOffs.NO_MORE_TO_DELETE);
            threads.forEach(BlockingQueues::joinUninterruptibly);
        }
        if (writer.interrupted()) {
            Thread.currentThread().interrupt();
        }
        log.info("Bulk failure of {} token(s), {} call(s) at a time: {}; {} round(s) of message deletion",
                rows.size(), senders, writer.statistics(), deleter.deleteCalls());
        return rows.summary(writer.interrupted() || cancelled.getAsBoolean(),
                breaker.open() && !breaker.signedOut(), breaker.signedOutBy());
    }

    private static Thread start(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
