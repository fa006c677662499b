package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.ConsoleSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SageMaker answers a {@code fail}, but another program holds the history's write lock between the intent and the
 * outcome: the answer is not on record, so nobody is told it succeeded (no ARN on stdout, exit 5), and {@code recover}
 * records it once the lock is gone (issue #13 §3).
 */
class AnsweredNotRecordedTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";

    @RegisterExtension
    final CommandSandbox commands = new CommandSandbox();

    String waitingToken() throws Exception {
        String execution = commands.sandbox().simulator().startExecution("manual-approval", Map.of());
        try (ConsoleSession session = commands.environment().openSession(null)) {
            for (int poll = 0; poll < 200; poll++) {
                for (PendingCallback p : session.pending().pollOnce().pending()) {
                    if (p.executionArn().value().equals(execution)) {
                        return p.token().value();
                    }
                }
            }
        }
        throw new AssertionError("no callback for " + execution);
    }

    @Test
    void anAnswerTheHistoryCannotTakePrintsNoArnExitsFiveAndRecoverRecordsIt() throws Exception {
        String token = waitingToken();
        AtomicReference<Connection> lock = new AtomicReference<>();
        // The intent is durable when the call arrives; from then on another program holds the write lock.
        commands.sandbox().simulator().faults().beforeApply(FAILURE, body -> {
            try {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + commands.historyFile());
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 10000");
                    s.execute("BEGIN EXCLUSIVE");
                }
                lock.set(c);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        InProcessCommands.Run failed;
        try {
            failed = InProcessCommands.run(new FailCommand(commands.environment()), token, "--reason", "locked history", "--yes");
        } finally {
            commands.sandbox().simulator().faults().clear();
            lock.get().close();
        }

        assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
        assertThat(failed.stdout()).as("no success line").isEmpty();
        assertThat(failed.stderr()).contains(token + ": answered by SageMaker, not recorded: run `recover`");
        assertThat(commands.sandbox().simulator().callsTo(FAILURE)).hasSize(1);

        commands.assertRecoverRecordsAccepted(token);
    }
}
