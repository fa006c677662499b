package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.history.OlderSchemas;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Run;
import io.callbackconsole.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history migrate} as a separate process, against the real server and a file: --check's exit codes before and
 * after, the migration's line, a newer schema and a role that may only read and append refused with the history
 * left as it was, and a URL with a password refused before anything is tried.
 */
class HistoryMigrateCommandTest {
    private static final int TEAM_LATEST = OlderSchemas.latestTeamVersion();
    private static final int FILE_LATEST = OlderSchemas.latestFileVersion();
    private static final String CONSOLE_ROLE_PASSWORD = "console-pw-" + System.nanoTime();

    @TempDir
    Path dir;

    @Test
    void aTeamHistoryBehindIsReportedByCheckThenMigratedAndThenUpToDate() throws Exception {
        String database = TestPostgres.freshDatabase();
        OlderSchemas.teamHistoryAt(database, 3);
        String url = asRole(database, TestPostgres.SUPERUSER);

        Run check = run(TestPostgres.SUPERUSER_PASSWORD, "history", "migrate", "--history", url, "--check");
        assertThat(check.exitCode()).as(check.stderr()).isEqualTo(ExitCodes.MIGRATIONS_PENDING);
        assertThat(check.stdout()).contains("Team history " + url + ": schema 3, latest " + TEAM_LATEST
                        + "; " + (TEAM_LATEST - 3) + " migrations pending:")
                .contains("  4  a notification on every commit that appends rows")
                .contains("  5  search words stored with each row")
                .contains("  6  time indexes ordered by seq within a time")
                .contains("Apply them as the owner role " + TestPostgres.SUPERUSER
                        + ": callback-console history migrate --history " + url);
        assertThat(teamVersion(database)).as("--check changed nothing").isEqualTo(3);

        Run migrate = run(TestPostgres.SUPERUSER_PASSWORD, "history", "migrate", "--history", url);
        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        assertThat(migrate.stdout().strip()).isEqualTo("Team history " + url + ": schema 3 -> " + TEAM_LATEST
                + " (" + (TEAM_LATEST - 3) + " migrations applied)");
        assertThat(teamVersion(database)).isEqualTo(TEAM_LATEST);

        Run after = run(TestPostgres.SUPERUSER_PASSWORD, "history", "migrate", "--history", url, "--check");
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        assertThat(after.stdout()).contains("schema " + TEAM_LATEST + ", the latest; no migrations pending.");

        Run again = run(TestPostgres.SUPERUSER_PASSWORD, "history", "migrate", "--history", url);
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout().strip()).isEqualTo("Team history " + url + ": already at schema " + TEAM_LATEST);
    }

    @Test
    void aRoleThatMayOnlyReadAndAppendIsRefusedNamingTheOwnerAndNothingIsApplied() throws Exception {
        String database = TestPostgres.freshDatabase();
        OlderSchemas.teamHistoryAt(database, 3);
        String role = "migrate_cli_" + ProcessHandle.current().pid();
        String name = database.substring(database.lastIndexOf('/') + 1);
        TestPostgres.execute(database, "CREATE ROLE " + role + " LOGIN PASSWORD '" + CONSOLE_ROLE_PASSWORD + "'",
                "GRANT CONNECT ON DATABASE " + name + " TO " + role,
                "GRANT SELECT, INSERT ON submission_event TO " + role, "GRANT SELECT ON history_schema TO " + role);

        Run refused = run(CONSOLE_ROLE_PASSWORD, "history", "migrate", "--history", asRole(database, role));

        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
        assertThat(refused.stderr()).contains("role " + role + " may not change it")
                .contains("nothing was changed")
                .contains("Have the owner role " + TestPostgres.SUPERUSER + " run callback-console history migrate"
                        + " --history " + asRole(database, TestPostgres.SUPERUSER))
                .doesNotContain(CONSOLE_ROLE_PASSWORD);
        assertThat(refused.stdout()).isEmpty();
        assertThat(teamVersion(database)).isEqualTo(3);
    }

    @Test
    void aTeamHistoryFromANewerConsoleIsRefusedWithTheHistoryExitCode() throws Exception {
        String database = TestPostgres.freshDatabase();
        OlderSchemas.teamHistoryAt(database, TEAM_LATEST);
        TestPostgres.execute(database, "INSERT INTO history_schema (version, purpose, console_version)"
                + " VALUES (99, 'from the future', '9.0.0')");
        String url = asRole(database, TestPostgres.SUPERUSER);

        for (String[] args : new String[][] {{"history", "migrate", "--history", url},
                {"history", "migrate", "--history", url, "--check"}}) {
            Run refused = run(TestPostgres.SUPERUSER_PASSWORD, args);
            assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
            assertThat(refused.stderr()).contains("newer Callback Console (schema version 99; this one knows up to "
                    + TEAM_LATEST + ")");
        }
        assertThat(teamVersion(database)).isEqualTo(99);
    }

    @Test
    void aUrlWithAPasswordIsRefusedAsBadInput() throws Exception {
        Run refused = run("x", "history", "migrate", "--history", "postgresql://owner:s3cret-in-url@127.0.0.1:1/db");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(refused.stderr()).contains("carries a password").doesNotContain("s3cret-in-url");
    }

    @Test
    void aHistoryFileIsCheckedMigratedAndCheckedAgain() throws Exception {
        Path file = dir.resolve("history.db");
        OlderSchemas.fileAt(file, 3);

        Run check = run("x", "history", "migrate", "--history", file.toString(), "--check");
        assertThat(check.exitCode()).as(check.stderr()).isEqualTo(ExitCodes.MIGRATIONS_PENDING);
        assertThat(check.stdout()).contains("History " + file + ": schema 3, latest " + FILE_LATEST
                        + "; " + (FILE_LATEST - 3) + " migrations pending:")
                .contains("  6  inserts must extend the log")
                .contains("  7  indexes for combined filters: each decision's latest outcome, intents by operator and by"
                        + " pipeline, outcomes by operator")
                .contains("Apply them with: callback-console history migrate --history " + file);
        assertThat(fileVersion(file)).as("--check changed nothing").isEqualTo(3);

        Run migrate = run("x", "history", "migrate", "--history", file.toString());
        assertThat(migrate.exitCode()).as(migrate.stderr()).isZero();
        assertThat(migrate.stdout().strip()).isEqualTo("History " + file + ": schema 3 -> " + FILE_LATEST
                + " (" + (FILE_LATEST - 3) + " migrations applied)");
        assertThat(fileVersion(file)).isEqualTo(FILE_LATEST);

        Run after = run("x", "history", "migrate", "--history", file.toString(), "--check");
        assertThat(after.exitCode()).as(after.stderr()).isZero();
        assertThat(after.stdout()).contains("History " + file + ": schema " + FILE_LATEST
                + ", the latest; no migrations pending.");
    }

    /** The libpq URL of the database for the role, as the console displays it. */
    private static String asRole(String jdbcUrl, String role) {
        return jdbcUrl.replace("jdbc:postgresql://", "postgresql://" + role + "@");
    }

    private static int teamVersion(String database) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT max(version) FROM history_schema")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static int fileVersion(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("PRAGMA user_version")) {
            return row.getInt(1);
        }
    }

    private Run run(String password, String... args) throws IOException, InterruptedException {
        return ConsoleProcess.console(args).postgresPassword(password, dir.resolve("no-pgpass"))
                .home(dir.resolve("data")).run(Duration.ofSeconds(90));
    }
}
