package io.callbackconsole.wording;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.triage.SubmissionResult.Status;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result of every kind of {@link ResultDetail}, and of each variant its wording has (approve or fail, with or
 * without a request id, a message that could not be deleted), with fixed tokens so that their wording can be
 * compared byte for byte.
 */
public final class ResultSamples {
    public static final CallbackToken TOKEN = CallbackToken.of("7kfcdae9VK");
    public static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/manual-approval/execution/"
            + "7pinimwddh3a";
    public static final String OTHER_ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/manual-approval/"
            + "execution/99otherexec1";
    public static final Submission FAIL = new Submission(new ClientRequestToken("a".repeat(32)), Action.FAIL, TOKEN,
            PipelineExecutionArn.of(ARN), FailureReason.of("bad data"), new Operator("alice"), ConnectionId.sandbox(),
            Instant.EPOCH);
    public static final Submission APPROVE = new Submission(new ClientRequestToken("b".repeat(32)), Action.APPROVE,
            TOKEN, PipelineExecutionArn.of(ARN), FailureReason.of("looks good"), new Operator("bob"),
            ConnectionId.sandbox(), Instant.EPOCH);
    public static final Submission DISMISS = new Submission(new ClientRequestToken("c".repeat(32)), Action.DISMISS,
            TOKEN, PipelineExecutionArn.of(ARN), FailureReason.of("step Succeeded"), new Operator("carol"),
            ConnectionId.sandbox(), Instant.EPOCH);

    private ResultSamples() {
    }

    /** Every sample by a name that says what it is; a detail kind may have several. */
    public static Map<String, SubmissionResult> all() {
        Map<String, SubmissionResult> all = new LinkedHashMap<>();
        Outcome.Accepted accepted = new Outcome.Accepted(ARN, "r-1");
        Outcome.Unknown unknown = new Outcome.Unknown("Timeout", "no answer", "No answer came in time.");
        all.put("NotPending", SubmissionResult.notSent(new ResultDetail.NotPending(TOKEN)));
        all.put("BeingDecided", SubmissionResult.notSent(new ResultDetail.BeingDecided(TOKEN)));
        all.put("BeingDecidedElsewhere", SubmissionResult.notSent(new ResultDetail.BeingDecidedElsewhere(FAIL)));
        all.put("UnsettledElsewhere", SubmissionResult.notSent(new ResultDetail.UnsettledElsewhere(FAIL)));
        all.put("NotJournaled", new SubmissionResult(Status.NOT_JOURNALED, null, null,
                new ResultDetail.NotJournaled("disk full")));
        all.put("NoLongerAnswerable", SubmissionResult.notSent(new ResultDetail.NoLongerAnswerable(TOKEN,
                "step Succeeded at 10:02")));
        all.put("ExecutionStopping", SubmissionResult.notSent(new ResultDetail.ExecutionStopping(TOKEN)));
        all.put("NotStarted", SubmissionResult.notSent(new ResultDetail.NotStarted(TOKEN, "the run was cancelled")));
        all.put("NotRepeated", SubmissionResult.notSent(new ResultDetail.NotRepeated(TOKEN, 5)));
        all.put("SignedOut.notSent", SubmissionResult.notSent(new ResultDetail.SignedOut(TOKEN,
                "ExpiredTokenException")));
        all.put("SignedOut.unsettled", new SubmissionResult(Status.UNKNOWN, FAIL, unknown,
                new ResultDetail.SignedOut(TOKEN, "ExpiredTokenException")));
        all.put("Applied.fail", new SubmissionResult(Status.ACCEPTED, FAIL, accepted, new ResultDetail.Applied()));
        all.put("Applied.approve", new SubmissionResult(Status.ACCEPTED, APPROVE, accepted,
                new ResultDetail.Applied()));
        all.put("Applied.messageKept", new SubmissionResult(Status.ACCEPTED, FAIL, accepted,
                new ResultDetail.Applied(), "SQS refused the receipt handle"));
        all.put("AppliedToOtherExecution", new SubmissionResult(Status.ACCEPTED_OTHER_EXECUTION, FAIL,
                new Outcome.Accepted(OTHER_ARN, "r-2"), new ResultDetail.AppliedToOtherExecution()));
        all.put("Refused.requestIdAndMessage", new SubmissionResult(Status.REFUSED, FAIL,
                new Outcome.Refused("ValidationException", "bad token", "SageMaker refused the token.", "req-1"),
                new ResultDetail.Refused()));
        all.put("Refused.requestId", new SubmissionResult(Status.REFUSED, FAIL,
                new Outcome.Refused("ValidationException", null, "SageMaker refused the token.", "req-1"),
                new ResultDetail.Refused()));
        all.put("Refused.local", new SubmissionResult(Status.REFUSED, FAIL,
                new Outcome.Refused("CredentialsMissing", "no credentials", "No AWS credentials were found.", null),
                new ResultDetail.Refused()));
        all.put("NoClearAnswer", new SubmissionResult(Status.UNKNOWN, FAIL, unknown, new ResultDetail.NoClearAnswer()));
        all.put("NoClearAnswerNotRecorded", new SubmissionResult(Status.UNKNOWN, FAIL, unknown,
                new ResultDetail.NoClearAnswerNotRecorded("database is locked")));
        all.put("AnsweredNotRecorded", new SubmissionResult(Status.ANSWERED_NOT_RECORDED, FAIL, accepted,
                new ResultDetail.AnsweredNotRecorded("database is locked")));
        all.put("NotSentAfterAll", new SubmissionResult(Status.NOT_SENT, FAIL,
                new Outcome.NotSent("Cancelled", "the operator cancelled the run"), new ResultDetail.NotSentAfterAll()));
        all.put("NothingToDismiss", SubmissionResult.notSent(new ResultDetail.NothingToDismiss(TOKEN)));
        all.put("DismissalNotJournaled", new SubmissionResult(Status.NOT_JOURNALED, null, null,
                new ResultDetail.DismissalNotJournaled("disk full")));
        all.put("Dismissed.messagesDeleted", new SubmissionResult(Status.ACCEPTED, DISMISS, null,
                new ResultDetail.Dismissed(true)));
        all.put("Dismissed.noMessages", new SubmissionResult(Status.ACCEPTED, DISMISS, null,
                new ResultDetail.Dismissed(false)));
        all.put("DeleteNotConfirmed", new SubmissionResult(Status.UNKNOWN, DISMISS, new Outcome.Unknown(
                "DeleteNotConfirmed", null, "Whether the message was deleted is not known."),
                new ResultDetail.DeleteNotConfirmed(TOKEN)));
        all.put("DismissedMessageKept", new SubmissionResult(Status.ACCEPTED, DISMISS, null,
                new ResultDetail.DismissedMessageKept("SQS refused the receipt handle")));
        all.put("NothingToGiveUp.none", SubmissionResult.notSent(new ResultDetail.NothingToGiveUp(TOKEN, false)));
        all.put("NothingToGiveUp.beingSent", SubmissionResult.notSent(new ResultDetail.NothingToGiveUp(TOKEN, true)));
        all.put("GiveUpNotJournaled", new SubmissionResult(Status.NOT_JOURNALED, FAIL, null,
                new ResultDetail.GiveUpNotJournaled("disk full")));
        all.put("GaveUp", new SubmissionResult(Status.UNKNOWN, FAIL, new Outcome.Unknown("GaveUp", null,
                "Retries stopped by alice."), new ResultDetail.GaveUp()));
        all.put("Released", SubmissionResult.notSent(new ResultDetail.Released(TOKEN)));
        all.put("NotReleased", SubmissionResult.notSent(new ResultDetail.NotReleased(TOKEN, "SQS did not answer")));
        return all;
    }
}
