package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Run;
import io.callbackconsole.testing.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --history postgresql://…} on the command line, in separate processes as scripts run them, against a real
 * PostgreSQL server and a sandbox reached as an AWS connection: decisions are journaled in the team history and
 * verified there; a wrong password, an unreachable server or a password in the URL end the command with a sentence
 * and the history's exit code, before anything is sent to SageMaker.
 */
class TeamHistoryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;
    private static String database;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        database = TestPostgres.freshDatabase();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String url() {
        // As an operator writes it: libpq's form, the role in it, no password.
        return database.replace("jdbc:postgresql://", "postgresql://" + TestPostgres.SUPERUSER + "@");
    }

    @Test
    void failJournalsInTheTeamHistoryAndVerifyChecksItThere() throws Exception {
        Run pending = run(TestPostgres.SUPERUSER_PASSWORD, "pending", "--json", "--history", url());
        assertThat(pending.exitCode()).as(pending.stderr()).isZero();
        String token = JSON.readTree(pending.stdout().lines().filter(l -> !l.isBlank()).findFirst().orElseThrow())
                .get("token").asText();
        int callsBefore = failureCalls();

        Run fail = run(TestPostgres.SUPERUSER_PASSWORD, "fail", token, "--reason", "Rejected from the team console",
                "--yes", "--history", url());

        assertThat(fail.exitCode()).as(fail.stderr()).isZero();
        assertThat(fail.stderr()).as("the owner may rewrite history: warned")
                .contains("this role could rewrite history").contains("REVOKE");
        assertThat(failureCalls()).isEqualTo(callsBefore + 1);
        assertThat(Files.exists(dataDir.resolve("history.db"))).as("nothing in the data directory's file").isFalse();
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT kind, callback_token, reason, outcome FROM submission_event"
                     + " ORDER BY seq")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("kind")).isEqualTo("INTENT");
            assertThat(rows.getString("callback_token")).isEqualTo(token);
            assertThat(rows.getString("reason")).isEqualTo("Rejected from the team console");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("outcome")).isEqualTo("ACCEPTED");
        }

        Run verify = run(TestPostgres.SUPERUSER_PASSWORD, "verify", "--history", url());
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("2 rows verified, head 2:");
    }

    @Test
    void aWrongPasswordEndsTheCommandWithTheHistorysExitCodeSaysWhatToDoAndNeverEchoesIt() throws Exception {
        String wrong = "N0t-The-Password-" + System.nanoTime();
        int callsBefore = failureCalls();

        Run fail = run(wrong, "fail", "Aa1Bb2Cc3D", "--reason", "x", "--yes", "--history", url());

        assertThat(fail.exitCode()).as(fail.stderr()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
        assertThat(fail.stderr()).contains("refused the sign-in of role " + TestPostgres.SUPERUSER)
                .contains("~/.pgpass").doesNotContain(wrong);
        assertThat(fail.stdout()).doesNotContain(wrong);
        assertThat(logs()).as("the log").doesNotContain(wrong);
        assertThat(failureCalls()).as("nothing sent to SageMaker").isEqualTo(callsBefore);

        Run verify = run(wrong, "verify", "--history", url());
        assertThat(verify.exitCode()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
        assertThat(verify.stderr()).contains("refused the sign-in").doesNotContain(wrong);
    }

    @Test
    void anUnreachableTeamHistorySendsNothing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        int callsBefore = failureCalls();

        Run fail = run("x", "fail", "Aa1Bb2Cc3D", "--reason", "x", "--yes", "--history",
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/callback_history");

        assertThat(fail.exitCode()).as(fail.stderr()).isEqualTo(ExitCodes.HISTORY_UNAVAILABLE);
        assertThat(fail.stderr()).contains("cannot be reached").contains("Nothing was sent to SageMaker");
        assertThat(failureCalls()).isEqualTo(callsBefore);
    }

    @Test
    void aPasswordInTheUrlOrTheSandboxWithATeamHistoryIsBadInput() throws Exception {
        Run withPassword = run("x", "fail", "Aa1Bb2Cc3D", "--reason", "x", "--yes", "--history",
                "postgresql://alice:Hunter2-secret@127.0.0.1/callback_history");
        assertThat(withPassword.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(withPassword.stderr()).contains("carries a password").doesNotContain("Hunter2-secret");

        Run sandboxToo = runPlain("x", "pending", "--sandbox", "--history", url(), "--data-dir", dataDir.toString());
        assertThat(sandboxToo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(sandboxToo.stderr()).contains("the sandbox keeps its own history");
    }

    private int failureCalls() {
        return sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();
    }

    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        Path logs = dataDir.resolve("logs");
        if (Files.isDirectory(logs)) {
            try (var files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    all.append(Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return all.toString();
    }

    /** A command against the sandbox as an AWS connection, with PGPASSWORD set. */
    private Run run(String pgPassword, String... args) throws IOException, InterruptedException {
        ConsoleProcess console = ConsoleProcess.console(args);
        if (!args[0].equals("verify")) {
            console.args("--data-dir", dataDir.toString()).sandboxConnection(sandbox);
        }
        return finish(console, pgPassword);
    }

    private Run runPlain(String pgPassword, String... args) throws IOException, InterruptedException {
        return finish(ConsoleProcess.console(args), pgPassword);
    }

    private Run finish(ConsoleProcess console, String pgPassword) throws IOException, InterruptedException {
        // No password file either: the password is PGPASSWORD's.
        return console.postgresPassword(pgPassword, dataDir.resolve("no-pgpass")).home(dataDir)
                .sandboxCredentials().run(Duration.ofSeconds(90));
    }
}
