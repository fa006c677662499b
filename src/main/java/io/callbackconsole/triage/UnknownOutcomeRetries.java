package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Submission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a decision that got no clear answer (time-out, lost connection, an answer the history could not take) again in the background, with the same client
 * request token and a growing pause, until SageMaker answers or the operator gives up. SageMaker applies the repeats
 * at most once, so retrying is safe; each attempt's outcome is journaled like any other. Retrying has a deadline: an
 * operator must be able to read when it ends, and SageMaker's memory of a request token is not forever. At the deadline
 * the console gives up as an operator would (an UNKNOWN outcome with code GaveUp), so the row is free for a new decision
 * once someone has checked the execution.
 */
final class UnknownOutcomeRetries implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UnknownOutcomeRetries.class);

    /**
     * @param first       pause before the first retry; doubled after each unanswered one
     * @param longest     the longest pause between two retries
     * @param giveUpAfter how long after the first unanswered send retrying stops; the last retry is at that time
     */
    record Backoff(Duration first, Duration longest, Duration giveUpAfter) {
        static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofMinutes(30);

        Backoff {
            if (first.isNegative() || longest.isNegative() || giveUpAfter.isNegative()) {
                throw new IllegalArgumentException("negative retry pause or deadline");
            }
        }

        Backoff(Duration first, Duration longest) {
            this(first, longest, DEFAULT_GIVE_UP_AFTER);
        }

        static Backoff defaults() {
            return new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(2));
        }

        Duration before(int attempt) {
            long millis = first.toMillis() << Math.min(attempt, 20);
            return Duration.ofMillis(Math.min(millis, longest.toMillis()));
        }
    }

    private final DecisionProtocol protocol;
    private final Consumer<SubmissionResult> onAttempt;
    private final Clock clock;
    /** Tokens being retried, with how many unanswered retries they had; absent once settled or given up. */
    private final Map<CallbackToken, Integer> attempts = new ConcurrentHashMap<>();
    /** When each followed token's next send is due, for views; kept beside {@link #attempts}, removed with it. */
    private final Map<CallbackToken, RetrySchedule> schedules = new ConcurrentHashMap<>();
    /** When retrying each followed token gives up; kept beside {@link #attempts}, removed with it. */
    private final Map<CallbackToken, Instant> deadlines = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "unknown-outcome-retries");
        t.setDaemon(true);
        return t;
    });
    private volatile Backoff backoff = Backoff.defaults();

    /** @param onAttempt told of each retry's result, on the retry thread */
    UnknownOutcomeRetries(DecisionProtocol protocol, Consumer<SubmissionResult> onAttempt) {
        this(protocol, onAttempt, Clock.systemUTC());
    }

    UnknownOutcomeRetries(DecisionProtocol protocol, Consumer<SubmissionResult> onAttempt, Clock clock) {
        this.protocol = Objects.requireNonNull(protocol);
        this.onAttempt = Objects.requireNonNull(onAttempt);
        this.clock = Objects.requireNonNull(clock);
    }

    void backoff(Backoff newBackoff) {
        this.backoff = Objects.requireNonNull(newBackoff);
    }

    /** Starts retrying the token's unanswered decision, unless it is retried already. */
    void follow(CallbackToken token) {
        if (attempts.putIfAbsent(token, 0) == null) {
            deadlines.put(token, clock.instant().plus(backoff.giveUpAfter()));
            schedule(token, 0);
        }
    }

    boolean retrying(CallbackToken token) {
        return attempts.containsKey(token);
    }

    /** The next send of every followed token (no I/O): a copy, safe to hand to another thread. */
    Map<CallbackToken, RetrySchedule> schedules() {
        return Map.copyOf(schedules);
    }

    /** Stops retrying; a retry already on its way finishes and is recorded. */
    void stop(CallbackToken token) {
        forget(token);
    }

    /** @param retriesDone how many retries of the token went unanswered so far */
    private void schedule(CallbackToken token, int retriesDone) {
        if (thread.isShutdown()) {
            return;
        }
        Instant now = clock.instant();
        Instant deadline = deadlines.getOrDefault(token, now);
        // The last retry is at the deadline, not a pause past it.
        Instant due = min(now.plus(backoff.before(retriesDone)), deadline.isBefore(now) ? now : deadline);
        describe(token).ifPresent(decision -> schedules.put(token, new RetrySchedule(retriesDone + 2, due, deadline,
                decision.action(), decision.reason().text())));
        thread.schedule(() -> attempt(token, retriesDone), Duration.between(now, due).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The unsettled decision on the token, while it is followed. */
    private java.util.Optional<Submission> describe(CallbackToken token) {
        if (!attempts.containsKey(token)) {
            return java.util.Optional.empty();
        }
        return protocol.unsettledDecisions().stream().filter(s -> s.token().equals(token)).findFirst();
    }

    private void attempt(CallbackToken token, int attempt) {
        if (!attempts.containsKey(token)) {
            schedules.remove(token);
            return; // the operator gave up
        }
        SubmissionResult result;
        try {
            result = protocol.repeatUnsettled(token);
        } catch (RuntimeException e) {
            log.warn("Retrying the unanswered decision on {} failed; trying again later", token, e);
            schedule(token, attempt + 1);
            return;
        }
        if (result == null) {
            if (protocol.unsettled(token)) {
                schedule(token, attempt); // the operator is sending it right now
            } else {
                forget(token); // settled by the operator meanwhile
            }
            return;
        }
        log.info("Retry {} of the unanswered decision on {}: {}", attempt + 1, token, result.status());
        if (!stillUnsettled(result)) {
            forget(token);
        } else if (pastDeadline(token)) {
            tell(result);
            result = giveUpAtDeadline(token, attempt + 1);
        } else {
            attempts.replace(token, attempt + 1);
            schedule(token, attempt + 1);
        }
        tell(result);
    }

    private boolean pastDeadline(CallbackToken token) {
        Instant deadline = deadlines.get(token);
        return deadline != null && !clock.instant().isBefore(deadline);
    }

    /**
     * The deadline passed with the decision still unanswered: recorded as given up. Should the history not take that,
     * retrying goes on (a decision is never left unanswered and unfollowed while the console runs).
     */
    private SubmissionResult giveUpAtDeadline(CallbackToken token, int retriesDone) {
        SubmissionResult gaveUp = protocol.giveUp(token, "the console at the retry deadline, after " + (retriesDone + 1)
                + " sends in " + backoff.giveUpAfter().toMinutes() + " min");
        if (gaveUp.status() == SubmissionResult.Status.NOT_JOURNALED
                || gaveUp.status() == SubmissionResult.Status.NOT_SENT && protocol.unsettled(token)) {
            log.warn("Giving up on {} at the retry deadline was not recorded; retrying goes on", token);
            attempts.replace(token, retriesDone);
            deadlines.put(token, clock.instant().plus(backoff.longest()));
            schedule(token, retriesDone);
        } else {
            log.info("Gave up retrying the unanswered decision on {} at its deadline", token);
            forget(token);
        }
        return gaveUp;
    }

    private void tell(SubmissionResult result) {
        try {
            onAttempt.accept(result);
        } catch (RuntimeException e) {
            log.warn("A retry listener failed", e);
        }
    }

    /** An unanswered repeat, or an answer the history could not take: the decision is still to be settled. */
    private static boolean stillUnsettled(SubmissionResult result) {
        return result.status() == SubmissionResult.Status.UNKNOWN
                || result.status() == SubmissionResult.Status.ANSWERED_NOT_RECORDED;
    }

    private void forget(CallbackToken token) {
        attempts.remove(token);
        schedules.remove(token);
        deadlines.remove(token);
    }

    @Override
    public void close() {
        attempts.clear();
        schedules.clear();
        deadlines.clear();
        thread.shutdownNow();
    }
}
