package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21: a bulk row not sent because the session is over says so and what to do, and so does the summary. */
class SignedOutWordingTest {
    private static final CallbackToken TOKEN = CallbackToken.of("7kfcdae9VK");

    @Test
    void aRowNotSentBecauseTheSessionIsOverSaysSignInThenFailItAgain() {
        BulkSubmission.RowOutcome row = new BulkSubmission.RowOutcome(TOKEN,
                SubmissionResult.notSent(new ResultDetail.SignedOut(TOKEN, "ExpiredTokenException")));

        assertThat(BulkWording.row(row)).startsWith("not sent: Token 7kfcdae9VK was not sent")
                .contains("session of this connection is over (ExpiredTokenException)")
                .contains("Its message is kept: sign in again");
    }

    @Test
    void theSummarySaysSignedOutRatherThanNoAnswer() {
        BulkSubmission.Summary summary = new BulkSubmission.Summary(List.of(new BulkSubmission.RowOutcome(TOKEN,
                SubmissionResult.notSent(new ResultDetail.SignedOut(TOKEN, "ExpiredTokenException")))), false, false,
                "ExpiredTokenException");

        assertThat(BulkWording.summary(summary)).isEqualTo("0 of 1 step failed as asked; 1 not sent (signed out: sign"
                + " in again, then fail the rows left).");
    }
}
