package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sandbox session opens (and on a first start migrates) its history while ElasticMQ and the simulator start, not
 * after them; a sandbox that fails to start leaves no history open behind it.
 */
class SandboxHistoryAsideTest {
    private static final CallbackPoller.PollerSettings NO_SCHEDULE = new CallbackPoller.PollerSettings(
            Duration.ofMinutes(5), Duration.ofMinutes(5), 0);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Test
    void theSandboxHistoryIsOpenedWhileTheSandboxStarts() throws Exception {
        AppDirectories directories = AppDirectories.resolve(dataDir);
        AtomicBoolean historyWhileStarting = new AtomicBoolean();
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(directories, "test", NO_SCHEDULE, options -> {
            // The starter holds on until the history file is there: it never is when the history waits for it.
            historyWhileStarting.set(eventually(() -> Files.exists(directories.sandboxHistoryFile())));
            return Sandbox.start(options);
        });
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(session.history().file()).isEqualTo(directories.sandboxHistoryFile());
            assertThat(session.pending().pollOnce().pending()).isNotEmpty();
        }
        assertThat(historyWhileStarting).as("the history was opened while the sandbox started").isTrue();
    }

    @Test
    void aSandboxThatFailsToStartLeavesItsHistoryClosed() throws Exception {
        AppDirectories directories = AppDirectories.resolve(dataDir);
        // A WAL history has its -wal file while a connection is open; SQLite removes it when the last one closes.
        Path wal = Path.of(directories.sandboxHistoryFile() + "-wal");
        AtomicBoolean openWhileStarting = new AtomicBoolean();
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(directories, "test", NO_SCHEDULE, options -> {
            openWhileStarting.set(eventually(() -> Files.exists(wal)));
            throw new IllegalStateException("port 9324 is taken");
        });
        assertThatThrownBy(() -> sessions.open(ConnectionSettings.sandboxToStart()))
                .hasMessage("port 9324 is taken");
        assertThat(openWhileStarting).isTrue();
        assertThat(eventually(() -> !Files.exists(wal))).as("the history opened for the session is closed again")
                .isTrue();
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
