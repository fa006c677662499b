package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Submission;
import java.util.Objects;

/**
 * What became of a decision, as a code with its data: each front end words it in its own terms (the window in
 * {@code ui.pending.DecisionWording}, the terminal in {@code cli.ResultWording}), so that triage holds no operator
 * sentence and a resource bundle can translate the window's. The submission and SageMaker's answer, where there are
 * any, are in the {@link SubmissionResult} itself; a detail carries only what they do not say.
 */
public sealed interface ResultDetail {

    // --- nothing was sent ----------------------------------------------------------------------------------------

    /** The token's messages are not held (any more): it was answered or dismissed. */
    record NotPending(CallbackToken token) implements ResultDetail {
    }

    /** Another decision on the token is being sent right now, in this console. */
    record BeingDecided(CallbackToken token) implements ResultDetail {
    }

    /**
     * Another console sharing the team history journaled a decision on the token and has not settled it: nothing is
     * sent beside it, here or by anyone else, until it is settled.
     *
     * @param underWay that decision, with its operator
     */
    record BeingDecidedElsewhere(Submission underWay) implements ResultDetail {
    }

    /** The token has an earlier decision without a known outcome, which is not this one: never sent beside it. */
    record UnsettledElsewhere(Submission earlier) implements ResultDetail {
        public UnsettledElsewhere {
            Objects.requireNonNull(earlier, "earlier");
        }
    }

    /** The intent could not be written to the history, so nothing was sent. */
    record NotJournaled(String why) implements ResultDetail {
    }

    /** The token's step no longer waits (its execution or step moved on): it can only be dismissed. */
    record NoLongerAnswerable(CallbackToken token, String staleReason) implements ResultDetail {
    }

    /** The token's execution is stopping: the stop is acknowledged (a failure), not approved. */
    record ExecutionStopping(CallbackToken token) implements ResultDetail {
    }

    /** A bulk row that failed before anything of it was journaled or sent. */
    record NotStarted(CallbackToken token, String why) implements ResultDetail {
    }

    /** A bulk run stopped sending (its circuit breaker opened), so an unsettled decision was not repeated. */
    record NotRepeated(CallbackToken token, int unansweredInARow) implements ResultDetail {
    }

    /**
     * A bulk run stopped sending because AWS said the connection's session is over ({@code errorCode}: refused as
     * ExpiredTokenException, say, or the credentials could not be renewed), so this token was not sent: nothing of
     * it reached SageMaker and its messages are kept. With status NOT_SENT it can be decided again once signed in;
     * with status UNKNOWN it had an unsettled decision, which was not repeated and stays unsettled.
     */
    record SignedOut(CallbackToken token, String errorCode) implements ResultDetail {
        public SignedOut {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }

    // --- SageMaker's answer (or its lack), with the submission and outcome in the result --------------------------

    /** Accepted for the execution the message named; the token's messages are deleted (see the result's warning). */
    record Applied() implements ResultDetail {
    }

    /** Accepted, but SageMaker named another execution than the message did: the message is kept. */
    record AppliedToOtherExecution() implements ResultDetail {
    }

    /** Refused: the outcome says why. */
    record Refused() implements ResultDetail {
    }

    /** No clear answer: the decision stays unsettled and is repeated with its own request token. */
    record NoClearAnswer() implements ResultDetail {
    }

    /** No clear answer, and the history could not take even that. */
    record NoClearAnswerNotRecorded(String why) implements ResultDetail {
    }

    /** SageMaker answered, but the answer could not be written to the history: never a success. */
    record AnsweredNotRecorded(String why) implements ResultDetail {
    }

    /** The intent is on record as not sent (the outcome says why, with its code). */
    record NotSentAfterAll() implements ResultDetail {
    }

    // --- dismissing, giving up, releasing: nothing goes to SageMaker ---------------------------------------------

    record NothingToDismiss(CallbackToken token) implements ResultDetail {
    }

    record DismissalNotJournaled(String why) implements ResultDetail {
    }

    /** @param messagesDeleted the token had SQS messages, and they are deleted */
    record Dismissed(boolean messagesDeleted) implements ResultDetail {
    }

    /**
     * A dismissal a crash interrupted before its SQS delete, repeated while this console does not hold its message:
     * whether the message was deleted is not known (UNKNOWN, code {@value Dismissals#DELETE_NOT_CONFIRMED}). It stays
     * unsettled until the message is received again and deleted, or someone gives up on it.
     *
     * @param key the token dismissed, or the history key of the quarantined message deleted
     */
    record DeleteNotConfirmed(CallbackToken key) implements ResultDetail {
    }

    /** The dismissal is on record, but a message of the token could not be deleted (the aws layer's explanation). */
    record DismissedMessageKept(String deleteError) implements ResultDetail {
    }

    /** @param beingSent there is an unanswered decision, but it is being sent right now */
    record NothingToGiveUp(CallbackToken token, boolean beingSent) implements ResultDetail {
    }

    record GiveUpNotJournaled(String why) implements ResultDetail {
    }

    /** Retries stopped: recorded as an UNKNOWN outcome with code {@value DecisionProtocol#GAVE_UP}. */
    record GaveUp() implements ResultDetail {
    }

    /** The token's messages are back on their queue for any console. */
    record Released(CallbackToken token) implements ResultDetail {
    }

    /** The row is gone, but its message could not be handed back (it returns at its visibility timeout). */
    record NotReleased(CallbackToken token, String problem) implements ResultDetail {
    }
}
