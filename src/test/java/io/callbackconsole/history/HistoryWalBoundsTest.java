package io.callbackconsole.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-row commits do not grow the write-ahead log without bound (each writes ~80 KB of frames): it is checkpointed
 * at about 1 MiB and cut back to 1 MiB, also after a reader held it, and emptied when the history closes.
 */
class HistoryWalBoundsTest {
    /** The bound with some slack: one commit's frames beyond the checkpoint threshold. */
    private static final long WAL_BOUND = HistoryMigrator.JOURNAL_SIZE_LIMIT_BYTES + 256 * 1024;

    @TempDir
    Path dir;

    private static void commitOneRowEach(HistoryStore store, int from, int count) {
        for (int i = from; i < from + count; i++) {
            store.recordIntent(decision(String.format("Tok%07d", i), "request-token-" + i + "-0123456789abcdefghijk",
                    MORNING.plusSeconds(i)));
        }
    }

    private static long walSize(Path file) throws Exception {
        Path wal = Path.of(file + "-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }

    @Test
    void oneRowCommitsKeepTheWalNearOneMebibyte() throws Exception {
        Path file = dir.resolve("history.db");
        long largest = 0;
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            for (int i = 0; i < 150; i++) {
                commitOneRowEach(store, i, 1);
                largest = Math.max(largest, walSize(file));
            }
            assertThat(store.recentSubmissions(1000)).hasSize(150);
        }
        // SQLite's defaults let it reach 4 MiB here (a checkpoint every 1 000 pages, never cut back).
        assertThat(largest).isLessThanOrEqualTo(WAL_BOUND);
        assertThat(walSize(file)).as("emptied on close").isZero();
    }

    @Test
    void aWalThatGrewWhileAReaderHeldItIsCutBackOnceTheReaderLetsGo() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION); Connection reader = rawConnection(file)) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement();
                 ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event")) {
                assertThat(rows.next()).isTrue();
            }
            commitOneRowEach(store, 0, 60);
            long whileHeld = walSize(file);
            assertThat(whileHeld).as("a reader's snapshot keeps every frame").isGreaterThan(3L << 20);

            reader.commit();
            commitOneRowEach(store, 60, 20);
            assertThat(walSize(file)).isLessThanOrEqualTo(WAL_BOUND);
            assertThat(store.recentSubmissions(1000)).hasSize(80);
        }
    }
}
