package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One decision for many tokens — the window's multi-select and {@code fail --pipeline} — sent with bounded concurrency.
 * Each token goes through the single-token path, so each is journaled, sent and recorded on its own; a failure of one
 * never stops the others. Cancelling stops sending: submissions already sent finish and are recorded, the rest are not
 * sent. Blocking; call it from a background thread.
 */
public final class BulkSubmission {
    /** The console's default number of submissions in flight at once. */
    public static final int DEFAULT_CONCURRENCY = 4;
    /** More would only queue behind SageMaker's throttling. */
    public static final int MAX_CONCURRENCY = 32;

    private final Function<CallbackToken, SubmissionResult> submitOne;
    private final int concurrency;

    /** What became of one token: its submission's result, or {@code null} result when it was not sent (cancelled). */
    public record RowOutcome(CallbackToken token, SubmissionResult result) {
        public boolean sent() {
            return result != null;
        }

        /** One line for a list of outcomes. */
        public String text() {
            if (result == null) {
                return "not sent (cancelled)";
            }
            return switch (result.status()) {
                case ACCEPTED -> "failed the step";
                case REFUSED -> "refused: " + result.message();
                case UNKNOWN -> "no answer (unknown): " + result.message();
                case NOT_SENT, NOT_JOURNALED -> "not sent: " + result.message();
            };
        }
    }

    /** The whole run, in the order the tokens were given. */
    public record Summary(List<RowOutcome> outcomes, boolean cancelled) {
        public Summary {
            outcomes = List.copyOf(outcomes);
        }

        public long count(SubmissionResult.Status status) {
            return outcomes.stream().filter(o -> o.sent() && o.result().status() == status).count();
        }

        public long notSent() {
            return outcomes.stream().filter(o -> !o.sent() || o.result().status() == SubmissionResult.Status.NOT_SENT
                    || o.result().status() == SubmissionResult.Status.NOT_JOURNALED).count();
        }

        public boolean allAccepted() {
            return count(SubmissionResult.Status.ACCEPTED) == outcomes.size();
        }

        /** "3 of 5 failed; 1 refused; 1 not sent (cancelled)." — what an operator reads first. */
        public String text() {
            StringBuilder text = new StringBuilder().append(count(SubmissionResult.Status.ACCEPTED)).append(" of ")
                    .append(outcomes.size()).append(" step(s) failed");
            long refused = count(SubmissionResult.Status.REFUSED);
            long unknown = count(SubmissionResult.Status.UNKNOWN);
            long notSent = notSent();
            if (refused > 0) {
                text.append("; ").append(refused).append(" refused (the rows stay; see each reason)");
            }
            if (unknown > 0) {
                text.append("; ").append(unknown).append(" without an answer (submit them again: the same request is "
                        + "repeated, never applied twice)");
            }
            if (notSent > 0) {
                text.append("; ").append(notSent).append(" not sent").append(cancelled ? " (cancelled)" : "");
            }
            return text.append('.').toString();
        }
    }

    /**
     * @param submitOne   sends one token's decision (journal, call, journal, delete) and says what became of it
     * @param concurrency how many submissions may be in flight at once, 1 to {@link #MAX_CONCURRENCY}
     */
    public BulkSubmission(Function<CallbackToken, SubmissionResult> submitOne, int concurrency) {
        this.submitOne = Objects.requireNonNull(submitOne);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("Bulk concurrency is 1 to " + MAX_CONCURRENCY + "; got " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /**
     * Sends every token, at most {@code concurrency} at once.
     *
     * @param progress  told of each token's outcome as it is known, from the sending threads
     * @param cancelled asked before each send; once true, no further token is sent
     */
    public Summary run(List<CallbackToken> tokens, Consumer<RowOutcome> progress, BooleanSupplier cancelled) {
        RowOutcome[] outcomes = new RowOutcome[tokens.size()];
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(concurrency, Math.max(1, tokens.size()));
        CountDownLatch done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            Thread worker = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < tokens.size(); i = next.getAndIncrement()) {
                        CallbackToken token = tokens.get(i);
                        RowOutcome outcome = cancelled.getAsBoolean() ? new RowOutcome(token, null)
                                : new RowOutcome(token, sendSafely(token));
                        outcomes[i] = outcome;
                        progress.accept(outcome);
                    }
                } finally {
                    done.countDown();
                }
            }, "bulk-submission-" + w);
            worker.setDaemon(true);
            worker.start();
        }
        // Wait even when interrupted: a submission in flight must be reported as what it became, never as "not sent".
        boolean interrupted = false;
        while (done.getCount() > 0) {
            try {
                done.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<RowOutcome> all = new ArrayList<>(Arrays.asList(outcomes));
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) == null) {
                all.set(i, new RowOutcome(tokens.get(i), null));
            }
        }
        return new Summary(all, cancelled.getAsBoolean());
    }

    private SubmissionResult sendSafely(CallbackToken token) {
        try {
            return submitOne.apply(token);
        } catch (RuntimeException e) {
            // The single-token path reports AWS and history problems as results; anything else must not stop the rest.
            return SubmissionResult.notSent("Token " + token + " was not sent: " + e.getMessage());
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
