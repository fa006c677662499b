package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.triage.SubmissionResult.Status;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The window words triage's result codes itself: the same sentences as before the codes, outside text escaped. */
class DecisionWordingTest {
    private static final CallbackToken TOKEN = CallbackToken.of("7kfcdae9VK");
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/manual-approval/execution/"
            + "7pinimwddh3a";
    private static final Submission FAIL = Submission.fail(TOKEN, PipelineExecutionArn.of(ARN),
            FailureReason.of("bad data"), new Operator("alice"), ConnectionId.sandbox(), Instant.EPOCH);

    @Test
    void anAcceptedFailureNamesItsTokenAndTheExecutionSageMakerReturned() {
        SubmissionResult accepted = new SubmissionResult(Status.ACCEPTED, FAIL, new Outcome.Accepted(ARN, "r-1"),
                new ResultDetail.Applied());

        assertThat(DecisionWording.of(accepted)).isEqualTo("Step failed for token " + TOKEN + " — execution " + ARN
                + ".");
        assertThat(BulkWording.row(new BulkSubmission.RowOutcome(TOKEN, accepted))).isEqualTo("failed the step");
    }

    @Test
    void aMessageThatCouldNotBeDeletedIsSaidAfterTheResult() {
        SubmissionResult accepted = new SubmissionResult(Status.ACCEPTED, FAIL, new Outcome.Accepted(ARN, null),
                new ResultDetail.Applied(), "SQS refused the receipt handle");

        assertThat(DecisionWording.of(accepted)).endsWith(". Its SQS message could not be deleted (SQS refused the"
                + " receipt handle); it will reappear and can be dismissed then.");
    }

    @Test
    void aTokenNoLongerPendingPointsAtTheRefreshKey() {
        assertThat(DecisionWording.of(SubmissionResult.notSent(new ResultDetail.NotPending(TOKEN))))
                .isEqualTo("Token " + TOKEN + " is no longer pending: it was answered or dismissed. Refresh the list"
                        + " (F5).");
    }

    @Test
    void anUnsettledDecisionIsNamedWithWhoMadeItAndItsRequestToken() {
        String text = DecisionWording.of(SubmissionResult.notSent(new ResultDetail.UnsettledElsewhere(FAIL)));

        assertThat(text).startsWith("Token " + TOKEN + " has an unsettled decision (FAIL by alice at "
                + Instant.EPOCH + ", request " + FAIL.requestToken() + ")").contains("run recover");
    }

    @Test
    void outsideTextInAResultIsEscaped() {
        // The history's error message and SageMaker's are outside text: a bidi override or an escape sequence in
        // them must not reach the label as such.
        String hostile = "disk full\u202E\u001B[2J";
        SubmissionResult notJournaled = new SubmissionResult(Status.NOT_JOURNALED, null, null,
                new ResultDetail.NotJournaled(hostile));
        SubmissionResult refused = new SubmissionResult(Status.REFUSED, FAIL, new Outcome.Refused("ValidationException",
                "bad\u202Etoken", "SageMaker refused the token.", "req-1"), new ResultDetail.Refused());

        assertThat(DecisionWording.of(notJournaled)).startsWith("Nothing was sent: the decision could not be written"
                + " to the history first. disk full").doesNotContain("\u202E").doesNotContain("\u001B");
        assertThat(DecisionWording.of(refused)).isEqualTo(DisplayText.escape("SageMaker refused the token."
                + " [ValidationException: bad\u202Etoken; request id req-1]")).doesNotContain("\u202E");
        assertThat(new DecisionNotice("Step failed", false, DecisionWording.of(refused)).text())
                .doesNotContain("\u202E");
    }

    @Test
    void aStaleTokenIsToBeDismissed() {
        assertThat(DecisionWording.of(SubmissionResult.notSent(new ResultDetail.NoLongerAnswerable(TOKEN,
                "step Succeeded at 10:02")))).isEqualTo("Token " + TOKEN + " can no longer be answered (step"
                + " Succeeded at 10:02). Dismiss it instead.");
    }
}
