package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import io.callbackconsole.testing.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Connecting to a team history on a real server: the password from PGPASSWORD or the password file, and every way it
 * can go wrong said in a sentence that names the history (never the password) and what to do.
 */
class TeamHistoryConnectTest {
    /** The driver's own setting for where the password file is (PGPASSFILE in the environment). */
    private static final String PGPASSFILE_PROPERTY = "org.postgresql.pgpassfile";

    @TempDir
    Path dir;

    @AfterEach
    void forgetPasswordFile() {
        System.clearProperty(PGPASSFILE_PROPERTY);
    }

    @Test
    void thePasswordComesFromThePasswordFileWhenPgpasswordIsNotSet() throws IOException {
        String database = TeamHistories.freshDatabase();
        String name = database.substring(database.lastIndexOf('/') + 1);
        Path pgpass = dir.resolve("pgpass");
        Files.writeString(pgpass, "127.0.0.1:" + TestPostgres.shared().port() + ":" + name + ":"
                + TestPostgres.SUPERUSER + ":" + TestPostgres.SUPERUSER_PASSWORD + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        System.setProperty(PGPASSFILE_PROPERTY, pgpass.toString());

        try (HistoryStore store = HistoryStore.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                SampleSubmissions.CONSOLE_VERSION, Map.of(), TeamHistorySchema.MIGRATIONS)) {
            store.recordIntent(decision("26vcYbeWsZ", MORNING));
            assertThat(store.recentSubmissions(5)).hasSize(1);
            assertThat(store.isTeamHistory()).isTrue();
            assertThat(store.databaseFile()).isNull();
            assertThat(store.witness()).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutEchoingItAndSaysWhereThePasswordGoes() {
        String database = TeamHistories.freshDatabase();
        String wrong = "Wr0ng-Secret-" + System.nanoTime();

        assertThatThrownBy(() -> HistoryStore.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                SampleSubmissions.CONSOLE_VERSION, TeamHistories.withPassword(wrong), TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.AUTHENTICATION);
                    assertThat(e.getCause()).as("the server's text is not carried along").isNull();
                    assertThat(e.getMessage()).doesNotContain(wrong);
                })
                .hasMessageContaining("refused the sign-in of role " + TestPostgres.SUPERUSER)
                .hasMessageContaining("~/.pgpass")
                .hasMessageContaining("PGPASSWORD")
                .hasMessageContaining("Tried: PGPASSWORD (set; the server refused it");
    }

    @Test
    void noPasswordAtAllIsASignInProblemToo() {
        System.setProperty(PGPASSFILE_PROPERTY, dir.resolve("no-such-pgpass").toString());
        String database = TeamHistories.freshDatabase();

        assertThatThrownBy(() -> HistoryStore.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                SampleSubmissions.CONSOLE_VERSION, Map.of(), TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.AUTHENTICATION))
                .hasMessageContaining("the password is wrong or missing")
                .hasMessageContaining("Tried: PGPASSWORD (not set), then the password file "
                        + dir.resolve("no-such-pgpass") + " (not there).");
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TeamHistoryLocation nowhere = TeamHistoryLocation.parse("postgresql://someone@127.0.0.1:" + closedPort
                + "/callback_history");

        assertThatThrownBy(() -> HistoryStore.openTeam(nowhere, SampleSubmissions.CONSOLE_VERSION,
                TeamHistories.withPassword("x"), TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE))
                .hasMessageContaining("postgresql://someone@127.0.0.1:" + closedPort + "/callback_history")
                .hasMessageContaining("cannot be reached")
                .hasMessageContaining("Nothing was sent to SageMaker");
    }

    @Test
    void tlsRequiredOfAServerWithoutItIsRefused() {
        String database = TeamHistories.freshDatabase();
        TeamHistoryLocation tls = TeamHistoryLocation.parse(database + "?sslmode=require&user=" + TestPostgres.SUPERUSER);

        assertThatThrownBy(() -> HistoryStore.openTeam(tls, SampleSubmissions.CONSOLE_VERSION,
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD), TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE))
                .hasMessageContaining("?sslmode=require")
                .hasMessageContaining("asks for TLS (sslmode=require), and the server does not offer it")
                .hasMessageContaining("sslmode=verify-full");
    }

    @Test
    void aDatabaseTheServerDoesNotHaveIsNamed() {
        String missing = TestPostgres.shared().jdbcUrl("no_such_history");

        assertThatThrownBy(() -> HistoryStore.openTeam(TeamHistories.location(missing, TestPostgres.SUPERUSER),
                SampleSubmissions.CONSOLE_VERSION, TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD),
                TeamHistorySchema.MIGRATIONS))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CANNOT_OPEN))
                .hasMessageContaining("names a database the server does not have");
    }

    @Test
    void aSchemaFromANewerConsoleIsRefusedAndLeftAsItWas() {
        String database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        TestPostgres.execute(database, "INSERT INTO history_schema (version, purpose, console_version)"
                + " VALUES (99, 'from the future', '9.0.0')");

        assertThatThrownBy(() -> TeamHistories.openAsOwner(database))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NEWER_SCHEMA))
                .hasMessageContaining("newer Callback Console (schema version 99; this one knows up to "
                        + HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS) + ")");
    }

    @Test
    void someoneElsesTablesAreLeftAlone() {
        String database = TeamHistories.freshDatabase();
        TestPostgres.execute(database, "CREATE TABLE submission_event (id integer)");

        assertThatThrownBy(() -> TeamHistories.openAsOwner(database))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NOT_A_HISTORY))
                .hasMessageContaining("not a Callback Console team history");
    }

    @Test
    void commitsWaitForTheServersDiskEvenWhereTheDatabaseSaysOtherwise() throws Exception {
        String database = TeamHistories.freshDatabase();
        String name = database.substring(database.lastIndexOf('/') + 1);
        TestPostgres.execute(database, "ALTER DATABASE " + name + " SET synchronous_commit = off");

        try (var c = new TeamHistoryConnections(TeamHistories.location(database, TestPostgres.SUPERUSER),
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD)).open("opening it");
             var s = c.createStatement(); var setting = s.executeQuery("SHOW synchronous_commit")) {
            setting.next();
            assertThat(setting.getString(1)).isEqualTo("on");
        }
    }

    @Test
    void twoConsolesConnectingToAnEmptyDatabaseAtOnceMigrateItOnce() throws Exception {
        String database = TeamHistories.freshDatabase();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> TeamHistories.openAsOwner(database));
            var second = pool.submit(() -> TeamHistories.openAsOwner(database));
            first.get().close();
            second.get().close();
        } finally {
            pool.shutdown();
        }
        try (var c = TestPostgres.superuserOn(database); var s = c.createStatement();
             var rows = s.executeQuery("SELECT count(*) FROM history_schema")) {
            rows.next();
            assertThat(rows.getInt(1)).as("each migration recorded once")
                    .isEqualTo(TeamHistorySchema.MIGRATIONS.size());
        }
    }
}
