package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 21: the terminal words a bulk row stopped by an expired session with the commands that go on from there. */
class SignedOutResultWordingTest {
    private static final CallbackToken TOKEN = CallbackToken.of("7kfcdae9VK");

    @Test
    void aTokenNotSentBecauseTheSessionIsOverNamesLoginAndTheSameFailAgain() {
        SubmissionResult result = SubmissionResult.notSent(new ResultDetail.SignedOut(TOKEN, "MfaRequired"));
        BulkSubmission.Summary summary = new BulkSubmission.Summary(
                List.of(new BulkSubmission.RowOutcome(TOKEN, result)), false, false, "MfaRequired");

        assertThat(ResultWording.of(result)).contains("session of this connection is over (MfaRequired)")
                .contains("`callback-console login`").contains("run the same `fail` again");
        assertThat(ResultWording.summary(summary)).isEqualTo("0 of 1 step(s) failed as asked; 1 not sent (signed"
                + " out: sign in again, then run the same `fail` again).");
    }
}
