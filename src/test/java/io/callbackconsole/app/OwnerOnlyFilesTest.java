package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is 0700 and every file in it 0600, created so, and tightened when an older console left it open. */
class OwnerOnlyFilesTest {
    @TempDir
    Path temp;

    @BeforeEach
    void posixWithAPermissiveUmask() throws Exception {
        assumeThat(OwnerOnlyFiles.posix(temp)).as("a POSIX file system").isTrue();
        // The umask 022 the issue was found with: a file created plainly can be read by others.
        Path probe = Files.createFile(temp.resolve("probe"));
        assumeThat(Files.getPosixFilePermissions(probe)).as("umask 022 semantics")
                .contains(PosixFilePermission.OTHERS_READ);
        Files.delete(probe);
    }

    static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    static void writeOneRow(Path historyFile) {
        try (HistoryStore store = HistoryStore.open(historyFile, "test")) {
            store.recordIntent(new Submission(new ClientRequestToken("mode-test-request-token-0123456789abcdef"),
                    Action.FAIL, CallbackToken.of("Mode000001"), PipelineExecutionArn.of(
                    "arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/e1"), FailureReason.of("test"),
                    new Operator("alice"), ConnectionId.sandbox(), Instant.now()));
            // While it is open, SQLite's WAL and shared-memory files exist beside it.
            assertThat(historyFile.resolveSibling("history.db-wal")).exists();
            assertThat(historyFile.resolveSibling("history.db-shm")).exists();
        }
    }

    @Test
    void withoutPreparingSqliteCreatesTheHistoryReadableByOthers() throws Exception {
        // The behaviour the preparation exists for; if SQLite ever changed it, this says so.
        Path plain = temp.resolve("plain").resolve("history.db");
        Files.createDirectories(plain.getParent());
        try (HistoryStore store = HistoryStore.open(plain, "test")) {
            assertThat(mode(plain)).isEqualTo("rw-r--r--");
        }
    }

    @Test
    void aNewDataDirectoryAndItsHistoryWalAndShmAreOwnerOnly() throws Exception {
        AppDirectories directories = new AppDirectories(temp.resolve("new").resolve("callback-console"));

        assertThat(OwnerOnlyFiles.prepare(directories)).as("nothing was looser: it is all new").isEmpty();
        assertThat(directories.historyFile()).as("created only by the connection that uses it").doesNotExist();
        OwnerOnlyFiles.createHistoryFile(directories.historyFile());

        assertThat(mode(directories.dataDir())).isEqualTo("rwx------");
        assertThat(mode(directories.historyFile())).isEqualTo("rw-------");
        try (HistoryStore store = HistoryStore.open(directories.historyFile(), "test")) {
            store.recordIntent(new Submission(new ClientRequestToken("mode-test-request-token-0123456789abcdef"),
                    Action.FAIL, CallbackToken.of("Mode000001"), PipelineExecutionArn.of(
                    "arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/e1"), FailureReason.of("test"),
                    new Operator("alice"), ConnectionId.sandbox(), Instant.now()));
            assertThat(mode(directories.historyFile().resolveSibling("history.db-wal"))).isEqualTo("rw-------");
            assertThat(mode(directories.historyFile().resolveSibling("history.db-shm"))).isEqualTo("rw-------");
        }
        assertThat(mode(directories.historyFile())).isEqualTo("rw-------");
    }

    @Test
    void filesAnOlderConsoleLeftReadableAreTightenedOnceAndSaidSo() throws Exception {
        AppDirectories directories = new AppDirectories(temp.resolve("old"));
        Files.createDirectories(directories.dataDir());
        writeOneRow(directories.historyFile());
        Files.writeString(directories.settingsFile(), "{}");
        Path log = LogFile.in(directories);
        Files.createDirectories(log.getParent());
        Files.writeString(log, "old log");
        Files.writeString(directories.historyFile().resolveSibling("history.db-wal"), "");
        assertThat(mode(directories.dataDir())).isEqualTo("rwxr-xr-x");
        assertThat(mode(directories.historyFile())).isEqualTo("rw-r--r--");

        List<Path> tightened = OwnerOnlyFiles.prepare(directories);

        assertThat(tightened).contains(directories.dataDir(), directories.historyFile(),
                directories.historyFile().resolveSibling("history.db-wal"), directories.settingsFile(),
                log.getParent(), log);
        assertThat(OwnerOnlyFiles.reportOf(tightened)).contains("Tightened").contains("owner-only")
                .contains(directories.historyFile().toString());
        for (Path file : List.of(directories.historyFile(), directories.settingsFile(), log)) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(mode(directories.dataDir())).isEqualTo("rwx------");
        assertThat(mode(log.getParent())).isEqualTo("rwx------");
        assertThat(OwnerOnlyFiles.prepare(directories)).as("said once: nothing left to tighten").isEmpty();
        assertThat(OwnerOnlyFiles.reportOf(List.of())).isNull();
    }

    @Test
    void savedSettingsAreOwnerOnly() throws Exception {
        AppDirectories directories = new AppDirectories(temp.resolve("settings"));
        new SettingsStore(directories.settingsFile()).save(new ConnectionSettings(false, "ops", "us-east-2",
                List.of("https://sqs.us-east-2.amazonaws.com/012345678901/q"), null, null, null));

        assertThat(mode(directories.dataDir())).isEqualTo("rwx------");
        assertThat(mode(directories.settingsFile())).isEqualTo("rw-------");
    }
}
