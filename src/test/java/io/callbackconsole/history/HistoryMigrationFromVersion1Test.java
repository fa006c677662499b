package io.callbackconsole.history;

import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;

/** A history written by the walking skeleton (schema 1) gains the audit columns and its rows are chained. */
class HistoryMigrationFromVersion1Test {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";
    private static final String REQUEST = "request-token-for-26vcYbeWsZ-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void version1RowsAreCopiedChainedAndStillRead() throws SQLException {
        Path file = dir.resolve("history.db");
        HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(),
                List.of(HistorySchema.MIGRATIONS.get(0))).close();
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            s.execute("INSERT INTO submission_event (recorded_at, kind, client_request_token, action, callback_token,"
                    + " pipeline_name, execution_arn, reason, operator, connection, console_version) VALUES"
                    + " ('2025-01-02T03:04:05.678Z', 'INTENT', '" + REQUEST + "', 'FAIL', '26vcYbeWsZ',"
                    + " 'callback-pipeline', '" + ARN + "', 'Drift, \"bad\" data', 'bob', 'ops@eu-west-1', '0.1.0')");
            s.execute("INSERT INTO submission_event (recorded_at, kind, intent_seq, client_request_token, action,"
                    + " callback_token, pipeline_name, execution_arn, connection, console_version, outcome,"
                    + " returned_execution_arn, request_id) VALUES ('2025-01-02T03:04:06.000Z', 'OUTCOME', 1, '"
                    + REQUEST + "', 'FAIL', '26vcYbeWsZ', 'callback-pipeline', '" + ARN + "', 'ops@eu-west-1',"
                    + " '0.1.0', 'ACCEPTED', '" + ARN + "', 'req-1')");
        }

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            HistoryEntry entry = store.find(new ClientRequestToken(REQUEST)).orElseThrow();
            assertThat(entry.submission().reason().text()).isEqualTo("Drift, \"bad\" data");
            assertThat(entry.outcome()).isEqualTo(new Outcome.Accepted(ARN, "req-1"));
        }
        try (AuditLog log = AuditLog.open(file)) {
            ChainVerification result = log.verify();
            assertThat(result.intact()).as(result.summary()).isTrue();
            assertThat(result.rowsVerified()).isEqualTo(2);
        }
        try (Connection c = rawConnection(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq, intent_seq, profile, region, caller_arn, hash"
                     + " FROM submission_event ORDER BY seq")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("profile")).isEqualTo("ops");
            assertThat(rows.getString("region")).isEqualTo("eu-west-1");
            assertThat(rows.getString("caller_arn")).isNull();
            assertThat(rows.getString("hash")).hasSize(64);
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong("intent_seq")).isEqualTo(1);
            assertThat(rows.next()).isFalse();
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version"))
                    .isEqualTo(String.valueOf(HistoryStoreMigrationTest.LATEST));
        }
    }
}
