package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.history.HistoryStore;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The decisions the front ends take on one session's tokens — fail, fail many, approve, dismiss, release, give up —
 * each through the {@link DecisionProtocol}, with a stale token refused before it is sent and an unanswered decision
 * handed to the background retries. Its blocking methods run on the caller's thread.
 */
public final class SessionDecisions {
    private final DecisionProtocol protocol;
    private final UnknownOutcomeRetries retries;
    private final PendingFeed pending;
    private final HistoryStore history;
    private final Operator operator;
    private final List<Consumer<SubmissionResult>> retryListeners;

    /** {@code retryListeners} are told of each background retry's result by whoever runs the retries. */
    SessionDecisions(DecisionProtocol protocol, UnknownOutcomeRetries retries, PendingFeed pending,
                     HistoryStore history, Operator operator, List<Consumer<SubmissionResult>> retryListeners) {
        this.protocol = protocol;
        this.retries = retries;
        this.pending = pending;
        this.history = history;
        this.operator = operator;
        this.retryListeners = retryListeners;
    }

    /**
     * Blocking: journal, call SageMaker, journal, delete. Publishes a snapshot afterwards. A token known to be stale
     * is not sent: it can only be dismissed.
     */
    public SubmissionResult submitFailure(CallbackToken token, FailureReason reason) {
        SubmissionResult stale = staleRefusal(token);
        if (stale != null) {
            return stale;
        }
        SubmissionResult result = protocol.decide(token, new Decision.FailStep(reason), true);
        retryIfUnknown(token, result);
        afterDecision(token);
        return result;
    }

    /** Blocking: like {@link #submitFailure}, but also for a token whose message this session does not hold. */
    public SubmissionResult submitFailureByToken(CallbackToken token, FailureReason reason) {
        SubmissionResult result = protocol.decide(token, new Decision.FailStep(reason), false);
        retryIfUnknown(token, result);
        afterDecision(token);
        return result;
    }

    /**
     * Blocking: fails many steps with one reason through the bulk pipeline ({@link BulkSubmission}): every decision is
     * journaled (durably, many per commit) before it is sent, at most {@code concurrency} calls are in flight, and a
     * token's messages are deleted once its outcome is durable. A stale token is not sent. Cancelling stops
     * journaling; decisions journaled already (at most {@code concurrency ×}
     * {@value BulkSubmission#LOOK_AHEAD_PER_SENDER}) are still sent. One snapshot is published at the end, not one per token.
     */
    public BulkSubmission.Summary submitFailures(List<CallbackToken> tokens, FailureReason reason, int concurrency,
                                                 Consumer<BulkSubmission.RowOutcome> progress,
                                                 BooleanSupplier cancelled) {
        BulkSubmission bulk = new BulkSubmission(protocol, reason, concurrency, CircuitBreaker.DEFAULT_LIMIT,
                this::staleRefusal, outcome -> {
            if (outcome.sent() && outcome.result().submission() != null
                    && outcome.result().submission().executionArn() != null) {
                // The decision changed the execution: look it up again on the next tick.
                pending.expireContext(outcome.result().submission().executionArn());
            }
            if (outcome.sent()) {
                retryIfUnknown(outcome.token(), outcome.result());
            }
        });
        try {
            return bulk.run(tokens, progress, cancelled);
        } finally {
            pending.publish();
        }
    }

    /**
     * Blocking: refuses a bulk run of {@code decisions} whose journal would not fit on the history's disk, before
     * anything is journaled or sent.
     */
    public void ensureHistoryRoomFor(int decisions) {
        history.ensureRoomFor(decisions);
    }

    /** Blocking: approves the step with these output parameters (SendPipelineExecutionStepSuccess), journaled. */
    public SubmissionResult approve(CallbackToken token, OutputParameters outputs) {
        SubmissionResult stale = staleRefusal(token);
        if (stale != null) {
            return stale;
        }
        if (pending.contextOf(token).stopRequested()) {
            return DecisionResults.executionStopping(token);
        }
        SubmissionResult result = protocol.decide(token, new Decision.ApproveStep(outputs), true);
        retryIfUnknown(token, result);
        afterDecision(token);
        return result;
    }

    /** Who the decisions are recorded as made by: the operating-system user. */
    public Operator operator() {
        return operator;
    }

    /** The reason an operator acknowledging a stop sends by default; editable before it is sent. */
    public String defaultStopReason() {
        return "Stop acknowledged by " + operator.name() + " in Callback Console";
    }

    /** Blocking: records the dismissal of a stale token and deletes its SQS messages; SageMaker is not called. */
    public SubmissionResult dismiss(CallbackToken token, String why) {
        SubmissionResult result = protocol.dismiss(token, why);
        pending.publish();
        return result;
    }

    /**
     * Blocking: deletes a quarantined message from its queue, recorded as a dismissal with its body's SHA-256 hash
     * (intent before the delete, outcome after); a delete that fails keeps the message and says why.
     */
    public SubmissionResult deleteQuarantined(QuarantinedMessage message) {
        SubmissionResult result = protocol.deleteQuarantined(message);
        pending.publish();
        return result;
    }

    /**
     * Blocking: hands the token's SQS messages back to their queue so another console can take it; the row goes away
     * until a poll receives it again. Nothing is recorded: no decision was made.
     */
    public SubmissionResult release(CallbackToken token) {
        String problem = pending.release(token);
        return problem == null ? DecisionResults.released(token) : DecisionResults.notReleased(token, problem);
    }

    /** Told of each background retry's result (on the retry thread): an unanswered decision settled or not yet. */
    public void addRetryListener(Consumer<SubmissionResult> listener) {
        retryListeners.add(listener);
    }

    /** True while an unanswered decision on this token is retried in the background (no I/O). */
    public boolean retrying(CallbackToken token) {
        return retries.retrying(token);
    }

    /**
     * Blocking: stops retrying the unanswered decision on this token and records that in the history (an UNKNOWN
     * outcome with error code GaveUp): whether SageMaker applied it stays unknown. The row stays.
     */
    public SubmissionResult giveUp(CallbackToken token) {
        retries.stop(token);
        SubmissionResult result = protocol.giveUp(token);
        if (result.status() == SubmissionResult.Status.NOT_JOURNALED) {
            retries.follow(token); // not on record, so not given up
        }
        pending.publish();
        return result;
    }

    /** How long background retries of unanswered decisions wait: {@code first}, doubling up to {@code longest}. */
    public void retryUnknownOutcomes(Duration first, Duration longest) {
        retries.backoff(new UnknownOutcomeRetries.Backoff(first, longest));
    }

    /** As {@link #retryUnknownOutcomes(Duration, Duration)}, giving up {@code giveUpAfter} after the first send. */
    public void retryUnknownOutcomes(Duration first, Duration longest, Duration giveUpAfter) {
        retries.backoff(new UnknownOutcomeRetries.Backoff(first, longest, giveUpAfter));
    }

    /**
     * Why a token must not be sent because its step no longer waits, or null. A token with an unsettled decision is
     * left to the protocol, which repeats that decision and refuses any other.
     */
    private SubmissionResult staleRefusal(CallbackToken token) {
        if (protocol.unsettled(token)) {
            // Its own unsettled decision may be why the step no longer waits: the protocol repeats that one only.
            return null;
        }
        String stale = pending.staleReason(token);
        return stale == null ? null : DecisionResults.noLongerAnswerable(token, stale);
    }

    /** Before the snapshot that follows a decision, so that snapshot already shows its retry. */
    private void retryIfUnknown(CallbackToken token, SubmissionResult result) {
        if (protocol.unsettled(token) && result.submission() != null) {
            retries.follow(token);
        }
    }

    private void afterDecision(CallbackToken token) {
        // The decision changed the execution: look it up again on the next tick.
        pending.expireContextOf(token);
        pending.publish();
    }
}
