package io.callbackconsole.history;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryStore.UnsettledElsewhere;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version-3 history with decisions of two AWS connections and the sandbox gains the connection identity: every old
 * row keeps its hash, the chain stays valid, and the old rows are matched to their connection by label and region.
 */
class HistoryMigrationFromVersion3Test {
    private static final String OPS_ARN = "arn:aws:sagemaker:eu-west-1:333333333333:pipeline/p/execution/e1";
    private static final ConnectionId OPS = ConnectionId.aws("333333333333", "eu-west-1", null, "ops@eu-west-1");
    private static final ConnectionId PROD = ConnectionId.aws("111111111111", "us-east-2", null, "prod@us-east-2");

    @TempDir
    Path dir;

    @Test
    void rowsOfTwoConnectionsKeepTheirHashesAndAreScopedByLabelAndRegion() throws SQLException {
        Path file = version3File();
        try (Connection c = rawConnection(file)) {
            Version3Rows rows = new Version3Rows(c);
            rows.intent("OpsUnsettl", "ops@eu-west-1", "eu-west-1");            // 1: unsettled on ops
            rows.intent("OpsAnswerd", "ops@eu-west-1", "eu-west-1");            // 2: accepted on ops
            rows.outcome(2, "OpsAnswerd", "ops@eu-west-1", "eu-west-1", "ACCEPTED");
            rows.intent("ProdUnset1", "prod@us-east-2", "us-east-2");           // 4: unsettled on prod
            rows.intent("ProdUnset2", "prod@us-east-2", "us-east-2");           // 5: unknown on prod
            rows.outcome(5, "ProdUnset2", "prod@us-east-2", "us-east-2", "UNKNOWN");
            rows.intent("SandboxTk1", "sandbox", null);                          // 7: unsettled on the sandbox
        }
        Map<Long, String> hashesBefore = hashes(file);

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            assertThat(store.unsettledSubmissions(OPS)).extracting(s -> s.token().value())
                    .containsExactly("OpsUnsettl");
            assertThat(store.unsettledSubmissions(PROD)).extracting(s -> s.token().value())
                    .containsExactly("ProdUnset1", "ProdUnset2");
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).extracting(s -> s.token().value())
                    .containsExactly("SandboxTk1");
            assertThat(store.unsettledSubmissions(ConnectionId.aws("333333333333", "us-east-2", null,
                    "ops@us-east-2"))).as("another region of the same profile").isEmpty();
            assertThat(store.answered(CallbackToken.of("OpsAnswerd"), OPS)).isTrue();
            assertThat(store.answered(CallbackToken.of("OpsAnswerd"), PROD)).isFalse();
            assertThat(store.unsettledElsewhere(OPS)).containsExactly(
                    new UnsettledElsewhere(ConnectionId.aws(null, "us-east-2", null, "prod@us-east-2"), 2),
                    new UnsettledElsewhere(ConnectionId.sandbox(), 1));
            assertThat(store.unsettledSubmissions(OPS).get(0).connection().describe())
                    .isEqualTo("ops@eu-west-1 (account unknown)");

            // Settling an old decision after the migration, and a new decision, with NOT_SENT now allowed.
            ClientRequestToken old = store.unsettledSubmissions(OPS).get(0).requestToken();
            store.recordOutcome(old, new Outcome.Accepted(OPS_ARN, "req-9"), Instant.now());
            assertThat(store.unsettledSubmissions(OPS)).isEmpty();
            var fresh = new io.callbackconsole.domain.Submission(new ClientRequestToken(
                    "request-after-migration-0123456789abcdef"), io.callbackconsole.domain.Action.FAIL,
                    CallbackToken.of("NewToken01"), null, io.callbackconsole.domain.FailureReason.of("bad"),
                    new io.callbackconsole.domain.Operator("alice"), PROD, MORNING);
            store.recordIntent(fresh);
            store.recordOutcome(fresh.requestToken(), new Outcome.NotSent("Cancelled", "Cancelled by alice."),
                    Instant.now());
            assertThat(store.find(old).orElseThrow().outcome()).isEqualTo(new Outcome.Accepted(OPS_ARN, "req-9"));
        }

        Map<Long, String> hashesAfter = hashes(file);
        assertThat(hashesAfter).containsAllEntriesOf(hashesBefore).hasSize(hashesBefore.size() + 3);
        try (AuditLog log = AuditLog.open(file)) {
            ChainVerification chain = log.verify();
            assertThat(chain.intact()).as(chain.summary()).isTrue();
            assertThat(chain.rowsVerified()).isEqualTo(10);
        }
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version")).isEqualTo(String.valueOf(HistoryStoreMigrationTest.LATEST));
            try (ResultSet row = s.executeQuery("SELECT connection_account, connection_region, connection_endpoint"
                    + " FROM submission_event WHERE seq = 1")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isNull();
                assertThat(row.getString(2)).isNull();
                assertThat(row.getString(3)).isNull();
            }
            try (ResultSet row = s.executeQuery("SELECT kind, connection_account, connection_region FROM"
                    + " submission_event WHERE seq = 10")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("OUTCOME");
                assertThat(row.getString(2)).as("an outcome repeats its decision's connection").isEqualTo("111111111111");
                assertThat(row.getString(3)).isEqualTo("us-east-2");
            }
            // Append-only still holds on the rebuilt table.
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> s.execute("DELETE FROM submission_event WHERE seq = 1")))
                    .hasMessageContaining("append-only");
        }
    }

    /** The counter of the highest row number is carried over, so deleting the newest rows before the migration shows. */
    @Test
    void newestRowsDeletedBeforeTheMigrationAreStillReportedMissing() throws SQLException {
        Path file = version3File();
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            Version3Rows rows = new Version3Rows(c);
            rows.intent("KeptToken1", "prod@us-east-2", "us-east-2");
            rows.intent("GoneToken1", "prod@us-east-2", "us-east-2");
            s.execute("DROP TRIGGER submission_event_no_delete");
            s.execute("DELETE FROM submission_event WHERE seq = 2");
        }
        HistoryStore.open(file, CONSOLE_VERSION).close();

        try (AuditLog log = AuditLog.open(file)) {
            ChainVerification chain = log.verify();
            assertThat(chain.intact()).isFalse();
            assertThat(chain.summary()).contains("missing");
        }
    }

    @Test
    void anEmptyVersion3HistoryMigratesAndNumbersOn() {
        Path file = version3File();
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("26vcYbeWsZ", MORNING));
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).hasSize(1);
        }
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.verify().intact()).isTrue();
        }
    }

    private Path version3File() {
        Path file = dir.resolve("history.db");
        HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(), HistorySchema.MIGRATIONS.subList(0, 3))
                .close();
        return file;
    }

    private static Map<Long, String> hashes(Path file) throws SQLException {
        Map<Long, String> hashes = new LinkedHashMap<>();
        try (Connection c = rawConnection(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq, hash FROM submission_event ORDER BY seq")) {
            while (rows.next()) {
                hashes.put(rows.getLong(1), rows.getString(2));
            }
        }
        return hashes;
    }

    /** Appends rows as a version-3 console wrote them: label and attribution region, no identity columns. */
    private static final class Version3Rows {
        private final Connection c;
        private long seq;
        private String previous = AuditChain.GENESIS;

        Version3Rows(Connection c) {
            this.c = c;
        }

        void intent(String token, String label, String region) throws SQLException {
            Map<String, Object> row = base(token, label, region);
            row.put("kind", "INTENT");
            row.put("client_request_token", "request-version-3-" + token + "-0123456789");
            row.put("reason", "written by version three");
            row.put("operator", "alice");
            append(row);
        }

        void outcome(long intentSeq, String token, String label, String region, String outcome) throws SQLException {
            Map<String, Object> row = base(token, label, region);
            row.put("kind", "OUTCOME");
            row.put("intent_seq", intentSeq);
            row.put("client_request_token", "request-version-3-" + token + "-0123456789");
            row.put("outcome", outcome);
            row.put("returned_execution_arn", "ACCEPTED".equals(outcome) ? OPS_ARN : null);
            row.put("error_code", "UNKNOWN".equals(outcome) ? "SocketTimeout" : null);
            row.put("explanation", "UNKNOWN".equals(outcome) ? "No answer." : null);
            append(row);
        }

        private Map<String, Object> base(String token, String label, String region) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", ++seq);
            row.put("recorded_at", "2025-03-01T09:00:%02d.000Z".formatted(seq));
            row.put("action", "FAIL");
            row.put("callback_token", token);
            row.put("region", region);
            row.put("profile", label.contains("@") ? label.substring(0, label.indexOf('@')) : null);
            row.put("connection", label);
            row.put("console_version", "0.3.0");
            return row;
        }

        private void append(Map<String, Object> row) throws SQLException {
            String hash = new JournalRows().hashOf(previous, row);
            JournalRows.insert(c, "submission_event", row, hash);
            previous = hash;
        }
    }
}
