package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A token answered without its message (from the command line) is journaled without an execution ARN. */
class HistoryStoreTokenOnlyTest {
    @TempDir
    Path dir;

    @Test
    void anIntentWithoutExecutionArnRoundTripsAndItsOutcomeNamesTheExecution() {
        Submission submission = Submission.fail(CallbackToken.of("Aa1Bb2Cc3D"), null, FailureReason.of("runbook"),
                new Operator("alice"), ConnectionId.aws("123456789012", "us-east-1", null, "prod@us-east-1"), Instant.parse("2026-11-25T10:00:00Z"));
        String returned = "arn:aws:sagemaker:us-east-1:123456789012:pipeline/p/execution/abc";
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"), "test")) {
            store.recordIntent(submission);
            store.recordOutcome(submission.requestToken(), new Outcome.Accepted(returned, "req-1"),
                    Instant.parse("2026-11-25T10:00:01Z"));
        }
        try (HistoryStore store = HistoryStore.open(dir.resolve("history.db"), "test")) {
            HistoryEntry entry = store.find(submission.requestToken()).orElseThrow();
            assertThat(entry.submission()).isEqualTo(submission);
            assertThat(entry.submission().executionArn()).isNull();
            assertThat(entry.outcome()).isEqualTo(new Outcome.Accepted(returned, "req-1"));
        }
    }
}
