package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.JournalBatch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one decision on a pending callback step — fail it, or approve it with output parameters — as journal the
 * intent, call SageMaker, journal the outcome, and only then delete the token's SQS messages; and dismisses stale
 * tokens (journal, delete, journal) without calling SageMaker. Blocking; call it from a background thread.
 */
public final class FailureSubmitter {
    private static final Logger log = LoggerFactory.getLogger(FailureSubmitter.class);
    /** The error code of the UNKNOWN outcome that records an operator giving up on an unanswered decision. */
    public static final String GAVE_UP = "GaveUp";

    private final PendingCallbackSet callbacks;
    private final HistoryStore history;
    private final SageMakerCallbackGateway gateway;
    private final SqsCallbackInbox inbox;
    private final AwsErrorExplainer explainer;
    private final Operator operator;
    private final ConnectionId connection;
    /** The name of the step a token belongs to, when SageMaker has told us; null otherwise. */
    private final Function<CallbackToken, String> stepNames;
    private final Clock clock;
    private final Set<CallbackToken> inFlight = ConcurrentHashMap.newKeySet();
    /** Decisions whose call got no answer: a new attempt with the same reason repeats the same request token. */
    private final Map<CallbackToken, Submission> unsettled = new ConcurrentHashMap<>();
    private final Map<CallbackToken, OutputParameters> unsettledOutputs = new ConcurrentHashMap<>();

    /** How one kind of decision is made, journaled and sent. */
    private interface Decision {
        /** @param pending the token's held messages, or null when none are held */
        Submission create(PendingCallback pending);

        /** True when an unsettled earlier submission is this same decision, so its request token is reused. */
        boolean repeats(Submission earlier);

        void journal(Submission submission);

        Outcome send(Submission submission);

        String acceptedMessage(Outcome.Accepted accepted);
    }

    public FailureSubmitter(PendingCallbackSet callbacks, HistoryStore history, SageMakerCallbackGateway gateway,
                            SqsCallbackInbox inbox, AwsErrorExplainer explainer, Operator operator,
                            ConnectionId connection, Function<CallbackToken, String> stepNames, Clock clock) {
        this.callbacks = callbacks;
        this.history = history;
        this.gateway = gateway;
        this.inbox = inbox;
        this.explainer = explainer;
        this.operator = operator;
        this.connection = connection;
        this.stepNames = stepNames;
        this.clock = clock;
    }

    /** Fails a token this console holds the message of; refuses a token that is no longer pending. */
    public SubmissionResult submit(CallbackToken token, FailureReason reason) {
        return decide(token, failure(token, reason), true);
    }

    /**
     * Fails a token whether or not its message is held: with the message, exactly as {@link #submit}; without it (the
     * message went to another consumer, or the token came from a runbook), the decision is journaled without an
     * execution ARN and SageMaker's answer names the execution.
     */
    public SubmissionResult submitByToken(CallbackToken token, FailureReason reason) {
        return decide(token, failure(token, reason), false);
    }

    private Decision failure(CallbackToken token, FailureReason reason) {
        return new Decision() {
            public Submission create(PendingCallback pending) {
                return Submission.fail(token, pending == null ? null : pending.executionArn(), reason, operator,
                        connection, clock.instant());
            }

            public boolean repeats(Submission earlier) {
                return earlier.action() == Action.FAIL && earlier.reason().equals(reason);
            }

            public void journal(Submission submission) {
                history.recordIntent(submission, stepNames.apply(token), null);
            }

            public Outcome send(Submission submission) {
                return gateway.sendFailure(submission);
            }

            public String acceptedMessage(Outcome.Accepted accepted) {
                return stepFailed(token, accepted);
            }
        };
    }

    private static String stepFailed(CallbackToken token, Outcome.Accepted accepted) {
        return "Step failed for token " + token + " — execution " + accepted.returnedExecutionArn() + ".";
    }

    /** Approves the step: SendPipelineExecutionStepSuccess with the output parameters, journaled like a failure. */
    public SubmissionResult approve(CallbackToken token, OutputParameters outputs) {
        String summary = outputs.values().isEmpty() ? "Approved" : "Approved: " + outputs.summary();
        // The note fits the reason column's limit; the outputs themselves are journaled in full beside it.
        FailureReason note = FailureReason.shortened(summary);
        return decide(token, new Decision() {
            public Submission create(PendingCallback pending) {
                return Submission.approve(pending.token(), pending.executionArn(), note, operator, connection,
                        clock.instant());
            }

            public boolean repeats(Submission earlier) {
                return earlier.action() == Action.APPROVE && outputs.equals(unsettledOutputs.get(token));
            }

            public void journal(Submission submission) {
                history.recordApprovalIntent(submission, stepNames.apply(token), outputs);
                unsettledOutputs.put(token, outputs);
            }

            public Outcome send(Submission submission) {
                return gateway.sendSuccess(submission, outputs);
            }

            public String acceptedMessage(Outcome.Accepted accepted) {
                return "Step approved for token " + token + " — execution " + accepted.returnedExecutionArn() + ".";
            }
        }, true);
    }

    /**
     * Dismisses a token whose step no longer waits: journals the dismissal with the reason, deletes its SQS messages
     * and journals whether that worked. Nothing is sent to SageMaker.
     */
    public SubmissionResult dismiss(CallbackToken token, String why) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null) {
            return SubmissionResult.notSent("Token " + token + " is no longer pending; nothing to dismiss.");
        }
        if (!inFlight.add(token)) {
            return SubmissionResult.notSent("Token " + token + " is being submitted already; wait for its outcome.");
        }
        try {
            String text = "Dismissed: " + (why == null || why.isBlank() ? "its step no longer waits" : why);
            FailureReason reason = FailureReason.shortened(text);
            Submission submission = Submission.dismiss(token, pending.executionArn(), reason, operator,
                    connection, clock.instant());
            try {
                history.recordIntent(submission, stepNames.apply(token), null);
            } catch (HistoryUnavailableException e) {
                return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null, "Nothing was "
                        + "dismissed: the dismissal could not be written to the history first. " + e.getMessage());
            }
            String warning = deleteMessages(pending);
            Outcome outcome = warning == null
                    ? new Outcome.Accepted(pending.executionArn().value(), null)
                    : new Outcome.Refused("SqsDeleteFailed", null, warning, null);
            try {
                history.recordOutcome(submission.requestToken(), outcome, clock.instant());
            } catch (HistoryUnavailableException e) {
                log.error("Outcome of dismissal {} not recorded: {}", submission.requestToken(), e.getMessage());
            }
            if (warning != null) {
                return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, outcome, warning);
            }
            callbacks.remove(token);
            return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, outcome, "Dismissed token "
                    + token + (pending.messages().isEmpty() ? "" : "; its SQS message is deleted") + ".");
        } finally {
            inFlight.remove(token);
        }
    }

    /** @param requireHeld refuse a token whose messages this console does not hold (no longer pending) */
    private SubmissionResult decide(CallbackToken token, Decision decision, boolean requireHeld) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null && requireHeld) {
            return notPending(token);
        }
        if (!inFlight.add(token)) {
            return beingSubmitted(token);
        }
        try {
            return submitHeld(token, pending, decision);
        } finally {
            inFlight.remove(token);
        }
    }

    private static SubmissionResult notPending(CallbackToken token) {
        return SubmissionResult.notSent("Token " + token + " is no longer pending: it was answered or dismissed. "
                + "Refresh the list (F5).");
    }

    private static SubmissionResult beingSubmitted(CallbackToken token) {
        return SubmissionResult.notSent("Token " + token + " is being submitted already; wait for its outcome.");
    }

    /** @param pending the held messages of the token, or null when none are held */
    private SubmissionResult submitHeld(CallbackToken token, PendingCallback pending, Decision decision) {
        Submission submission = unsettled.get(token);
        if (submission == null || !decision.repeats(submission)) {
            submission = decision.create(pending);
            try {
                decision.journal(submission);
            } catch (HistoryUnavailableException e) {
                return notJournaled(e.getMessage());
            }
        }

        return settle(token, pending, submission, decision.send(submission), decision::acceptedMessage);
    }

    /** Journals the answer to a sent decision, then deletes the messages on acceptance; what the operator is told. */
    private SubmissionResult settle(CallbackToken token, PendingCallback pending, Submission submission,
                                    Outcome outcome, Function<Outcome.Accepted, String> acceptedMessage) {
        try {
            history.recordOutcome(submission.requestToken(), outcome, clock.instant());
        } catch (HistoryUnavailableException e) {
            return outcomeNotRecorded(token, submission, outcome, e.getMessage());
        }
        SubmissionResult result = outcomeRecorded(token, submission, outcome, acceptedMessage);
        return result.accepted() && pending != null ? withDeletionWarning(result, deleteMessages(pending)) : result;
    }

    private static SubmissionResult notJournaled(String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null, "Nothing was sent: the "
                + "decision could not be written to the history first. " + why);
    }

    /** The answer is known but not on record: keep the messages so the token is not lost, and say so. */
    private SubmissionResult outcomeNotRecorded(CallbackToken token, Submission submission, Outcome outcome,
                                                String why) {
        log.error("Outcome of {} not recorded: {}", submission.requestToken(), why);
        unsettled.put(token, submission);
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, outcome,
                "SageMaker answered, but the answer could not be written to the history, so the message stays "
                        + "on the queue. " + why + " Submit again once the history is writable: the "
                        + "same request is repeated and not applied twice.");
    }

    /**
     * What the operator is told once the outcome is durable, with the token's state brought up to date; an accepted
     * decision's messages are not deleted here (the caller does that next).
     */
    private SubmissionResult outcomeRecorded(CallbackToken token, Submission submission, Outcome outcome,
                                             Function<Outcome.Accepted, String> acceptedMessage) {
        if (outcome instanceof Outcome.Accepted accepted) {
            unsettled.remove(token);
            unsettledOutputs.remove(token);
            callbacks.remove(token);
            return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, outcome,
                    acceptedMessage.apply(accepted));
        }
        if (outcome instanceof Outcome.Unknown unknown) {
            unsettled.put(token, submission);
            return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, outcome, unknown.explanation()
                    + " Submitting again repeats the same request, which SageMaker applies at most once. ["
                    + unknown.errorCode() + "]");
        }
        Outcome.Refused refused = (Outcome.Refused) outcome;
        unsettled.remove(token);
        unsettledOutputs.remove(token);
        return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, outcome, refused.explanation()
                + " [" + refused.errorCode()
                // The service's own words help a support case; the SDK's local diagnostics only repeat the sentence.
                + (refused.requestId() == null || refused.errorMessage() == null ? "" : ": " + refused.errorMessage())
                + (refused.requestId() == null ? "" : "; request id " + refused.requestId()) + "]");
    }

    private static SubmissionResult withDeletionWarning(SubmissionResult result, String warning) {
        return warning == null ? result : new SubmissionResult(result.status(), result.submission(),
                result.outcome(), result.message() + " " + warning);
    }

    // --- the stages of a bulk failure, so that a bulk run can journal many decisions in one commit ----------------

    /** What claiming a token for a bulk failure gave: a decision to send, or why nothing is sent. */
    sealed interface BulkClaim permits ClaimedFailure, NotClaimed {
    }

    /**
     * A failure decision a bulk run sends: its token counts as being submitted until {@link #release}.
     *
     * @param journaled true when the decision is an unanswered one journaled earlier, repeated with its own request
     *                  token; false when its intent must be journaled before it is sent
     */
    record ClaimedFailure(CallbackToken token, PendingCallback pending, Submission submission, boolean journaled)
            implements BulkClaim {
    }

    record NotClaimed(SubmissionResult result) implements BulkClaim {
    }

    /**
     * Claims a held token for a bulk failure and makes its decision, or takes up its unanswered decision with the
     * same reason (same request token) as {@link #submit} would. Nothing is journaled or sent yet.
     */
    BulkClaim claimFailure(CallbackToken token, FailureReason reason) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null) {
            return new NotClaimed(notPending(token));
        }
        if (!inFlight.add(token)) {
            return new NotClaimed(beingSubmitted(token));
        }
        Decision decision = failure(token, reason);
        Submission earlier = unsettled.get(token);
        boolean repeat = earlier != null && decision.repeats(earlier);
        return new ClaimedFailure(token, pending, repeat ? earlier : decision.create(pending), repeat);
    }

    /** Adds the claimed decision's intent to a batch, as {@link #submit} journals it. */
    void addIntent(JournalBatch batch, ClaimedFailure claimed) {
        batch.intent(claimed.submission(), stepNames.apply(claimed.token()));
    }

    /** Writes a batch of intents and outcomes in one durable commit; see {@link HistoryStore#append}. */
    void journal(JournalBatch batch) {
        history.append(batch);
    }

    /** Deletes the messages of many accepted decisions in batches; returns the ones that failed, with why. */
    Map<QueueMessage, String> deleteAll(List<QueueMessage> messages) {
        return inbox.deleteAll(messages);
    }

    /** Calls SageMaker; only once the decision's intent is durable. */
    Outcome send(ClaimedFailure claimed) {
        return gateway.sendFailure(claimed.submission());
    }

    void addOutcome(JournalBatch batch, ClaimedFailure claimed, Outcome outcome) {
        batch.outcome(claimed.submission().requestToken(), outcome, clock.instant());
    }

    /** The intent's batch could not be written: nothing was sent. Releases the token. */
    SubmissionResult intentNotJournaled(ClaimedFailure claimed, String why) {
        release(claimed);
        return notJournaled(why);
    }

    /**
     * The outcome is durable (or, with {@code notRecordedWhy}, could not be written): what the operator is told, the
     * token's state brought up to date. An accepted decision's messages are deleted next, by the caller
     * ({@link #deleted}); other tokens are released here.
     */
    SubmissionResult outcomeJournaled(ClaimedFailure claimed, Outcome outcome, String notRecordedWhy) {
        SubmissionResult result = notRecordedWhy != null
                ? outcomeNotRecorded(claimed.token(), claimed.submission(), outcome, notRecordedWhy)
                : outcomeRecorded(claimed.token(), claimed.submission(), outcome,
                        accepted -> stepFailed(claimed.token(), accepted));
        if (!result.accepted()) {
            release(claimed);
        }
        return result;
    }

    /**
     * The accepted decision's messages were deleted, except those in {@code failures} (message to why): the final
     * result. Releases the token.
     */
    SubmissionResult deleted(ClaimedFailure claimed, SubmissionResult accepted, Map<QueueMessage, String> failures) {
        release(claimed);
        List<String> why = claimed.pending().messages().stream().filter(failures::containsKey).map(failures::get)
                .toList();
        return withDeletionWarning(accepted, deletionWarning(claimed.token(), why));
    }

    private void release(ClaimedFailure claimed) {
        inFlight.remove(claimed.token());
    }

    /** The tokens whose last decision got no answer: what the background retries work on. */
    Set<CallbackToken> unsettledTokens() {
        return Set.copyOf(unsettled.keySet());
    }

    /**
     * Repeats the unsettled decision on this token with its own client request token, as the operator submitting it
     * again would. Null when there is nothing to repeat, or the token is being submitted right now.
     */
    SubmissionResult retryUnsettled(CallbackToken token) {
        Submission submission = unsettled.get(token);
        if (submission == null || !inFlight.add(token)) {
            return null;
        }
        try {
            if (unsettled.get(token) != submission) {
                return null; // settled or replaced between the look-up and the claim
            }
            Outcome outcome = switch (submission.action()) {
                case FAIL -> gateway.sendFailure(submission);
                case APPROVE -> gateway.sendSuccess(submission, unsettledOutputs.get(token));
                case DISMISS -> throw new IllegalStateException("a dismissal is never sent to SageMaker");
            };
            return settle(token, callbacks.get(token).orElse(null), submission, outcome,
                    accepted -> "Settled token " + token + " on a background retry — execution "
                            + accepted.returnedExecutionArn() + ".");
        } finally {
            inFlight.remove(token);
        }
    }

    /**
     * The operator stops retrying an unanswered decision: recorded as an UNKNOWN outcome with error code
     * {@code GaveUp}, so the history says nobody knows whether SageMaker applied it. The row and its messages stay.
     */
    SubmissionResult giveUp(CallbackToken token) {
        Submission submission = unsettled.get(token);
        if (submission == null || !inFlight.add(token)) {
            return SubmissionResult.notSent("Token " + token + " has no unanswered decision to give up on"
                    + (submission == null ? "." : " right now: it is being sent; wait for its outcome."));
        }
        try {
            Outcome.Unknown gaveUp = new Outcome.Unknown(GAVE_UP, "Retries stopped by " + operator.name(),
                    "Gave up retrying: whether SageMaker applied the decision is not known. Check the execution in "
                            + "SageMaker before deciding again.");
            try {
                history.recordOutcome(submission.requestToken(), gaveUp, clock.instant());
            } catch (HistoryUnavailableException e) {
                return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, submission, null, "Still retrying:"
                        + " giving up could not be written to the history. " + e.getMessage());
            }
            unsettled.remove(token);
            unsettledOutputs.remove(token);
            return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, gaveUp, gaveUp.explanation()
                    + " [" + GAVE_UP + "]");
        } finally {
            inFlight.remove(token);
        }
    }

    /**
     * A decision on this token was accepted elsewhere in this session's history (recovered after a restart): stop
     * showing the token and delete whatever messages of it are held.
     */
    void forgetAnswered(CallbackToken token) {
        unsettled.remove(token);
        unsettledOutputs.remove(token);
        callbacks.remove(token).ifPresent(this::deleteMessages);
    }

    /**
     * Puts on record that a leftover message of an already answered token (SQS delivers at least once; an earlier
     * delete may have failed) was deleted instead of shown: a dismissal, journaled as intent and outcome.
     */
    void recordLeftoverDeleted(CallbackMessage leftover) {
        Submission record = Submission.dismiss(leftover.token(), leftover.executionArn(),
                FailureReason.of("Leftover message of a token already answered: deleted, not shown again"), operator,
                connection, clock.instant());
        history.recordIntent(record, stepNames.apply(leftover.token()), null);
        history.recordOutcome(record.requestToken(), new Outcome.Accepted(leftover.executionArn().value(), null),
                clock.instant());
    }

    /** Deletes the token's messages; a failure is reported, not thrown, since the decision is already on record. */
    private String deleteMessages(PendingCallback pending) {
        List<String> failures = new ArrayList<>();
        for (QueueMessage message : pending.messages()) {
            try {
                inbox.delete(message);
            } catch (RuntimeException e) {
                failures.add(explainer.explain(e).explanation());
            }
        }
        return deletionWarning(pending.token(), failures);
    }

    /** What to tell about messages that could not be deleted; null when all were. */
    private static String deletionWarning(CallbackToken token, List<String> failures) {
        if (failures.isEmpty()) {
            return null;
        }
        log.warn("Could not delete messages of {}: {}", token, failures);
        return "Its SQS message could not be deleted (" + failures.get(0) + "); it will reappear and can be "
                + "dismissed then.";
    }
}
