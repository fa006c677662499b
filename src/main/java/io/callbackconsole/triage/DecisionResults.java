package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;

/** The results {@link DecisionProtocol} and its parts give: status, submission, outcome and detail together. */
final class DecisionResults {
    private DecisionResults() {
    }

    /** @param messageNotDeleted why the token's message could not be deleted, or null when it was */
    static SubmissionResult withWarning(SubmissionResult result, String messageNotDeleted) {
        return messageNotDeleted == null ? result : new SubmissionResult(result.status(), result.submission(),
                result.outcome(), result.detail(), messageNotDeleted);
    }

    static SubmissionResult notPending(CallbackToken token) {
        return SubmissionResult.notSent(new ResultDetail.NotPending(token));
    }

    static SubmissionResult beingDecided(CallbackToken token) {
        return SubmissionResult.notSent(new ResultDetail.BeingDecided(token));
    }

    /** Another console journaled a decision on the token and has not settled it. */
    static SubmissionResult beingDecidedElsewhere(Submission underWay) {
        return SubmissionResult.notSent(new ResultDetail.BeingDecidedElsewhere(underWay));
    }

    /** A new decision on a token whose earlier decision has no known outcome: never sent beside it. */
    static SubmissionResult unsettledElsewhere(UnsettledDecisions.Unsettled earlier) {
        return SubmissionResult.notSent(new ResultDetail.UnsettledElsewhere(earlier.submission()));
    }

    static SubmissionResult nothingToDismiss(CallbackToken token) {
        return SubmissionResult.notSent(new ResultDetail.NothingToDismiss(token));
    }

    static SubmissionResult dismissalNotJournaled(String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null,
                new ResultDetail.DismissalNotJournaled(why));
    }

    /** The dismissal is on record, but a message of the token could not be deleted. */
    static SubmissionResult dismissalNotDeleted(Submission submission, Outcome.Refused outcome, String deleteError) {
        return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, outcome,
                new ResultDetail.DismissedMessageKept(deleteError));
    }

    static SubmissionResult dismissed(Submission submission, Outcome outcome, boolean hadMessages) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, outcome,
                new ResultDetail.Dismissed(hadMessages));
    }

    /** A repeated dismissal whose message is not held: whether it was deleted is not known, so it stays unsettled. */
    static SubmissionResult deleteNotConfirmed(Submission submission, Outcome.Unknown notConfirmed) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, notConfirmed,
                new ResultDetail.DeleteNotConfirmed(submission.token()));
    }

    static SubmissionResult nothingToGiveUp(CallbackToken token, boolean beingSent) {
        return SubmissionResult.notSent(new ResultDetail.NothingToGiveUp(token, beingSent));
    }

    static SubmissionResult giveUpNotJournaled(Submission submission, String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, submission, null,
                new ResultDetail.GiveUpNotJournaled(why));
    }

    static SubmissionResult gaveUp(Submission submission, Outcome.Unknown gaveUp) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, gaveUp, new ResultDetail.GaveUp());
    }

    static SubmissionResult notJournaled(String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null,
                new ResultDetail.NotJournaled(why));
    }

    static SubmissionResult accepted(Submission submission, Outcome.Accepted accepted) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, accepted,
                new ResultDetail.Applied());
    }

    static SubmissionResult acceptedForOtherExecution(Submission submission, Outcome.Accepted accepted) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION, submission, accepted,
                new ResultDetail.AppliedToOtherExecution());
    }

    static SubmissionResult unknown(Submission submission, Outcome.Unknown unknown) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, unknown,
                new ResultDetail.NoClearAnswer());
    }

    static SubmissionResult unknownNotRecorded(Submission submission, Outcome.Unknown unknown, String why) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, unknown,
                new ResultDetail.NoClearAnswerNotRecorded(why));
    }

    static SubmissionResult answeredNotRecorded(Submission submission, Outcome outcome, String why) {
        return new SubmissionResult(SubmissionResult.Status.ANSWERED_NOT_RECORDED, submission, outcome,
                new ResultDetail.AnsweredNotRecorded(why));
    }

    static SubmissionResult notSent(Submission submission, Outcome.NotSent notSent) {
        return new SubmissionResult(SubmissionResult.Status.NOT_SENT, submission, notSent,
                new ResultDetail.NotSentAfterAll());
    }

    /** A bulk row that failed before anything of it was journaled or sent. */
    static SubmissionResult notStarted(CallbackToken token, String why) {
        return SubmissionResult.notSent(new ResultDetail.NotStarted(token, why));
    }

    /** An unsettled decision a bulk run did not repeat: it stays unsettled, and nothing new is on record. */
    static SubmissionResult notRepeated(Submission submission, int unansweredInARow) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, null,
                new ResultDetail.NotRepeated(submission.token(), unansweredInARow));
    }

    /** A bulk row never claimed because the run stopped at a signed-out answer: nothing of it is on record. */
    static SubmissionResult signedOut(CallbackToken token, String errorCode) {
        return SubmissionResult.notSent(new ResultDetail.SignedOut(token, errorCode));
    }

    /**
     * A bulk row the run stopped at a signed-out answer, after its intent (on record as not sent, or an unsettled
     * decision not repeated): the same status, submission and outcome, told as signed out.
     */
    static SubmissionResult signedOut(SubmissionResult settled, String errorCode) {
        return new SubmissionResult(settled.status(), settled.submission(), settled.outcome(),
                new ResultDetail.SignedOut(settled.submission().token(), errorCode), settled.messageNotDeleted());
    }

    static SubmissionResult refused(Submission submission, Outcome.Refused refused) {
        return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, refused, new ResultDetail.Refused());
    }

    static SubmissionResult noLongerAnswerable(CallbackToken token, String staleReason) {
        return SubmissionResult.notSent(new ResultDetail.NoLongerAnswerable(token, staleReason));
    }

    static SubmissionResult executionStopping(CallbackToken token) {
        return SubmissionResult.notSent(new ResultDetail.ExecutionStopping(token));
    }

    static SubmissionResult released(CallbackToken token) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED, null, null, new ResultDetail.Released(token));
    }

    static SubmissionResult notReleased(CallbackToken token, String problem) {
        return SubmissionResult.notSent(new ResultDetail.NotReleased(token, problem));
    }
}
