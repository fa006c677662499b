package io.callbackconsole.triage;

import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.history.JournalBatch;
import io.callbackconsole.triage.DecisionProtocol.BulkClaim;
import io.callbackconsole.triage.DecisionProtocol.NotClaimed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * and recorded, the rest are not sent. A crash between an intent and its call leaves a journaled decision that
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

    private final DecisionProtocol protocol;
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

        /** One line for a list of outcomes. */
        public String text() {
            if (result == null) {
                return "not sent";
            }
            return switch (result.status()) {
                case ACCEPTED -> "failed the step";
                case ACCEPTED_OTHER_EXECUTION -> "failed a step of another execution: " + result.message();
                case REFUSED -> "refused: " + result.message();
                case UNKNOWN -> "no clear answer (unsettled): " + result.message();
                case ANSWERED_NOT_RECORDED -> "answered, not recorded: " + result.message();
                case NOT_SENT, NOT_JOURNALED -> "not sent: " + result.message();
            };
        }
    }

    /**
     * The whole run, in the order the tokens were given.
     *
     * @param cancelled     the operator (or an interrupt) stopped the run
     * @param breakerOpened SageMaker gave no answer to too many calls in a row, so the run stopped sending
     */
    public record Summary(List<RowOutcome> outcomes, boolean cancelled, boolean breakerOpened) {
        public Summary {
            outcomes = List.copyOf(outcomes);
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

        /** "3 of 5 steps failed as asked; 1 refused; 1 not sent (cancelled)." — what an operator reads first. */
        public String text() {
            StringBuilder text = new StringBuilder().append(count(SubmissionResult.Status.ACCEPTED)).append(" of ")
                    .append(outcomes.size()).append(" step(s) failed as asked");
            long elsewhere = count(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION);
            long refused = count(SubmissionResult.Status.REFUSED);
            long unknown = count(SubmissionResult.Status.UNKNOWN);
            long notRecorded = count(SubmissionResult.Status.ANSWERED_NOT_RECORDED);
            long notSent = notSent();
            if (elsewhere > 0) {
                text.append("; ").append(elsewhere).append(" applied to another execution than the message named"
                        + " (messages kept)");
            }
            if (refused > 0) {
                text.append("; ").append(refused).append(" refused (the rows stay; see each reason)");
            }
            if (notRecorded > 0) {
                text.append("; ").append(notRecorded).append(" answered, not recorded (run recover once the history"
                        + " is writable)");
            }
            if (unknown > 0) {
                text.append("; ").append(unknown).append(" without a clear answer (unsettled: repeated with the same"
                        + " request token, never applied twice)");
            }
            if (notSent > 0) {
                text.append("; ").append(notSent).append(" not sent")
                        .append(breakerOpened ? " (no answer to several calls in a row: check the connection)"
                                : cancelled ? " (cancelled)" : "");
            }
            return text.append('.').toString();
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
        this.protocol = Objects.requireNonNull(protocol);
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
        return new Run(List.copyOf(tokens), progress, cancelled).run();
    }

    /** One run. The journal writer's fields ({@code next}, {@code outstanding}) are the calling thread's alone. */
    private final class Run {
        /** A claimed decision and the place of its token in the run. */
        private record Claimed(int index, DecisionProtocol.Claimed failure) {
        }

        /** @param outcome null when an unsettled decision was not repeated: it stays unsettled, with no new row */
        private record Sent(Claimed claimed, Outcome outcome) {
        }

        /** An accepted decision, on record, whose messages are to be deleted. */
        private record Accepted(Claimed claimed, SubmissionResult result) {
        }

        private static final Claimed NO_MORE_TO_SEND = new Claimed(-1, null);
        private static final Accepted NO_MORE_TO_DELETE = new Accepted(null, null);

        private final List<CallbackToken> tokens;
        private final Consumer<RowOutcome> progress;
        private final BooleanSupplier cancelled;
        private final RowOutcome[] outcomes;
        /** Journaled decisions, in order, for the senders. */
        private final BlockingQueue<Claimed> toSend = new LinkedBlockingQueue<>();
        /** Answers (or their absence), for the journal writer. */
        private final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        private final BlockingQueue<Accepted> toDelete = new LinkedBlockingQueue<>();
        private final CircuitBreaker breaker = new CircuitBreaker(breakerLimit);
        private final int lookAhead;
        /** The next token to claim. */
        private int next;
        /** Decisions journaled (or repeated) whose outcome is not journaled yet: waiting, in a call, or answered. */
        private int outstanding;
        private boolean interrupted;
        private int commits;
        private int rowsCommitted;
        private long nanosCommitting;
        private int deleteCalls;

        Run(List<CallbackToken> tokens, Consumer<RowOutcome> progress, BooleanSupplier cancelled) {
            this.tokens = tokens;
            this.progress = Objects.requireNonNull(progress);
            this.cancelled = Objects.requireNonNull(cancelled);
            this.outcomes = new RowOutcome[tokens.size()];
            this.lookAhead = concurrency * LOOK_AHEAD_PER_SENDER;
        }

        Summary run() {
            int senders = Math.min(concurrency, Math.max(1, tokens.size()));
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                threads.add(start(this::sendUntilTheEnd, "bulk-sender-" + s));
            }
            Thread deleter = start(this::deleteUntilTheEnd, "bulk-deleter");
            try {
                writeJournal();
            } finally {
                // Every journaled decision was answered and its outcome journaled (outstanding is 0).
                for (int s = 0; s < senders; s++) {
                    toSend.add(NO_MORE_TO_SEND);
                }
                toDelete.add(NO_MORE_TO_DELETE);
                threads.add(deleter);
                threads.forEach(Run::joinUninterruptibly);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            log.info("Bulk failure of {} token(s), {} call(s) at a time: {} journal commit(s) of {} row(s), {} ms"
                    + " committing; {} round(s) of message deletion", tokens.size(), senders, commits, rowsCommitted,
                    nanosCommitting / 1_000_000, deleteCalls);
            List<RowOutcome> all = new ArrayList<>(Arrays.asList(outcomes));
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) == null) {
                    all.set(i, new RowOutcome(tokens.get(i), null));
                }
            }
            return new Summary(all, interrupted || cancelled.getAsBoolean(), breaker.open());
        }

        /**
         * The journal writer: each round journals the outcomes that came in and the intents that keep the look-ahead
         * full, in one commit, then hands the intents to the senders and the outcomes on. Ends when every token is
         * claimed (or the run is cancelled) and every journaled decision has its outcome journaled.
         */
        private void writeJournal() {
            Sent waitedFor = null;
            while (true) {
                JournalBatch batch = new JournalBatch();
                List<Sent> answered = new ArrayList<>();
                if (waitedFor != null) {
                    answered.add(waitedFor);
                    waitedFor = null;
                }
                sent.drainTo(answered);
                answered.stream().filter(a -> a.outcome() != null)
                        .forEach(a -> protocol.addOutcome(batch, a.claimed().failure(), a.outcome()));
                List<Claimed> intents = claimMore(batch);
                if (!batch.isEmpty()) {
                    commit(batch, intents, answered);
                } else if (outstanding == 0 && (next == tokens.size() || stopClaiming())) {
                    return;
                } else if (outstanding > 0) {
                    try {
                        waitedFor = sent.take();
                    } catch (InterruptedException e) {
                        // Stop claiming, but see every journaled decision through: it is reported as what it became.
                        interrupted = true;
                    }
                }
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
        private List<Claimed> claimMore(JournalBatch batch) {
            List<Claimed> intents = new ArrayList<>();
            int thisCommit = Math.max(2 * concurrency, 2 * outstanding);
            while (outstanding + intents.size() < lookAhead && intents.size() < thisCommit && next < tokens.size()
                    && !stopClaiming()) {
                int index = next++;
                CallbackToken token = tokens.get(index);
                DecisionProtocol.Claimed claimed = null;
                try {
                    SubmissionResult refused = refusal.apply(token);
                    if (refused != null) {
                        finish(index, refused);
                        continue;
                    }
                    BulkClaim claim = protocol.claim(token, new Decision.FailStep(reason));
                    if (claim instanceof NotClaimed notClaimed) {
                        finish(index, notClaimed.result());
                        continue;
                    }
                    claimed = (DecisionProtocol.Claimed) claim;
                    if (claimed.journaled()) {
                        // An unanswered decision repeated with its own request token: its intent is durable already.
                        toSend.add(new Claimed(index, claimed));
                        outstanding++;
                    } else {
                        protocol.addIntent(batch, claimed);
                        intents.add(new Claimed(index, claimed));
                    }
                } catch (RuntimeException e) {
                    // Nothing of this token was journaled or sent; the others go on.
                    log.warn("Bulk failure of token {} not started", token, e);
                    finish(index, claimed == null
                            ? SubmissionResult.notSent("Token " + token + " was not sent: " + e.getMessage())
                            : protocol.intentNotJournaled(claimed, e.getMessage()));
                }
            }
            return intents;
        }

        private void commit(JournalBatch batch, List<Claimed> intents, List<Sent> answered) {
            String notWritten = null;
            long start = System.nanoTime();
            try {
                protocol.journal(batch);
                commits++;
                rowsCommitted += batch.size();
            } catch (RuntimeException e) {
                // HistoryUnavailableException, or a row SQLite refused: nothing of the batch is on record.
                notWritten = e.getMessage();
            }
            nanosCommitting += System.nanoTime() - start;
            if (notWritten == null) {
                toSend.addAll(intents); // first, so the senders go on while the outcomes are reported
                outstanding += intents.size();
            } else {
                for (Claimed claimed : intents) {
                    finish(claimed.index(), protocol.intentNotJournaled(claimed.failure(), notWritten));
                }
            }
            for (Sent answer : answered) {
                outstanding--;
                if (answer.outcome() == null) {
                    finish(answer.claimed().index(), protocol.notRepeated(answer.claimed().failure(), "SageMaker gave"
                            + " no answer to " + breaker.limit() + " calls in a row, so the run stopped sending."));
                    continue;
                }
                SubmissionResult result = protocol.outcomeJournaled(answer.claimed().failure(), answer.outcome(),
                        notWritten);
                if (DecisionProtocol.deleteMessagesAfter(result)) {
                    toDelete.add(new Accepted(answer.claimed(), result));
                } else {
                    finish(answer.claimed().index(), result);
                }
            }
        }

        /**
         * A sender: calls SageMaker for one journaled decision after another. Once the breaker is open, a new decision
         * is settled as not sent (its intent says so), and an unsettled one repeated from earlier is left unsettled.
         */
        private void sendUntilTheEnd() {
            for (Claimed claimed = takeUninterruptibly(toSend); claimed != NO_MORE_TO_SEND;
                 claimed = takeUninterruptibly(toSend)) {
                Outcome outcome;
                if (breaker.open()) {
                    outcome = claimed.failure().journaled() ? null : new Outcome.NotSent(CIRCUIT_OPEN, "SageMaker "
                            + "gave no answer to " + breaker.limit() + " calls in a row, so the run stopped sending.");
                } else {
                    outcome = protocol.send(claimed.failure());
                    breaker.record(outcome);
                }
                sent.add(new Sent(claimed, outcome));
            }
        }

        /**
         * The deleter: deletes the messages of accepted decisions in DeleteMessageBatch calls. A call costs about the
         * same for 1 message as for 10, so it waits (up to {@link #PARTIAL_BATCH_WAIT_MILLIS}) for a full batch of
         * messages, and sends whole batches while more are coming.
         */
        private void deleteUntilTheEnd() {
            List<Accepted> waiting = new ArrayList<>();
            int messagesWaiting = 0;
            long oldestSince = 0;
            boolean end = false;
            while (!end || !waiting.isEmpty()) {
                if (!end) {
                    long waitMillis = waiting.isEmpty() ? Long.MAX_VALUE
                            : PARTIAL_BATCH_WAIT_MILLIS - (System.nanoTime() - oldestSince) / 1_000_000;
                    List<Accepted> arrived = new ArrayList<>();
                    Accepted next = messagesWaiting >= SqsCallbackInbox.MAX_MESSAGES_PER_RECEIVE ? null
                            : pollUninterruptibly(toDelete, waitMillis);
                    if (next != null) {
                        arrived.add(next);
                    }
                    toDelete.drainTo(arrived);
                    end = arrived.remove(NO_MORE_TO_DELETE);
                    if (waiting.isEmpty() && !arrived.isEmpty()) {
                        oldestSince = System.nanoTime();
                    }
                    for (Accepted a : arrived) {
                        waiting.add(a);
                        messagesWaiting += a.claimed().failure().pending().messages().size();
                    }
                }
                boolean waitedLongEnough = !waiting.isEmpty()
                        && (System.nanoTime() - oldestSince) / 1_000_000 >= PARTIAL_BATCH_WAIT_MILLIS;
                List<Accepted> whole = wholeBatches(waiting);
                // Tokens with several messages can leave no whole batch: then a full call's worth goes as it is.
                boolean fullCallWaiting = whole.isEmpty() && messagesWaiting >= SqsCallbackInbox.MAX_MESSAGES_PER_RECEIVE;
                List<Accepted> now = end || waitedLongEnough || fullCallWaiting ? List.copyOf(waiting) : whole;
                if (now.isEmpty()) {
                    continue;
                }
                waiting.subList(0, now.size()).clear();
                List<QueueMessage> messages = new ArrayList<>();
                now.forEach(a -> messages.addAll(a.claimed().failure().pending().messages()));
                messagesWaiting -= messages.size();
                deleteCalls++;
                oldestSince = System.nanoTime();
                Map<QueueMessage, String> failures = messages.isEmpty() ? Map.of() : protocol.deleteAll(messages);
                for (Accepted a : now) {
                    finish(a.claimed().index(), protocol.deleted(a.claimed().failure(), a.result(), failures));
                }
            }
        }

        /** The longest head of {@code waiting} whose messages fill whole batches of 10; empty when there are fewer. */
        private static List<Accepted> wholeBatches(List<Accepted> waiting) {
            int messages = 0;
            int end = 0;
            for (int i = 0; i < waiting.size(); i++) {
                messages += waiting.get(i).claimed().failure().pending().messages().size();
                if (messages % SqsCallbackInbox.MAX_MESSAGES_PER_RECEIVE == 0) {
                    end = i + 1;
                }
            }
            return List.copyOf(waiting.subList(0, end));
        }

        private void finish(int index, SubmissionResult result) {
            RowOutcome outcome = new RowOutcome(tokens.get(index), result);
            outcomes[index] = outcome;
            try {
                afterEach.accept(outcome);
                progress.accept(outcome);
            } catch (RuntimeException e) {
                log.warn("Reporting the bulk outcome of {} failed", outcome.token(), e);
            }
        }

        private static Thread start(Runnable work, String name) {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        /** The next element, waiting at most {@code millis} (none when 0 or less); null when none came. */
        private static <T> T pollUninterruptibly(BlockingQueue<T> queue, long millis) {
            if (millis <= 0) {
                return queue.poll();
            }
            if (millis == Long.MAX_VALUE) {
                return takeUninterruptibly(queue);
            }
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            try {
                while (true) {
                    try {
                        return queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static <T> T takeUninterruptibly(BlockingQueue<T> queue) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return queue.take();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static void joinUninterruptibly(Thread thread) {
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** "Fail 3 callback steps of 2 pipelines (a, b)": the question a confirmation asks. */
    public static String describe(List<PendingCallback> targets) {
        TreeSet<String> pipelines = new TreeSet<>();
        targets.forEach(t -> pipelines.add(t.executionArn().pipelineName()));
        return "Fail " + targets.size() + " callback step(s) of " + pipelines.size() + " pipeline(s) ("
                + String.join(", ", pipelines) + ")";
    }
}
