package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.ConsoleSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SageMaker answers a {@code fail}, but another program holds the history's write lock between the intent and the
 * outcome: the answer is not on record, so nobody is told it succeeded (no ARN on stdout, exit 5), and {@code recover}
 * records it once the lock is gone (issue #13 §3).
 */
class AnsweredNotRecordedTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";

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

    String waitingToken() throws Exception {
        String execution = sandbox.simulator().startExecution("manual-approval", Map.of());
        try (ConsoleSession session = environment().openSession(null)) {
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
        sandbox.simulator().faults().beforeApply(FAILURE, body -> {
            try {
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("history.db"));
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
            failed = InProcessCommands.run(new FailCommand(environment()), token, "--reason", "locked history", "--yes");
        } finally {
            sandbox.simulator().faults().clear();
            lock.get().close();
        }

        assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
        assertThat(failed.stdout()).as("no success line").isEmpty();
        assertThat(failed.stderr()).contains(token + ": answered by SageMaker, not recorded: run `recover`");
        assertThat(sandbox.simulator().callsTo(FAILURE)).hasSize(1);

        InProcessCommands.Run recovered = InProcessCommands.run(new RecoverCommand(environment()));

        assertThat(recovered.exitCode()).as(recovered.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(recovered.stdout()).contains(token).contains("accepted");
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            assertThat(history.recentSubmissions(10)).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        }
    }
}
