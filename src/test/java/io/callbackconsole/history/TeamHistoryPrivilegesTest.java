package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import io.callbackconsole.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Append-only by privilege, with real roles: the DBA's script (team-history-grants.sql) makes a role that may only
 * INSERT and SELECT; the console checks its own role at connect, warns when it could rewrite history and refuses one
 * that may not INSERT with the GRANT to run.
 */
class TeamHistoryPrivilegesTest {
    private static final String OWNER_PASSWORD = "owner-secret-" + System.nanoTime();
    private static final String CONSOLE_PASSWORD = "console-secret-" + System.nanoTime();
    private static final AtomicInteger ROLES = new AtomicInteger();
    private static String database;

    /** One database set up as the README says: script, the owner's first connect, the script again. */
    @BeforeAll
    static void setUpAsTheReadmeSays() throws IOException {
        database = TeamHistories.freshDatabase();
        String script = grantsScript();
        TestPostgres.execute(database, script,
                "ALTER ROLE callback_history_owner PASSWORD '" + OWNER_PASSWORD + "'",
                "ALTER ROLE callback_console PASSWORD '" + CONSOLE_PASSWORD + "'");
        open("callback_history_owner", OWNER_PASSWORD).close();
        TestPostgres.execute(database, script);
    }

    @Test
    void theScriptsRoleMayAppendAndReadButNotRewriteAndIsNotWarnedAbout() throws SQLException {
        Submission submission = decision("26vcYbeWsZ", "request-token-privileges-0123456789abcdef", MORNING);
        try (HistoryStore store = open("callback_console", CONSOLE_PASSWORD)) {
            assertThat(store.teamPrivileges()).isEmpty();
            store.recordIntent(submission);
            store.recordOutcome(submission.requestToken(), new Outcome.Unknown("Timeout", "no answer", "SageMaker did not answer in time"),
                    MORNING.plusSeconds(1));
            assertThat(store.find(submission.requestToken())).isPresent();
            assertThat(store.verify().intact()).isTrue();
        }
        try (Connection c = connect("callback_console", CONSOLE_PASSWORD); Statement s = c.createStatement()) {
            for (String change : new String[] {"UPDATE submission_event SET reason = 'x'",
                    "DELETE FROM submission_event", "TRUNCATE submission_event",
                    "INSERT INTO history_schema (version, purpose, console_version) VALUES (99, 'x', 'x')"}) {
                assertThatThrownBy(() -> s.execute(change)).as(change).isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void aRoleThatMayAlsoUpdateOrDeleteOpensWithAWarningThatNamesThePrivileges() {
        String role = role("GRANT SELECT, INSERT, UPDATE, DELETE ON submission_event TO %s",
                "GRANT SELECT ON history_schema TO %s");
        try (HistoryStore store = open(role, "pw-" + role)) {
            TeamHistoryPrivileges privileges = store.teamPrivileges().orElseThrow();
            assertThat(privileges.couldRewriteHistory()).isTrue();
            assertThat(privileges.rewritingPrivileges()).containsExactly("UPDATE", "DELETE");
            assertThat(privileges.revokeRewriting())
                    .isEqualTo("REVOKE UPDATE, DELETE ON submission_event FROM \"" + role + "\";");
        }
    }

    @Test
    void aRoleThatMayNotInsertIsRefusedWithTheGrantToRun() {
        String role = role("GRANT SELECT ON submission_event, history_schema TO %s");

        assertThatThrownBy(() -> open(role, "pw-" + role))
                .isInstanceOfSatisfying(HistoryUnavailableException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.PRIVILEGES);
                    assertThat(e.databaseFile()).isNull();
                    assertThat(e.location()).contains("/" + database.substring(database.lastIndexOf('/') + 1));
                })
                .hasMessageContaining("does not let role " + role + " add rows (INSERT)")
                .hasMessageContaining("none is sent")
                .hasMessageContaining("GRANT SELECT, INSERT ON submission_event TO \"" + role + "\";");
    }

    @Test
    void aRoleThatMayNotCreateTheSchemaIsToldToLetTheOwnerConnectFirst() {
        String fresh = TeamHistories.freshDatabase();
        String role = roleOn(fresh);

        assertThatThrownBy(() -> HistoryStore.openTeam(TeamHistories.location(fresh, role),
                SampleSubmissions.CONSOLE_VERSION, TeamHistories.withPassword("pw-" + role),
                TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.PRIVILEGES))
                .hasMessageContaining("needs its schema set up (version "
                        + HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS) + ")")
                .hasMessageContaining("run callback-console history migrate --history postgresql://ROLE@");
    }

    private static HistoryStore open(String role, String password) {
        return HistoryStore.openTeam(TeamHistories.location(database, role), SampleSubmissions.CONSOLE_VERSION,
                TeamHistories.withPassword(password), TeamHistorySchema.MIGRATIONS);
    }

    /** A new login role on the shared database with the grants given ({@code %s} is the role). */
    private static String role(String... grants) {
        String role = roleOn(database);
        for (String grant : grants) {
            TestPostgres.execute(database, grant.formatted(role));
        }
        return role;
    }

    private static String roleOn(String db) {
        String role = "tester_" + ProcessHandle.current().pid() + "_" + ROLES.incrementAndGet();
        String name = db.substring(db.lastIndexOf('/') + 1);
        TestPostgres.execute(db, "CREATE ROLE " + role + " LOGIN PASSWORD 'pw-" + role + "'",
                "GRANT CONNECT ON DATABASE " + name + " TO " + role);
        return role;
    }

    private static Connection connect(String role, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", password);
        return DriverManager.getConnection(database, properties);
    }

    static String grantsScript() throws IOException {
        try (InputStream in = HistoryStore.class.getResourceAsStream("team-history-grants.sql")) {
            assertThat(in).as("team-history-grants.sql on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
