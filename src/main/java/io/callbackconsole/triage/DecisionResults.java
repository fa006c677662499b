package io.callbackconsole.triage;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;

/**
 * The results {@link DecisionProtocol} gives when nothing is sent, or adds to: one place for their wording, so the
 * front ends can later word them from the status alone.
 */
final class DecisionResults {
    private DecisionResults() {
    }

    static SubmissionResult withWarning(SubmissionResult result, String warning) {
        return warning == null ? result : new SubmissionResult(result.status(), result.submission(),
                result.outcome(), result.message() + " " + warning);
    }

    static SubmissionResult notPending(CallbackToken token) {
        return SubmissionResult.notSent("Token " + token + " is no longer pending: it was answered or dismissed. "
                + "Refresh the list (F5).");
    }

    static SubmissionResult beingDecided(CallbackToken token) {
        return SubmissionResult.notSent("Token " + token + " is being submitted already; wait for its outcome.");
    }

    /** A new decision on a token whose earlier decision has no known outcome: never sent beside it. */
    static SubmissionResult unsettledElsewhere(UnsettledDecisions.Unsettled earlier) {
        Submission s = earlier.submission();
        return SubmissionResult.notSent("Token " + s.token() + " has an unsettled decision (" + s.action() + " by "
                + s.operator().name() + " at " + s.decidedAt() + ", request " + s.requestToken() + "): whether"
                + " SageMaker applied it is not known yet, so no other decision is sent. Wait for its retry, run"
                + " recover, or give up on it first.");
    }

    static SubmissionResult nothingToDismiss(CallbackToken token) {
        return SubmissionResult.notSent("Token " + token + " is no longer pending; nothing to dismiss.");
    }

    static SubmissionResult dismissalNotJournaled(String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null, "Nothing was "
                + "dismissed: the dismissal could not be written to the history first. " + why);
    }

    /** The dismissal is on record, but a message of the token could not be deleted. */
    static SubmissionResult dismissalNotDeleted(Submission submission, Outcome.Refused outcome, String warning) {
        return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, outcome, warning);
    }

    static SubmissionResult dismissed(Submission submission, Outcome outcome, boolean hadMessages) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, outcome, "Dismissed token "
                + submission.token() + (hadMessages ? "; its SQS message is deleted" : "") + ".");
    }

    /** @param beingSent there is an unanswered decision, but it is being sent right now */
    static SubmissionResult nothingToGiveUp(CallbackToken token, boolean beingSent) {
        return SubmissionResult.notSent("Token " + token + " has no unanswered decision to give up on"
                + (beingSent ? " right now: it is being sent; wait for its outcome." : "."));
    }

    static SubmissionResult giveUpNotJournaled(Submission submission, String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, submission, null,
                "Still retrying: giving up could not be written to the history. " + why);
    }

    static SubmissionResult gaveUp(Submission submission, Outcome.Unknown gaveUp) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, gaveUp,
                gaveUp.explanation() + " [" + gaveUp.errorCode() + "]");
    }

    static SubmissionResult notJournaled(String why) {
        return new SubmissionResult(SubmissionResult.Status.NOT_JOURNALED, null, null, "Nothing was sent: the "
                + "decision could not be written to the history first. " + why);
    }

    static SubmissionResult accepted(Submission submission, Outcome.Accepted accepted) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED, submission, accepted,
                (submission.action() == Action.APPROVE ? "Step approved" : "Step failed") + " for token "
                        + submission.token() + " — execution " + accepted.returnedExecutionArn() + ".");
    }

    static SubmissionResult acceptedForOtherExecution(Submission submission, Outcome.Accepted accepted) {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION, submission, accepted,
                "SageMaker applied the decision on token " + submission.token() + " to execution "
                        + accepted.returnedExecutionArn() + ", not to " + submission.executionArn() + " as its SQS"
                        + " message says. The message is kept for inspection: check both executions, then dismiss it.");
    }

    static SubmissionResult unknown(Submission submission, Outcome.Unknown unknown) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, unknown, unknown.explanation()
                + " [" + unknown.errorCode() + "]");
    }

    static SubmissionResult unknownNotRecorded(Submission submission, Outcome.Unknown unknown, String why) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, unknown, unknown.explanation()
                + " The history could not be written either: " + why + " [" + unknown.errorCode() + "]");
    }

    static SubmissionResult answeredNotRecorded(Submission submission, Outcome outcome, String why) {
        return new SubmissionResult(SubmissionResult.Status.ANSWERED_NOT_RECORDED, submission, outcome,
                "Token " + submission.token() + " was answered by SageMaker (" + outcome.kind() + "), but the answer"
                        + " could not be written to the history, so its message stays on the queue: " + why);
    }

    static SubmissionResult notSent(Submission submission, Outcome.NotSent notSent) {
        return new SubmissionResult(SubmissionResult.Status.NOT_SENT, submission, notSent, "Not sent: "
                + notSent.explanation() + " [" + notSent.code() + "]");
    }

    /** A bulk row that failed before anything of it was journaled or sent. */
    static SubmissionResult notStarted(CallbackToken token, String why) {
        return SubmissionResult.notSent("Token " + token + " was not sent: " + why);
    }

    static SubmissionResult notRepeated(Submission submission, String why) {
        return new SubmissionResult(SubmissionResult.Status.UNKNOWN, submission, null, "The unsettled decision on"
                + " token " + submission.token() + " was not repeated: " + why + " It stays unsettled.");
    }

    static SubmissionResult refused(Submission submission, Outcome.Refused refused) {
        return new SubmissionResult(SubmissionResult.Status.REFUSED, submission, refused, refused.explanation()
                + " [" + refused.errorCode()
                // The service's own words help a support case; the SDK's local diagnostics only repeat the sentence.
                + (refused.requestId() == null || refused.errorMessage() == null ? "" : ": " + refused.errorMessage())
                + (refused.requestId() == null ? "" : "; request id " + refused.requestId()) + "]");
    }
}
