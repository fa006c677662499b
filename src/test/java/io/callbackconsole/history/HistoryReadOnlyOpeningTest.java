package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.callbackconsole.history.HistoryConnections.ReadMode;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a read-only store opens its file: never a -wal or -shm beside a copy that is to stay as it is. */
class HistoryReadOnlyOpeningTest {
    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void journalOneDecision() {
        file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("RoTok00001", MORNING));
        }
    }

    @Test
    void anImmutableCopyIsReadWithoutAnyFileBesideIt() {
        assertThat(Files.exists(dir.resolve("history.db-wal"))).isFalse();
        // A shared reader of a WAL file keeps -wal and -shm beside it while open: the immutable one must not.
        try (AuditLog log = AuditLog.open(file, HistoryStore.Options.defaults().asImmutableCopy())) {
            assertThat(log.verify().intact()).isTrue();
            assertThat(log.count(AuditFilter.everything())).isEqualTo(1);
            assertThat(Files.exists(dir.resolve("history.db-shm"))).as("-shm while open").isFalse();
            assertThat(Files.exists(dir.resolve("history.db-wal"))).as("-wal while open").isFalse();
        }
        try (AuditLog shared = AuditLog.open(file)) {
            shared.count(AuditFilter.everything());
            assertThat(Files.exists(dir.resolve("history.db-shm"))).as("the shared reader's -shm, for contrast")
                    .isTrue();
        }
    }

    @Test
    void anImmutableReadOfACopyWithRowsInItsWriteAheadLogIsRefusedRatherThanMissingThem() throws Exception {
        Files.writeString(dir.resolve("history.db-wal"), "frames an immutable reader would not read");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> AuditLog.open(file, HistoryStore.Options.defaults().asImmutableCopy()))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("write-ahead log (history.db-wal")
                .hasMessageContaining("Copy both files to a directory you can write");
    }

    @Test
    void theModeFollowsWhatCanBeWritten() throws Exception {
        HistoryStore.Options readOnly = HistoryStore.Options.defaults().asReadOnly();
        assertThat(ReadMode.of(file, HistoryStore.Options.defaults())).isEqualTo(ReadMode.SHARED);
        assertThat(ReadMode.of(file, readOnly.asImmutableCopy())).isEqualTo(ReadMode.IMMUTABLE);
        assertThat(ReadMode.of(file, readOnly)).isEqualTo(ReadMode.SHARED);

        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX modes");
        // Root writes whatever the modes say, and Files.isWritable says so: the modes cannot be tested as root.
        assumeFalse("root".equals(System.getProperty("user.name")), "root is not stopped by file modes");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertThat(ReadMode.of(file, readOnly)).isEqualTo(ReadMode.READ_ONLY);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThat(ReadMode.of(file, readOnly)).isEqualTo(ReadMode.IMMUTABLE);
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
