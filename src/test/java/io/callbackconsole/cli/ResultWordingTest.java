package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ConnectionId;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** The terminal words triage's result codes in its own terms: commands to run, not keys to press; text escaped. */
class ResultWordingTest {
    private static final CallbackToken TOKEN = CallbackToken.of("7kfcdae9VK");
    private static final CallbackToken OTHER = CallbackToken.of("26vcYbeWsZ");
    private static final Submission FAIL = Submission.fail(TOKEN, PipelineExecutionArn.of(
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/7pinimwddh3a"), FailureReason.of("bad"),
            new Operator("alice"), ConnectionId.sandbox(), Instant.EPOCH);

    @Test
    void aTerminalIsNotToldToPressAKey() {
        assertThat(ResultWording.of(SubmissionResult.notSent(new ResultDetail.NotPending(TOKEN))))
                .isEqualTo("Token " + TOKEN + " is no longer pending: it was answered or dismissed.");
    }

    @Test
    void anUnsettledDecisionNamesTheCommandThatRepeatsIt() {
        // CrashRecoveryTest reads "Token X has an unsettled decision" from fail --pipeline's stderr.
        assertThat(ResultWording.of(SubmissionResult.notSent(new ResultDetail.UnsettledElsewhere(FAIL))))
                .startsWith("Token " + TOKEN + " has an unsettled decision (FAIL by alice")
                .contains("Run `recover` to repeat it with its own request token first.");
    }

    @Test
    void outsideTextIsEscapedBeforeTheTerminalPrintsIt() {
        String hostile = "locked\u001B]0;owned\u0007";
        String text = ResultWording.of(new SubmissionResult(Status.ANSWERED_NOT_RECORDED, FAIL,
                new Outcome.Accepted(FAIL.executionArn().value(), null), new ResultDetail.AnsweredNotRecorded(hostile)));

        assertThat(text).contains("could not be written to the history").contains("locked")
                .doesNotContain("\u001B").doesNotContain("\u0007");
    }

    @Test
    void aBulkSummaryCountsEachKindOfOutcome() {
        SubmissionResult accepted = new SubmissionResult(Status.ACCEPTED, FAIL, new Outcome.Accepted(
                FAIL.executionArn().value(), null), new ResultDetail.Applied());
        BulkSubmission.Summary summary = new BulkSubmission.Summary(List.of(new BulkSubmission.RowOutcome(TOKEN,
                accepted), new BulkSubmission.RowOutcome(OTHER, null)), true, false);

        assertThat(ResultWording.summary(summary)).isEqualTo("1 of 2 step(s) failed as asked; 1 not sent (cancelled).");
        assertThat(ResultWording.row(summary.outcomes().get(1))).isEqualTo("not sent");
    }
}
