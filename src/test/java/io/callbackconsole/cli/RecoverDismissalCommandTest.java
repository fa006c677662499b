package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.triage.ConsoleSession;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code recover} after a console stopped between a Quarantine deletion's intent and its SQS delete: it receives the
 * message first, so the repeat deletes it with a receipt handle of its own and records ACCEPTED (without that, the
 * message is not held, whether it is gone is not known, and the dismissal stays unsettled).
 */
class RecoverDismissalCommandTest {
    @RegisterExtension
    final CommandSandbox commands = new CommandSandbox();

    @Test
    void recoverDeletesTheMessageOfAnInterruptedQuarantineDeletionAndRecordsItAccepted() throws Exception {
        String queueUrl = commands.sandbox().queueUrls().get(0);
        commands.sandbox().sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("not a callback message"));
        QuarantinedMessage quarantined;
        try (ConsoleSession first = commands.environment().openSession(null)) {
            quarantined = first.pending().pollOnce().quarantined().get(0);
        }
        Submission deletion = Submission.dismiss(quarantined.historyKey(), null, quarantined.dismissalReason(),
                new Operator("alice"), ConnectionId.sandbox(), Instant.now());
        try (HistoryStore history = HistoryStore.open(commands.historyFile(), "test")) {
            history.recordIntent(deletion); // and the console stops before the SQS delete
        }

        commands.assertRecoverRecordsAccepted(deletion.token().value());

        assertThat(commands.sandbox().sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages())
                .as("the quarantined message is deleted").isEmpty();
    }
}
