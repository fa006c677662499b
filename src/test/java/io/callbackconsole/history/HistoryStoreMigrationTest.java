package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryStoreMigrationTest {

    @TempDir
    Path dir;

    /** The version this code writes; later migrations in these tests are numbered after it. */
    static final int LATEST = HistorySchema.latestVersion(HistorySchema.MIGRATIONS);

    @Test
    void aFreshDatabaseIsCreatedWithItsDirectoriesAndMigrated() throws SQLException {
        Path file = dir.resolve("nested/data/history.db");

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            assertThat(store.databaseFile()).isEqualTo(file.toAbsolutePath());
            assertThat(store.recentSubmissions(10)).isEmpty();
        }

        assertThat(file).isRegularFile();
        try (Connection c = rawConnection(file)) {
            assertThat(pragma(c, "user_version")).isEqualTo(String.valueOf(HistorySchema.latestVersion(HistorySchema.MIGRATIONS)));
            assertThat(pragma(c, "application_id")).isEqualTo(String.valueOf(HistorySchema.APPLICATION_ID));
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(schemaObjects(c)).contains("submission_event", "submission_event_intent_request_token",
                    "submission_event_recorded_at", "submission_event_callback_token",
                    "submission_event_no_update", "submission_event_no_delete", "submission_event_fts",
                    "submission_event_pipeline_time");
            // The appending code indexes rows for free-text search (migration 3), not a trigger.
            assertThat(schemaObjects(c)).doesNotContain("submission_event_fts_insert");
        }
    }

    @Test
    void reopeningKeepsRowsAndVersion() throws SQLException {
        Path file = dir.resolve("history.db");
        Submission submission = decision("26vcYbeWsZ", MORNING);
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(submission);
        }

        try (HistoryStore reopened = HistoryStore.open(file, "0.2.0")) {
            assertThat(reopened.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(submission);
        }
        try (Connection c = rawConnection(file)) {
            assertThat(pragma(c, "user_version")).isEqualTo(String.valueOf(LATEST));
        }
    }

    @Test
    void aDatabaseFromANewerConsoleIsRefusedAndLeftAlone() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("26vcYbeWsZ", MORNING));
        }
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        byte[] before = Files.readAllBytes(file);

        assertThatThrownBy(() -> HistoryStore.open(file, CONSOLE_VERSION))
                .isInstanceOfSatisfying(HistoryUnavailableException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.NEWER_SCHEMA);
                    assertThat(e.databaseFile()).isEqualTo(file.toAbsolutePath());
                })
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("newer Callback Console")
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("knows up to " + LATEST);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void someoneElsesSqliteDatabaseIsRefusedAndNotMigrated() throws SQLException {
        Path file = dir.resolve("history.db");
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)");
        }

        assertThatThrownBy(() -> HistoryStore.open(file, CONSOLE_VERSION))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NOT_A_HISTORY))
                .hasMessageContaining("not a Callback Console history")
                .hasMessageContaining(file.toAbsolutePath().toString());
        try (Connection c = rawConnection(file)) {
            assertThat(schemaObjects(c)).containsExactly("invoices");
            assertThat(pragma(c, "user_version")).isEqualTo("0");
        }
    }

    @Test
    void laterMigrationsAreAppliedInOrderOnTheNextOpen() throws SQLException {
        Path file = dir.resolve("history.db");
        Submission submission = decision("26vcYbeWsZ", MORNING);
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(submission);
        }
        List<SchemaMigration> withTwoMore = new ArrayList<>(HistorySchema.MIGRATIONS);
        withTwoMore.add(SchemaMigration.ofSql(LATEST + 1, "a note table",
                List.of("CREATE TABLE note (text TEXT)", "INSERT INTO note VALUES ('from 2')")));
        withTwoMore.add(SchemaMigration.ofSql(LATEST + 2, "a second note",
                List.of("INSERT INTO note SELECT text || ' then 3' FROM note")));

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(), withTwoMore)) {
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(submission);
        }

        try (Connection c = rawConnection(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT text FROM note ORDER BY rowid")) {
            List<String> notes = new ArrayList<>();
            while (rows.next()) {
                notes.add(rows.getString(1));
            }
            assertThat(notes).containsExactly("from 2", "from 2 then 3");
            assertThat(pragma(c, "user_version")).isEqualTo(String.valueOf(LATEST + 2));
        }
    }

    @Test
    void aFailingMigrationLeavesTheVersionAndSchemaAsTheyWere() throws SQLException {
        Path file = dir.resolve("history.db");
        HistoryStore.open(file, CONSOLE_VERSION).close();
        List<SchemaMigration> broken = new ArrayList<>(HistorySchema.MIGRATIONS);
        broken.add(SchemaMigration.ofSql(LATEST + 1, "broken", List.of("CREATE TABLE half_done (x)", "THIS IS NOT SQL")));

        assertThatThrownBy(() -> HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(), broken))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());

        try (Connection c = rawConnection(file)) {
            assertThat(pragma(c, "user_version")).isEqualTo(String.valueOf(LATEST));
            assertThat(schemaObjects(c)).doesNotContain("half_done");
        }
    }

    /**
     * A version-2 history, whose rows a trigger indexed, moves to indexing by the appending code: rows from before,
     * rows a version-2 console still running appends afterwards (without indexing them), and rows this version appends
     * are each found by a free-text search once, and the index matches the table (FTS5's own check).
     */
    @Test
    void rowsOfVersion2AndAfterMigration3AreEachFoundOnceByFreeTextSearch() throws SQLException {
        Path file = dir.resolve("history.db");
        HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(), HistorySchema.MIGRATIONS.subList(0, 2))
                .close();
        String previous;
        try (Connection c = rawConnection(file)) {
            previous = insertAsVersion2(c, 1, "Version2Tk", AuditChain.GENESIS); // indexed by the trigger
        }

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("26vcYbeWsZ", MORNING));
        }
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThat(pragma(c, "user_version")).isEqualTo(String.valueOf(LATEST));
            assertThat(schemaObjects(c)).doesNotContain("submission_event_fts_insert");
            try (ResultSet last = s.executeQuery("SELECT hash FROM submission_event ORDER BY seq DESC LIMIT 1")) {
                previous = last.next() ? last.getString(1) : previous;
            }
            // A version-2 console still running appends: no trigger indexes its row any more.
            insertAsVersion2(c, 3, "StillOld03", previous);
        }
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("Oy2oCkS8dV", MORNING));
        }

        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            for (String token : List.of("Version2Tk", "26vcYbeWsZ", "StillOld03", "Oy2oCkS8dV")) {
                assertThat(textMatches(s, token)).as(token).isEqualTo(1);
            }
            // Compares the index with the table's rows; fails on a row indexed twice or not at all.
            s.execute("INSERT INTO submission_event_fts (submission_event_fts, rank) VALUES ('integrity-check', 1)");
        }
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.verify().intact()).isTrue();
        }
    }

    /** Appends an intent as a version-2 console does (no indexing of its own); returns its hash. */
    private static String insertAsVersion2(Connection c, long seq, String token, String previous)
            throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seq", seq);
        row.put("recorded_at", "2025-03-01T09:00:00.000Z");
        row.put("kind", "INTENT");
        row.put("client_request_token", "request-from-version-2-" + seq);
        row.put("action", "FAIL");
        row.put("callback_token", token);
        row.put("reason", "written by version two");
        row.put("operator", "alice");
        row.put("connection", "sandbox");
        row.put("console_version", "0.1.0");
        String hash = new JournalRows().hashOf(previous, row);
        JournalRows.insert(c, "submission_event", row, hash);
        return hash;
    }

    private static int textMatches(Statement s, String text) throws SQLException {
        try (ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event_fts WHERE submission_event_fts MATCH '"
                + text + "'")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("PRAGMA " + name)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static List<String> schemaObjects(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
