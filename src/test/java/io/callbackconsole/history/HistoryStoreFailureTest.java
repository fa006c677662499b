package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HistoryStoreFailureTest {

    private static final HistoryOptions SHORT_WAIT =
            HistoryOptions.defaults().withBusyTimeout(Duration.ofMillis(100));

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotADatabaseIsNamedAndLeftByteForByteUnchanged() throws Exception {
        Path file = dir.resolve("history.db");
        byte[] garbage = new byte[8192];
        new Random(20250301).nextBytes(garbage);
        Files.write(file, garbage);

        assertThatThrownBy(() -> HistoryStore.open(file, CONSOLE_VERSION))
                .isInstanceOfSatisfying(HistoryUnavailableException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.NOT_A_HISTORY);
                    assertThat(e.databaseFile()).isEqualTo(file.toAbsolutePath());
                })
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("not an SQLite database")
                .hasMessageContaining("left untouched");

        assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aLockedDatabaseIsReportedAndNothingIsLostOnceReleased() throws SQLException {
        Path file = dir.resolve("history.db");
        Submission before = decision("AAAAAAAAA1", MORNING);
        Submission during = decision("AAAAAAAAA2", MORNING.plusSeconds(1));
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(before);
        }

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION, SHORT_WAIT)) {
            try (Connection other = rawConnection(file); Statement s = other.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");

                HistoryUnavailableException locked = catchThrowableOfType(HistoryUnavailableException.class,
                        () -> store.recordIntent(during));

                assertThat(locked.problem()).isEqualTo(Problem.LOCKED);
                assertThat(locked).hasMessageContaining("is locked")
                        .hasMessageContaining("another program holds it")
                        .hasMessageContaining("--data-dir")
                        .hasMessageContaining(file.toAbsolutePath().toString());
                s.execute("ROLLBACK");
            }

            store.recordIntent(during);
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(before, during);
        }
    }

    @Test
    void aStoreThatMayNotWriteReportsReadOnlyAndKeepsWhatIsThere() {
        Path file = dir.resolve("history.db");
        Submission kept = decision("AAAAAAAAA1", MORNING);
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(kept);
        }

        // As root, file permissions do not stop writes; a read-only connection makes SQLite itself refuse them.
        try (HistoryStore readOnly = HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults().asReadOnly())) {
            assertThat(readOnly.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(kept);

            assertThatThrownBy(() -> readOnly.recordIntent(decision("AAAAAAAAA2", MORNING.plusSeconds(1))))
                    .isInstanceOfSatisfying(HistoryUnavailableException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.READ_ONLY))
                    .hasMessageContaining("cannot be written")
                    .hasMessageContaining(file.toAbsolutePath().toString());
        }
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(kept);
        }
    }

    @Test
    void readingAHistoryThatDoesNotExistSaysSoInsteadOfCreatingIt() {
        Path file = dir.resolve("missing/history.db");

        assertThatThrownBy(() -> HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults().asReadOnly()))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CANNOT_OPEN))
                .hasMessageContaining(file.toAbsolutePath().toString());
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void aFullDiskAsSqliteReportsItIsExplained() throws SQLException {
        Path file = dir.resolve("small.db");
        // A page limit makes SQLite report SQLITE_FULL exactly as a full disk would.
        SQLException full;
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE filler (b BLOB)");
            s.execute("PRAGMA max_page_count = 3");
            full = catchThrowableOfType(SQLException.class,
                    () -> s.execute("INSERT INTO filler VALUES (randomblob(100000))"));
        }

        RuntimeException translated = SqliteFailures.translate(file, "journaling the decision on token X", full);

        assertThat(translated).isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.DISK_FULL))
                .hasMessageContaining("disk is full")
                .hasMessageContaining(file.toString())
                .hasCause(full);
    }
}
