package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.JournalBatch;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a decision on a callback token is carried out — fail, approve, acknowledge a stop, dismiss, a bulk
 * row, a background retry, recovery — and so the one place its rules live:
 * <ol>
 *   <li>claim the token: one decision at a time per token in this process, and none while an earlier decision on
 *       it is unsettled (only that decision is repeated, with its own request token);</li>
 *   <li>journal the intent, durably, before anything is sent;</li>
 *   <li>send it; an answer that is not clearly an answer is UNKNOWN, and stays unsettled;</li>
 *   <li>journal the outcome, durably; an answer that cannot be written is never reported as a success;</li>
 *   <li>only then delete the token's SQS messages, and only when SageMaker named the execution the message did.</li>
 * </ol>
 * Blocking; call it from a background thread. Thread-safe.
 */
public final class DecisionProtocol {
    private static final Logger log = LoggerFactory.getLogger(DecisionProtocol.class);
    /** The error code of the UNKNOWN outcome that records an operator giving up on an unanswered decision. */
    public static final String GAVE_UP = "GaveUp";

    /** Who decides, on which connection, by which clock: what every submission is stamped with. */
    record Context(Operator operator, ConnectionId connection, Clock clock) {
        Context {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final PendingCallbackSet callbacks;
    private final HistoryStore history;
    private final SageMakerCallbackGateway gateway;
    private final AnsweredMessageDeletion deletion;
    private final Context context;
    /** The name of the step a token belongs to, when SageMaker has told us; null otherwise. */
    private final Function<CallbackToken, String> stepNames;
    private final TokenClaims claims = new TokenClaims();
    private final UnsettledDecisions unsettled = new UnsettledDecisions();

    DecisionProtocol(PendingCallbackSet callbacks, HistoryStore history, SageMakerCallbackGateway gateway,
                     AnsweredMessageDeletion deletion, Context context, Function<CallbackToken, String> stepNames) {
        this.callbacks = Objects.requireNonNull(callbacks);
        this.history = Objects.requireNonNull(history);
        this.gateway = Objects.requireNonNull(gateway);
        this.deletion = Objects.requireNonNull(deletion);
        this.context = Objects.requireNonNull(context);
        this.stepNames = Objects.requireNonNull(stepNames);
    }

    /**
     * Takes up the decisions the history holds unsettled on this connection (and on no other), so that none of their
     * tokens is claimed by a new decision and each can be repeated with its own request token. Returns how many.
     */
    int loadUnsettled() {
        List<Submission> open = history.unsettledSubmissions(context.connection());
        for (Submission submission : open) {
            OutputParameters outputs = submission.action() == Action.APPROVE
                    ? history.approvalOutputsOf(submission.requestToken()).orElseThrow(() -> new IllegalStateException(
                            "Approval " + submission.requestToken() + " was journaled without its outputs"))
                    : null;
            unsettled.remember(new UnsettledDecisions.Unsettled(submission, outputs));
        }
        return open.size();
    }

    // --- one decision --------------------------------------------------------------------------------------------

    /**
     * Carries out a decision on a token.
     *
     * @param requireHeld refuse a token whose messages this console does not hold (no longer pending); false to
     *                    answer a token from a runbook, whose execution SageMaker's answer names
     */
    SubmissionResult decide(CallbackToken token, Decision decision, boolean requireHeld) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null && requireHeld) {
            return DecisionResults.notPending(token);
        }
        if (!claims.claim(token)) {
            return DecisionResults.beingDecided(token);
        }
        try {
            UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
            Submission submission;
            if (earlier != null) {
                if (!decision.repeats(earlier)) {
                    return DecisionResults.unsettledElsewhere(earlier);
                }
                submission = earlier.submission();
            } else {
                submission = decision.create(new Decision.Making(token, pending == null ? null
                        : pending.executionArn(), context));
                try {
                    history.append(intentOf(new JournalBatch(), submission, decision.outputs()));
                } catch (HistoryUnavailableException e) {
                    return DecisionResults.notJournaled(e.getMessage());
                }
            }
            return settle(pending, new UnsettledDecisions.Unsettled(submission, decision.outputs()),
                    send(decision, submission));
        } finally {
            claims.release(token);
        }
    }

    /**
     * Dismisses a token whose step no longer waits: journals the dismissal, deletes its SQS messages and journals
     * whether that worked. Nothing is sent to SageMaker.
     */
    SubmissionResult dismiss(CallbackToken token, String why) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null) {
            return SubmissionResult.notSent("Token " + token + " is no longer pending; nothing to dismiss.");
        }
        if (!claims.claim(token)) {
            return DecisionResults.beingDecided(token);
        }
        try {
            UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
            if (earlier != null) {
                return DecisionResults.unsettledElsewhere(earlier);
            }
            FailureReason reason = FailureReason.shortened("Dismissed: "
                    + (why == null || why.isBlank() ? "its step no longer waits" : why));
            Submission submission = Submission.dismiss(token, pending.executionArn(), reason, context.operator(),
                    context.connection(), context.clock().instant());
            try {
                history.append(intentOf(new JournalBatch(), submission, null));
            } catch (HistoryUnavailableException e) {
                return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null, "Nothing was "
                        + "dismissed: the dismissal could not be written to the history first. " + e.getMessage());
            }
            String warning = deletion.deleteAll(pending);
            Outcome outcome = warning == null
                    ? new Outcome.Accepted(pending.executionArn().value(), null)
                    : new Outcome.Refused("SqsDeleteFailed", null, warning, null);
            try {
                history.recordOutcome(submission.requestToken(), outcome, context.clock().instant());
            } catch (HistoryUnavailableException e) {
                // The messages are gone (or not) either way; the intent without an outcome is settled by recovery.
                log.error("Outcome of dismissal {} not recorded: {}", submission.requestToken(), e.getMessage());
            }
            if (warning != null) {
                return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, outcome, warning);
            }
            callbacks.remove(token);
            return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, outcome, "Dismissed token "
                    + token + (pending.messages().isEmpty() ? "" : "; its SQS message is deleted") + ".");
        } finally {
            claims.release(token);
        }
    }

    // --- unsettled decisions -------------------------------------------------------------------------------------

    /** The tokens whose decision has no known outcome: what background retries and recovery work on. */
    Set<CallbackToken> unsettledTokens() {
        return unsettled.tokens();
    }

    /** The unsettled decisions themselves, in no particular order. */
    List<Submission> unsettledDecisions() {
        return unsettled.tokens().stream().map(unsettled::of).flatMap(java.util.Optional::stream)
                .map(UnsettledDecisions.Unsettled::submission).toList();
    }

    boolean unsettled(CallbackToken token) {
        return unsettled.of(token).isPresent();
    }

    /**
     * Repeats the unsettled decision on this token with its own client request token, and journals the answer.
     * Null when there is nothing to repeat, or the token is being decided right now.
     */
    SubmissionResult repeatUnsettled(CallbackToken token) {
        UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
        if (earlier == null || !claims.claim(token)) {
            return null;
        }
        try {
            if (unsettled.of(token).orElse(null) != earlier) {
                return null; // settled or replaced between the look-up and the claim
            }
            Submission submission = earlier.submission();
            Outcome outcome = switch (submission.action()) {
                case FAIL -> send(new Decision.FailStep(submission.reason()), submission);
                case APPROVE -> send(new Decision.ApproveStep(earlier.outputs()), submission);
                // A dismissal sends nothing: it stands once its intent is durable.
                case DISMISS -> new Outcome.Accepted(submission.executionArn() == null ? ""
                        : submission.executionArn().value(), null);
            };
            return settle(callbacks.get(token).orElse(null), earlier, answeredBy(outcome));
        } finally {
            claims.release(token);
        }
    }

    /**
     * A repeat that SageMaker answers with ResourceNotFound: the record says which connection answered, since a token
     * is unknown to every account and region but its own.
     */
    private Outcome answeredBy(Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused && refused.errorCode().startsWith("ResourceNotFound")) {
            return new Outcome.Refused(refused.errorCode(), refused.errorMessage(), "Answered by "
                    + context.connection().describe() + ": " + refused.explanation(), refused.requestId());
        }
        return outcome;
    }

    /**
     * The operator stops retrying an unanswered decision: recorded as an UNKNOWN outcome with error code
     * {@value #GAVE_UP}, so the history says nobody knows whether SageMaker applied it. The row and its messages stay,
     * and the token can be decided anew.
     */
    SubmissionResult giveUp(CallbackToken token) {
        return giveUp(token, context.operator().name());
    }

    /** @param stoppedBy who stopped the retries, as the history says it: the operator, or the console at a deadline */
    SubmissionResult giveUp(CallbackToken token, String stoppedBy) {
        UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
        if (earlier == null || !claims.claim(token)) {
            return SubmissionResult.notSent("Token " + token + " has no unanswered decision to give up on"
                    + (earlier == null ? "." : " right now: it is being sent; wait for its outcome."));
        }
        try {
            Outcome.Unknown gaveUp = new Outcome.Unknown(GAVE_UP, "Retries stopped by " + stoppedBy,
                    "Gave up retrying: whether SageMaker applied the decision is not known. Check the execution in "
                            + "SageMaker before deciding again.");
            try {
                history.recordOutcome(earlier.submission().requestToken(), gaveUp, context.clock().instant());
            } catch (HistoryUnavailableException e) {
                return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, earlier.submission(), null,
                        "Still retrying: giving up could not be written to the history. " + e.getMessage());
            }
            unsettled.settled(earlier.submission());
            return new SubmissionResult(SubmissionResult.Status.UNKNOWN, earlier.submission(), gaveUp,
                    gaveUp.explanation() + " [" + GAVE_UP + "]");
        } finally {
            claims.release(token);
        }
    }

    /**
     * A decision on this token was accepted (found by recovery, or by the poller's answered check): stop showing the
     * token and delete whatever messages of it are held.
     */
    void forgetAnswered(CallbackToken token) {
        unsettled.forget(token);
        callbacks.remove(token).ifPresent(deletion::deleteAll);
    }

    /**
     * Puts on record that a leftover message of an already answered token (SQS delivers at least once; an earlier
     * delete may have failed) was deleted instead of shown: a dismissal, journaled as intent and outcome together.
     */
    void recordLeftoverDeleted(CallbackMessage leftover) {
        Submission record = Submission.dismiss(leftover.token(), leftover.executionArn(),
                FailureReason.of("Leftover message of a token already answered: deleted, not shown again"),
                context.operator(), context.connection(), context.clock().instant());
        history.append(intentOf(new JournalBatch(), record, null).outcome(record.requestToken(),
                new Outcome.Accepted(leftover.executionArn().value(), null), context.clock().instant()));
    }

    // --- the stages of a bulk run, so that it can journal many decisions in one commit --------------------------

    /** What claiming a token for a bulk run gave: a decision to send, or why nothing is sent. */
    sealed interface BulkClaim permits Claimed, NotClaimed {
    }

    /**
     * A decision a bulk run sends: its token counts as being decided until the run reports it.
     *
     * @param journaled true when the decision is an unsettled one journaled earlier, repeated with its own request
     *                  token; false when its intent must be journaled before it is sent
     */
    record Claimed(CallbackToken token, PendingCallback pending, Decision decision, Submission submission,
                   boolean journaled) implements BulkClaim {
    }

    record NotClaimed(SubmissionResult result) implements BulkClaim {
    }

    /**
     * Claims a held token for a bulk run and makes its decision, or takes up its unsettled decision when that is the
     * same one, as {@link #decide} would. Nothing is journaled or sent yet.
     */
    BulkClaim claim(CallbackToken token, Decision decision) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null) {
            return new NotClaimed(DecisionResults.notPending(token));
        }
        if (!claims.claim(token)) {
            return new NotClaimed(DecisionResults.beingDecided(token));
        }
        UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
        if (earlier != null && !decision.repeats(earlier)) {
            claims.release(token);
            return new NotClaimed(DecisionResults.unsettledElsewhere(earlier));
        }
        return earlier != null
                ? new Claimed(token, pending, decision, earlier.submission(), true)
                : new Claimed(token, pending, decision, decision.create(new Decision.Making(token,
                        pending.executionArn(), context)), false);
    }

    void addIntent(JournalBatch batch, Claimed claimed) {
        intentOf(batch, claimed.submission(), claimed.decision().outputs());
    }

    /** Writes a batch of intents and outcomes in one durable commit; see {@link HistoryStore#append}. */
    void journal(JournalBatch batch) {
        history.append(batch);
    }

    /** Calls SageMaker; only once the decision's intent is durable. */
    Outcome send(Claimed claimed) {
        return send(claimed.decision(), claimed.submission());
    }

    void addOutcome(JournalBatch batch, Claimed claimed, Outcome outcome) {
        batch.outcome(claimed.submission().requestToken(), outcome, context.clock().instant());
    }

    /** The intent's batch could not be written: nothing was sent. Releases the token. */
    SubmissionResult intentNotJournaled(Claimed claimed, String why) {
        claims.release(claimed.token());
        return DecisionResults.notJournaled(why);
    }

    /**
     * The outcome is durable (or, with {@code notRecordedWhy}, could not be written): what the operator is told, the
     * token's state brought up to date. An accepted decision's messages are deleted next, by the caller
     * ({@link #deleted}), when {@link #deleteMessagesAfter} says so; other tokens are released here.
     */
    SubmissionResult outcomeJournaled(Claimed claimed, Outcome outcome, String notRecordedWhy) {
        UnsettledDecisions.Unsettled decision = new UnsettledDecisions.Unsettled(claimed.submission(),
                claimed.decision().outputs());
        SubmissionResult result = notRecordedWhy != null
                ? outcomeNotRecorded(decision, outcome, notRecordedWhy)
                : outcomeRecorded(decision, outcome);
        if (!deleteMessagesAfter(result)) {
            claims.release(claimed.token());
        }
        return result;
    }

    /** An unsettled decision a bulk run did not repeat: it stays unsettled, and nothing new is on record. */
    SubmissionResult notRepeated(Claimed claimed, String why) {
        claims.release(claimed.token());
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, claimed.submission(), null, "The unsettled"
                + " decision on token " + claimed.token() + " was not repeated: " + why + " It stays unsettled.");
    }

    /** True when the result's messages are to be deleted: accepted for the execution the message named. */
    static boolean deleteMessagesAfter(SubmissionResult result) {
        return result.status() == SubmissionResult.Status.ACCEPTED;
    }

    /** Deletes many accepted decisions' messages in batches; the messages that failed, with why. */
    Map<QueueMessage, String> deleteAll(List<QueueMessage> messages) {
        return deletion.deleteInBatches(messages);
    }

    /**
     * The accepted decision's messages were deleted, except those in {@code failures} (message to why): the final
     * result. Releases the token.
     */
    SubmissionResult deleted(Claimed claimed, SubmissionResult accepted, Map<QueueMessage, String> failures) {
        claims.release(claimed.token());
        return DecisionResults.withWarning(accepted, deletion.warning(claimed.pending(), failures));
    }

    // --- the steps every path shares -----------------------------------------------------------------------------

    private JournalBatch intentOf(JournalBatch batch, Submission submission, OutputParameters outputs) {
        String stepName = stepNames.apply(submission.token());
        return outputs == null ? batch.intent(submission, stepName) : batch.approvalIntent(submission, stepName,
                outputs);
    }

    /** Sends the decision; a failure of the console mid-call is an unknown outcome, never an exception. */
    private Outcome send(Decision decision, Submission submission) {
        try {
            return decision.send(gateway, submission);
        } catch (RuntimeException e) {
            // The gateway turns AWS errors into outcomes; this is the console failing mid-call. Whether the call went
            // out is not known: journaled as such, and repeated later with the same request token.
            log.error("Sending decision {} on {} failed", submission.requestToken(), submission.token(), e);
            return new Outcome.Unknown("ConsoleError", e.toString(), "The console failed while sending the decision,"
                    + " so whether SageMaker got it is not known.");
        }
    }

    /** Journals the answer to a sent decision, then deletes the messages on acceptance; what the operator is told. */
    private SubmissionResult settle(PendingCallback pending, UnsettledDecisions.Unsettled decision, Outcome outcome) {
        try {
            history.recordOutcome(decision.submission().requestToken(), outcome, context.clock().instant());
        } catch (HistoryUnavailableException e) {
            return outcomeNotRecorded(decision, outcome, e.getMessage());
        }
        SubmissionResult result = outcomeRecorded(decision, outcome);
        return deleteMessagesAfter(result) && pending != null
                ? DecisionResults.withWarning(result, deletion.deleteAll(pending)) : result;
    }

    /**
     * The answer (or its absence) is not on record: the decision stays unsettled, its messages stay on the queue, and
     * an answer is never reported as a success.
     */
    private SubmissionResult outcomeNotRecorded(UnsettledDecisions.Unsettled decision, Outcome outcome, String why) {
        Submission submission = decision.submission();
        log.error("Outcome {} of decision {} on {} not recorded: {}", outcome.kind(), submission.requestToken(),
                submission.token(), why);
        unsettled.remember(decision);
        return outcome instanceof Outcome.Unknown unknown
                ? DecisionResults.unknownNotRecorded(submission, unknown, why)
                : DecisionResults.answeredNotRecorded(submission, outcome, why);
    }

    /** What the operator is told once the outcome is durable, with the token's state brought up to date. */
    private SubmissionResult outcomeRecorded(UnsettledDecisions.Unsettled decision, Outcome outcome) {
        Submission submission = decision.submission();
        if (outcome instanceof Outcome.Unknown unknown) {
            unsettled.remember(decision);
            return DecisionResults.unknown(submission, unknown);
        }
        unsettled.settled(submission);
        if (outcome instanceof Outcome.Accepted accepted) {
            if (SageMakerCallbackGateway.mismatched(submission, accepted)) {
                // The gateway has logged the mismatch with its request id; the message stays for inspection.
                return DecisionResults.acceptedForOtherExecution(submission, accepted);
            }
            callbacks.remove(submission.token());
            return DecisionResults.accepted(submission, accepted);
        }
        if (outcome instanceof Outcome.NotSent notSent) {
            return DecisionResults.notSent(submission, notSent);
        }
        return DecisionResults.refused(submission, (Outcome.Refused) outcome);
    }
}
