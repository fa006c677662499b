package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Run;
import io.callbackconsole.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team history's server killed in the middle of {@code fail --pipeline}: PostgreSQL is crashed (immediate
 * shutdown) from inside the 12th SageMaker call, while the call waits. Every call SageMaker received has its intent on
 * record, on the call's own token and with its request token; tokens without an intent were never sent. After the
 * server is back, {@code recover} settles every decision left without an outcome, each with its own request token,
 * and the chain verifies.
 */
class TeamHistoryServerKilledMidBulkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAIL = "SendPipelineExecutionStepFailure";

    @TempDir
    Path dataDir;

    @Test
    void everyDecisionIsOnRecordOrNotSentAndRecoverSettlesThemAfterTheRestart() throws Exception {
        TestPostgres server = TestPostgres.startWithFsync();
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            String url = server.jdbcUrl("postgres").replace("/postgres", "/" + databaseName(server))
                    .replace("jdbc:postgresql://", "postgresql://" + TestPostgres.SUPERUSER + "@");
            for (int i = 0; i < 40; i++) {
                sandbox.simulator().startExecution("manual-approval", Map.of());
            }
            AtomicInteger calls = new AtomicInteger();
            sandbox.simulator().faults().beforeApply(FAIL, body -> {
                if (calls.incrementAndGet() == 12) {
                    server.crash();
                }
            });

            Run bulk = run(sandbox, "fail", "--pipeline", "manual-approval", "--reason", "Rolled back by the runbook",
                    "--yes", "--concurrency", "2", "--history", url);

            assertThat(server.isRunning()).as("the server was killed mid-run").isFalse();
            assertThat(bulk.exitCode()).as(bulk.stdout() + bulk.stderr()).isNotZero();
            server.restart();
            String database = server.jdbcUrl(databaseName(server));
            Map<String, String> intents = intents(database); // request token -> callback token
            List<RecordedCall> sent = sandbox.simulator().callsTo(FAIL);
            assertThat(sent).hasSizeGreaterThanOrEqualTo(12);
            for (RecordedCall call : sent) {
                JsonNode body = JSON.readTree(call.requestBody());
                assertThat(intents).as("a call without an intent on record").containsEntry(
                        body.get("ClientRequestToken").asText(), body.get("CallbackToken").asText());
            }
            long unsettled = unsettled(database);
            assertThat(unsettled).as("decisions the crash left without an outcome").isPositive();
            assertThat(intents.values()).as("one decision per token").doesNotHaveDuplicates();

            sandbox.simulator().faults().clear();
            Run recover = run(sandbox, "recover", "--history", url);
            assertThat(recover.exitCode()).as(recover.stdout() + recover.stderr()).isZero();

            assertThat(unsettled(database)).as("every decision settled").isZero();
            assertThat(latestOutcomes(database)).as("each accepted, once per request token")
                    .hasSize(intents.size()).containsOnly("ACCEPTED");
            Map<String, String> requestTokenOf = new HashMap<>();
            for (RecordedCall call : sandbox.simulator().callsTo(FAIL)) {
                JsonNode body = JSON.readTree(call.requestBody());
                String previous = requestTokenOf.putIfAbsent(body.get("CallbackToken").asText(),
                        body.get("ClientRequestToken").asText());
                assertThat(previous == null || previous.equals(body.get("ClientRequestToken").asText()))
                        .as("a repeat uses the decision's own request token").isTrue();
                assertThat(intents).containsKey(body.get("ClientRequestToken").asText());
            }
            Run verify = run(sandbox, "verify", "--history", url);
            assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        } finally {
            server.stop();
        }
    }

    private static String databaseName(TestPostgres server) {
        // One database for the test, made on first use; its name is the server's port, so both calls agree.
        String name = "killed_mid_bulk_" + server.port();
        try (Connection c = server.superuser("postgres"); Statement s = c.createStatement();
             ResultSet exists = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            if (!exists.next()) {
                s.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    private static Map<String, String> intents(String database) throws SQLException {
        Map<String, String> intents = new HashMap<>();
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT client_request_token, callback_token FROM submission_event"
                     + " WHERE kind = 'INTENT'")) {
            while (rows.next()) {
                intents.put(rows.getString(1), rows.getString(2));
            }
        }
        return intents;
    }

    /** Intents whose latest outcome is missing or UNKNOWN. */
    private static long unsettled(String database) throws SQLException {
        return latestOutcomes(database).stream().filter(o -> o == null || o.equals("UNKNOWN")).count();
    }

    private static List<String> latestOutcomes(String database) throws SQLException {
        List<String> outcomes = new ArrayList<>();
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT (SELECT o.outcome FROM submission_event o WHERE o.intent_seq ="
                     + " i.seq ORDER BY o.seq DESC LIMIT 1) FROM submission_event i WHERE i.kind = 'INTENT'")) {
            while (rows.next()) {
                outcomes.add(rows.getString(1));
            }
        }
        return outcomes;
    }

    private Run run(Sandbox sandbox, String... args) throws IOException, InterruptedException {
        ConsoleProcess console = ConsoleProcess.console(args);
        if (!args[0].equals("verify")) {
            console.args("--data-dir", dataDir.toString()).sandboxConnection(sandbox);
        }
        return console.postgresPassword(TestPostgres.SUPERUSER_PASSWORD, dataDir.resolve("no-pgpass")).home(dataDir)
                .sandboxCredentials().run(dataDir, Duration.ofSeconds(120));
    }
}
