package io.callbackconsole.history;

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
import java.util.List;

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
                    "submission_event_fts_insert", "submission_event_pipeline_time");
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
            assertThat(reopened.intentsWithoutOutcome()).containsExactly(submission);
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

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION, HistoryStore.Options.defaults(), withTwoMore)) {
            assertThat(store.intentsWithoutOutcome()).containsExactly(submission);
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

        assertThatThrownBy(() -> HistoryStore.open(file, CONSOLE_VERSION, HistoryStore.Options.defaults(), broken))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining(file.toAbsolutePath().toString());

        try (Connection c = rawConnection(file)) {
            assertThat(pragma(c, "user_version")).isEqualTo(String.valueOf(LATEST));
            assertThat(schemaObjects(c)).doesNotContain("half_done");
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
