package io.callbackconsole.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HistoryMigration}, the schema on its own (for {@code history migrate}): a team history on the real server and
 * a history file are checked without change and migrated from an older schema; a newer schema is refused; a role that
 * may only SELECT and INSERT is refused with the owner to run the command as and nothing applied, and the same
 * refusal, naming the command, meets it when it connects as a console.
 */
class HistoryMigrationTest {
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static final int TEAM_LATEST = HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS);
    private static final int FILE_LATEST = HistorySchema.latestVersion(HistorySchema.MIGRATIONS);

    @TempDir
    Path dir;

    @Test
    void aTeamHistoryAtAnOlderSchemaIsCheckedUnchangedThenMigratedOnceAsItsOwner() throws SQLException {
        String database = TeamHistories.freshDatabase();
        OlderSchemas.teamHistoryAt(database, 3);
        TeamHistoryLocation owner = TeamHistories.location(database, TestPostgres.SUPERUSER);
        Map<String, String> password = TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD);

        HistoryMigration.Status before = HistoryMigration.checkTeam(owner, password, TeamHistorySchema.MIGRATIONS);
        assertThat(before.version()).isEqualTo(3);
        assertThat(before.latest()).isEqualTo(TEAM_LATEST);
        assertThat(before.pending()).extracting(HistoryMigration.Pending::version).containsExactly(4, 5, 6, 7, 8);
        assertThat(before.pending().get(1).purpose()).isEqualTo("search words stored with each row");
        assertThat(before.pending().get(2).purpose()).isEqualTo("time indexes ordered by seq within a time");
        assertThat(before.pending().get(4).purpose()).isEqualTo("inserts extend the log, checked once a statement");
        assertThat(before.owner()).contains(TestPostgres.SUPERUSER);
        assertThat(teamVersions(database)).as("the check changed nothing").containsExactly(1, 2, 3);

        HistoryMigration.Applied applied = HistoryMigration.migrateTeam(owner, "9.9.9-migrate", password,
                TeamHistorySchema.MIGRATIONS);
        assertThat(applied).isEqualTo(new HistoryMigration.Applied(3, TEAM_LATEST, 5));
        assertThat(teamVersions(database)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(indexDefinitions(database)).as("the time indexes, under their old names, end in seq")
                .contains("CREATE INDEX submission_event_recorded_at ON public.submission_event USING btree"
                                + " (recorded_at, seq)",
                        "CREATE INDEX submission_event_intent_time ON public.submission_event USING btree"
                                + " (recorded_at, seq) WHERE (kind = 'INTENT'::text)");
        assertThat(HistoryMigration.checkTeam(owner, password, TeamHistorySchema.MIGRATIONS).upToDate()).isTrue();

        HistoryMigration.Applied again = HistoryMigration.migrateTeam(owner, "9.9.9-migrate", password,
                TeamHistorySchema.MIGRATIONS);
        assertThat(again).isEqualTo(new HistoryMigration.Applied(TEAM_LATEST, TEAM_LATEST, 0));
    }

    @Test
    void aTeamHistoryFromANewerConsoleIsRefusedByCheckAndMigrateAlike() {
        String database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        TestPostgres.execute(database, "INSERT INTO history_schema (version, purpose, console_version)"
                + " VALUES (99, 'from the future', '9.0.0')");
        TeamHistoryLocation owner = TeamHistories.location(database, TestPostgres.SUPERUSER);
        Map<String, String> password = TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD);

        assertThatThrownBy(() -> HistoryMigration.checkTeam(owner, password, TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NEWER_SCHEMA))
                .hasMessageContaining("newer Callback Console (schema version 99; this one knows up to "
                        + TEAM_LATEST + ")");
        assertThatThrownBy(() -> HistoryMigration.migrateTeam(owner, "9.9.9-migrate", password,
                TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NEWER_SCHEMA));
    }

    @Test
    void aRoleThatMayOnlyReadAndAppendIsToldWhichOwnerRunsTheCommandAndNothingIsApplied() throws SQLException {
        String database = TeamHistories.freshDatabase();
        OlderSchemas.teamHistoryAt(database, 3);
        String role = consoleRole(database);
        TeamHistoryLocation asConsole = TeamHistories.location(database, role);
        Map<String, String> password = TeamHistories.withPassword("pw-" + role);
        String ownerCommand = "Have the owner role " + TestPostgres.SUPERUSER + " run callback-console history"
                + " migrate --history " + asConsole.displayAs(TestPostgres.SUPERUSER);

        assertThatThrownBy(() -> HistoryMigration.migrateTeam(asConsole, "9.9.9-migrate", password,
                TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.PRIVILEGES))
                .hasMessageContaining("has schema version 3 and needs an upgrade to " + TEAM_LATEST)
                .hasMessageContaining("role " + role + " may not change it")
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining(ownerCommand)
                .hasMessageNotContaining("pw-" + role);
        assertThat(teamVersions(database)).containsExactly(1, 2, 3);
        assertThat(hasTrigger(database, "submission_event_appended")).as("migration 4 not half-applied").isFalse();

        // A console connecting as that role meets the same refusal, naming the command.
        assertThatThrownBy(() -> HistoryStore.openTeam(asConsole, SampleSubmissions.CONSOLE_VERSION, password,
                TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.PRIVILEGES))
                .hasMessageContaining(ownerCommand);
        // Reading does not migrate, and says who should.
        assertThatThrownBy(() -> HistoryStore.openTeamForReading(asConsole, password))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.READ_ONLY))
                .hasMessageContaining(ownerCommand);
        assertThat(teamVersions(database)).containsExactly(1, 2, 3);
    }

    @Test
    void aHistoryFileAtAnOlderSchemaIsCheckedUnchangedThenMigrated() throws SQLException {
        Path file = dir.resolve("history.db");
        OlderSchemas.fileAt(file, 3);

        HistoryMigration.Status before = HistoryMigration.checkFile(file, HistorySchema.MIGRATIONS);
        assertThat(before.version()).isEqualTo(3);
        assertThat(before.latest()).isEqualTo(FILE_LATEST);
        assertThat(before.pending()).extracting(HistoryMigration.Pending::version).containsExactly(4, 5, 6, 7);
        assertThat(before.owner()).isEmpty();
        assertThat(fileVersion(file)).as("the check changed nothing").isEqualTo(3);

        assertThat(HistoryMigration.migrateFile(file, HistorySchema.MIGRATIONS))
                .isEqualTo(new HistoryMigration.Applied(3, FILE_LATEST, 4));
        assertThat(fileVersion(file)).isEqualTo(FILE_LATEST);
        assertThat(HistoryMigration.checkFile(file, HistorySchema.MIGRATIONS).upToDate()).isTrue();
        assertThat(HistoryMigration.migrateFile(file, HistorySchema.MIGRATIONS))
                .isEqualTo(new HistoryMigration.Applied(FILE_LATEST, FILE_LATEST, 0));
    }

    @Test
    void aHistoryFileFromANewerConsoleIsRefusedAndAMissingOneIsNotCreated() throws SQLException {
        Path file = dir.resolve("newer.db");
        OlderSchemas.fileAt(file, FILE_LATEST);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        for (var attempt : List.<org.assertj.core.api.ThrowableAssert.ThrowingCallable>of(
                () -> HistoryMigration.checkFile(file, HistorySchema.MIGRATIONS),
                () -> HistoryMigration.migrateFile(file, HistorySchema.MIGRATIONS))) {
            assertThatThrownBy(attempt)
                    .isInstanceOfSatisfying(HistoryUnavailableException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.NEWER_SCHEMA))
                    .hasMessageContaining("schema version 99; this one knows up to " + FILE_LATEST);
        }
        assertThat(fileVersion(file)).isEqualTo(99);

        Path missing = dir.resolve("typo/history.db");
        assertThatThrownBy(() -> HistoryMigration.migrateFile(missing, HistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CANNOT_OPEN))
                .hasMessageContaining("There is no history database at " + missing);
        assertThat(Files.exists(missing.getParent())).isFalse();
    }

    /** A login role on the database that may SELECT and INSERT the journal, as team-history-grants.sql gives. */
    private static String consoleRole(String database) {
        String role = "migrate_tester_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        String name = database.substring(database.lastIndexOf('/') + 1);
        TestPostgres.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'",
                "GRANT CONNECT ON DATABASE " + name + " TO " + role,
                "GRANT SELECT, INSERT ON submission_event TO " + role,
                "GRANT SELECT ON history_schema TO " + role);
        return role;
    }

    private static List<Integer> teamVersions(String database) throws SQLException {
        return eachRow(database, "SELECT version FROM history_schema ORDER BY version", row -> row.getInt(1));
    }

    private static List<String> indexDefinitions(String database) throws SQLException {
        return eachRow(database, "SELECT indexdef FROM pg_indexes WHERE tablename = 'submission_event'",
                row -> row.getString(1));
    }

    /** A value of each row a query gives, read as the superuser. */
    private static <T> List<T> eachRow(String database, String select, RowValue<T> value) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(select)) {
            List<T> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(value.of(rows));
            }
            return values;
        }
    }

    @FunctionalInterface
    private interface RowValue<T> {
        T of(ResultSet row) throws SQLException;
    }

    private static boolean hasTrigger(String database, String trigger) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT count(*) FROM pg_trigger WHERE tgname = '" + trigger + "'")) {
            row.next();
            return row.getInt(1) > 0;
        }
    }

    private static int fileVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("PRAGMA user_version")) {
            return row.getInt(1);
        }
    }
}
