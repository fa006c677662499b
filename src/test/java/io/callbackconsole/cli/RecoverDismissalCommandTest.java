package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.ConsoleSession;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recover} after a console stopped between a Quarantine deletion's intent and its SQS delete: it receives the
 * message first, so the repeat deletes it with a receipt handle of its own and records ACCEPTED (without that, the
 * message is not held, whether it is gone is not known, and the dismissal stays unsettled).
 */
class RecoverDismissalCommandTest {
    @TempDir
    Path dataDir;

    Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    CommandEnvironment environment() {
        return InProcessCommands.on(sandbox, dataDir.resolve("history.db"));
    }

    @Test
    void recoverDeletesTheMessageOfAnInterruptedQuarantineDeletionAndRecordsItAccepted() throws Exception {
        String queueUrl = sandbox.queueUrls().get(0);
        sandbox.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("not a callback message"));
        QuarantinedMessage quarantined;
        try (ConsoleSession first = environment().openSession(null)) {
            quarantined = first.pending().pollOnce().quarantined().get(0);
        }
        Submission deletion = Submission.dismiss(quarantined.historyKey(), null, quarantined.dismissalReason(),
                new Operator("alice"), ConnectionId.sandbox(), Instant.now());
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            history.recordIntent(deletion); // and the console stops before the SQS delete
        }

        InProcessCommands.Run recovered = InProcessCommands.run(new RecoverCommand(environment()));

        assertThat(recovered.exitCode()).as(recovered.stdout() + recovered.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(recovered.stdout()).contains(deletion.token().value()).contains("accepted");
        assertThat(sandbox.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
                .as("the quarantined message is deleted").isEmpty();
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            assertThat(history.recentSubmissions(10)).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        }
    }
}
