package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.TokenBeingDecidedException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision protocol's dismissals — a token whose step no longer waits, or a quarantined message — which send
 * nothing to SageMaker: the intent journaled, the SQS delete, then whether it worked; and the repeat of a dismissal
 * that a crash left between its intent and its outcome. A dismissal is ACCEPTED only when its SQS delete succeeded.
 * Blocking; thread-safe.
 */
final class Dismissals {
    private static final Logger log = LoggerFactory.getLogger(Dismissals.class);
    /** The error code of the UNKNOWN outcome of a repeated dismissal whose message this run does not hold. */
    static final String DELETE_NOT_CONFIRMED = "DeleteNotConfirmed";

    private static final String TOKEN_MESSAGE_NOT_DELETED =
            "Its SQS message could not be deleted (%s); it will reappear and can be dismissed then.";
    private static final String QUARANTINED_NOT_DELETED =
            "The quarantined message could not be deleted (%s); it stays on its queue and in Quarantine.";

    /**
     * What a dismissal takes off its queue, as held now.
     *
     * @param delete      deletes the target's messages; why the first could not be deleted, or null
     * @param notDeleted  the history's explanation when the delete failed, {@code %s} standing for why
     * @param forget      stops showing the target, once deleted
     * @param hasMessages the target has SQS messages (a token found only via SageMaker has none)
     */
    private record Target(Supplier<String> delete, String notDeleted, Runnable forget, boolean hasMessages) {
    }

    private final PendingCallbackSet callbacks;
    private final AnsweredMessageDeletion deletion;
    private final DecisionProtocol.Context context;
    private final DecisionClaims claims;
    private final DecisionJournal journal;
    private final UnsettledDecisions unsettled;
    private final OutcomeSettlement settlement;
    private final Function<TokenBeingDecidedException, SubmissionResult> beingDecidedElsewhere;

    Dismissals(PendingCallbackSet callbacks, AnsweredMessageDeletion deletion, DecisionProtocol.Context context,
               DecisionClaims claims, DecisionJournal journal, UnsettledDecisions unsettled,
               OutcomeSettlement settlement, Function<TokenBeingDecidedException, SubmissionResult> beingDecidedElsewhere) {
        this.callbacks = Objects.requireNonNull(callbacks);
        this.deletion = Objects.requireNonNull(deletion);
        this.context = Objects.requireNonNull(context);
        this.claims = Objects.requireNonNull(claims);
        this.journal = Objects.requireNonNull(journal);
        this.unsettled = Objects.requireNonNull(unsettled);
        this.settlement = Objects.requireNonNull(settlement);
        this.beingDecidedElsewhere = Objects.requireNonNull(beingDecidedElsewhere);
    }

    /** See {@link DecisionProtocol#dismiss}. */
    SubmissionResult dismiss(CallbackToken token, String why) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null) {
            return DecisionResults.nothingToDismiss(token);
        }
        FailureReason reason = FailureReason.shortened("Dismissed: "
                + (why == null || why.isBlank() ? "its step no longer waits" : why));
        return dismissal(token, pending.executionArn(), reason, targetOf(pending));
    }

    /** See {@link DecisionProtocol#deleteQuarantined}. */
    SubmissionResult deleteQuarantined(QuarantinedMessage message) {
        CallbackToken key = message.historyKey();
        QuarantinedMessage held = callbacks.quarantined(message.message().messageId()).orElse(null);
        if (held == null) {
            return DecisionResults.nothingToDismiss(key);
        }
        return dismissal(key, null, held.dismissalReason(), targetOf(held));
    }

    private Target targetOf(PendingCallback pending) {
        return new Target(() -> deletion.deleteAll(pending), TOKEN_MESSAGE_NOT_DELETED,
                () -> callbacks.remove(pending.token()), !pending.messages().isEmpty());
    }

    private Target targetOf(QuarantinedMessage held) {
        return new Target(() -> deletion.delete(held.message()), QUARANTINED_NOT_DELETED,
                () -> callbacks.removeQuarantined(held.message().messageId()), true);
    }

    /** A dismissal once its target is known: claim the key, journal the intent, then delete and say so. */
    private SubmissionResult dismissal(CallbackToken key, PipelineExecutionArn executionArn, FailureReason reason,
                                       Target target) {
        Submission elsewhere = claims.underWayElsewhere(key).orElse(null);
        if (elsewhere != null) {
            return DecisionResults.beingDecidedElsewhere(elsewhere);
        }
        if (!claims.claim(key)) {
            return DecisionResults.beingDecided(key);
        }
        try {
            UnsettledDecisions.Unsettled earlier = claims.unsettledOf(key).orElse(null);
            if (earlier != null) {
                return DecisionResults.unsettledElsewhere(earlier);
            }
            Submission submission = Submission.dismiss(key, executionArn, reason, context.operator(),
                    context.connection(), context.clock().instant());
            try {
                journal.intent(submission, null);
            } catch (HistoryUnavailableException e) {
                return DecisionResults.dismissalNotJournaled(e.getMessage());
            } catch (TokenBeingDecidedException e) {
                return beingDecidedElsewhere.apply(e);
            }
            return deleteAndRecord(new UnsettledDecisions.Unsettled(submission, null), target, false);
        } finally {
            claims.release(key);
        }
    }

    /**
     * Repeats a dismissal a crash left between its intent and its outcome; the caller holds the claim on its key.
     * Only a delete made now proves the message gone, so the message must be held by this run: SQS deletes a message
     * only with the receipt handle of its latest receive (a delete with an older one may succeed without deleting the
     * message, and the first run's handle is not journaled anyway), and a receive that returns nothing proves nothing
     * (a short poll samples some of the queue's servers; the message may be in flight with another consumer, or
     * delayed). A message not held is UNKNOWN and stays unsettled: a repeat once it is received again deletes it.
     */
    SubmissionResult repeat(UnsettledDecisions.Unsettled earlier) {
        Target target = heldTargetOf(earlier.submission());
        if (target != null) {
            return deleteAndRecord(earlier, target, true);
        }
        Submission submission = earlier.submission();
        Outcome.Unknown notConfirmed = new Outcome.Unknown(DELETE_NOT_CONFIRMED, null, "The console stopped between"
                + " recording this dismissal and deleting its SQS message, so whether the message was deleted is not"
                + " known. It is deleted and the dismissal recorded once a console receives the message again; if the"
                + " message does not come back (it was deleted, or it expired), give up on it.");
        try {
            journal.outcome(submission, notConfirmed);
        } catch (HistoryUnavailableException e) {
            return settlement.notRecorded(earlier, notConfirmed, e.getMessage());
        }
        unsettled.remember(earlier);
        return DecisionResults.deleteNotConfirmed(submission, notConfirmed);
    }

    /**
     * The dismissal's target as this run holds it: the quarantined message the dismissal's reason names (its body
     * hash, message id and queue; another message with the same body is not it), or the token's messages, received
     * for the execution the dismissal names. Null when none is held.
     */
    private Target heldTargetOf(Submission dismissal) {
        QuarantinedMessage quarantined = callbacks.quarantinedWhoseDismissalIs(dismissal.reason()).orElse(null);
        if (quarantined != null && quarantined.historyKey().equals(dismissal.token())) {
            return targetOf(quarantined);
        }
        PendingCallback pending = callbacks.get(dismissal.token()).orElse(null);
        if (pending != null && !pending.messages().isEmpty() && dismissal.executionArn() != null
                && dismissal.executionArn().equals(pending.executionArn())) {
            return targetOf(pending);
        }
        return null;
    }

    /**
     * Deletes the target and journals whether that worked; the target is forgotten only when it was deleted.
     *
     * @param repeated a repeat of an unsettled dismissal: one whose outcome the history cannot take stays unsettled
     */
    private SubmissionResult deleteAndRecord(UnsettledDecisions.Unsettled decision, Target target, boolean repeated) {
        Submission submission = decision.submission();
        String deleteError = target.delete().get();
        PipelineExecutionArn executionArn = submission.executionArn();
        // The history row says in its own words why the dismissal did not take: it is read in the audit.
        Outcome outcome = deleteError == null
                ? new Outcome.Accepted(executionArn == null ? "" : executionArn.value(), null)
                : new Outcome.Refused("SqsDeleteFailed", null, target.notDeleted().formatted(deleteError), null);
        try {
            journal.outcome(submission, outcome);
        } catch (HistoryUnavailableException e) {
            if (repeated) {
                if (deleteError == null) {
                    target.forget().run(); // deleted, recorded or not
                }
                return settlement.notRecorded(decision, outcome, e.getMessage());
            }
            // The intent without an outcome is repeated by recovery, which finds the message gone: UNKNOWN.
            log.error("Outcome of dismissal {} not recorded: {}", submission.requestToken(), e.getMessage());
        }
        unsettled.settled(submission);
        if (deleteError != null) {
            return DecisionResults.dismissalNotDeleted(submission, (Outcome.Refused) outcome, deleteError);
        }
        target.forget().run();
        return DecisionResults.dismissed(submission, outcome, target.hasMessages());
    }
}
