package io.callbackconsole.history;

import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The hash chain: written on every insert, and verify finds every change, deletion and insertion made behind it. */
class HistoryChainTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";

    @TempDir
    Path dir;
    private Path file;

    /** Three decisions, each with an outcome: seq 1..6, intents odd, outcomes even. */
    @BeforeEach
    void journalThreeDecisions() {
        file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.attributeTo(new Attribution(new Operator("alice"),
                    new CallerIdentity("arn:aws:sts::012345678901:assumed-role/Ops/alice", "012345678901"),
                    "ops", "us-east-2"));
            String[] tokens = {"26vcYbeWsZ", "Tok2aaaaaa", "Tok3bbbbbb"};
            for (int i = 0; i < tokens.length; i++) {
                Submission s = decision(tokens[i], MORNING.plusSeconds(i * 60L));
                store.recordIntent(s);
                store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + i), MORNING.plusSeconds(i * 60L + 1));
            }
        }
    }

    private ChainVerification verify() {
        try (AuditLog log = AuditLog.open(file)) {
            return log.verify();
        }
    }

    @Test
    void anUntouchedHistoryVerifiesWithItsHead() throws SQLException {
        ChainVerification result = verify();

        assertThat(result.intact()).isTrue();
        assertThat(result.rowsVerified()).isEqualTo(6);
        assertThat(result.headSeq()).isEqualTo(6);
        try (Connection c = rawConnection(file); Statement s = c.createStatement();
             ResultSet last = s.executeQuery("SELECT hash FROM submission_event WHERE seq = 6")) {
            assertThat(last.next()).isTrue();
            assertThat(result.headHash()).isEqualTo(last.getString(1));
        }
        assertThat(result.summary()).startsWith("6 rows verified, head 6:" + result.headHash() + "\nWitness file ")
                .endsWith("all 6 witnessed heads are on the chain; the last, 6:" + result.headHash()
                        + ", is the chain's head");
    }

    @Test
    void eachHashIsSha256OfThePreviousHashAndTheDocumentedEncoding() throws Exception {
        try (Connection c = rawConnection(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM submission_event ORDER BY seq")) {
            ResultSetMetaData meta = rows.getMetaData();
            String previous = "0".repeat(64);
            while (rows.next()) {
                TreeMap<String, String> columns = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equals("hash") && rows.getString(i) != null) {
                        columns.put(meta.getColumnName(i), rows.getString(i));
                    }
                }
                StringBuilder encoding = new StringBuilder(previous).append('\n');
                columns.forEach((name, value) -> encoding.append(name).append('=')
                        .append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append('\n'));
                String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(encoding.toString().getBytes(StandardCharsets.UTF_8)));
                assertThat(rows.getString("hash")).as("hash of seq %s", rows.getString("seq")).isEqualTo(expected);
                previous = expected;
            }
        }
    }

    @Test
    void everyRowCarriesTheAttribution() throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT kind, operator, caller_arn, caller_account, profile, region"
                     + " FROM submission_event ORDER BY seq")) {
            int n = 0;
            while (rows.next()) {
                n++;
                assertThat(rows.getString("operator")).isEqualTo("alice");
                assertThat(rows.getString("caller_arn")).isEqualTo("arn:aws:sts::012345678901:assumed-role/Ops/alice");
                assertThat(rows.getString("caller_account")).isEqualTo("012345678901");
                assertThat(rows.getString("profile")).isEqualTo("ops");
                assertThat(rows.getString("region")).isEqualTo("us-east-2");
            }
            assertThat(n).isEqualTo(6);
        }
    }

    @Test
    void aChangedRowIsFound() throws SQLException {
        tamper("UPDATE submission_event SET reason = 'Nothing to see here' WHERE seq = 3");

        ChainVerification result = verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(3);
        assertThat(result.rowsVerified()).isEqualTo(2);
        assertThat(result.problem()).contains("row seq 3").contains("does not match").contains("Tok2aaaaaa");
        assertThat(result.summary()).startsWith("The history does not verify");
    }

    @Test
    void aRowChangedWithItsOwnHashRecomputedBreaksTheNextRow() throws SQLException {
        // A forger who recomputes the changed row's hash still breaks the link to the row after it.
        tamper("UPDATE submission_event SET outcome = 'REFUSED', hash = '" + "a".repeat(64) + "' WHERE seq = 4");

        assertThat(verify().firstBadSeq()).isEqualTo(4);
    }

    @Test
    void aDeletedRowIsFound() throws SQLException {
        tamper("DELETE FROM submission_event WHERE seq = 2");

        ChainVerification result = verify();

        assertThat(result.firstBadSeq()).isEqualTo(2);
        assertThat(result.problem()).contains("rows seq 2 are missing").contains("deleted");
        assertThat(result.rowsVerified()).isEqualTo(1);
    }

    @Test
    void deletedNewestRowsAreFound() throws SQLException {
        tamper("DELETE FROM submission_event WHERE seq >= 5");

        ChainVerification result = verify();

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBadSeq()).isEqualTo(5);
        assertThat(result.problem()).contains("rows seq 5 to 6 are missing");
        assertThat(result.rowsVerified()).isEqualTo(4);
    }

    @Test
    void anInsertedRowIsFound() throws SQLException {
        tamper("INSERT INTO submission_event (recorded_at, kind, client_request_token, action, callback_token,"
                + " pipeline_name, execution_arn, reason, operator, connection, console_version, hash)"
                + " SELECT '2025-03-01T10:00:00.000Z', 'INTENT', 'forged-request-token-0123456789abcdef', action,"
                + " callback_token, pipeline_name, execution_arn, 'forged', 'mallory', connection, console_version,"
                + " '" + "b".repeat(64) + "' FROM submission_event WHERE seq = 1");

        ChainVerification result = verify();

        assertThat(result.firstBadSeq()).isEqualTo(7);
        assertThat(result.problem()).contains("row seq 7").contains("does not match");
        assertThat(result.rowsVerified()).isEqualTo(6);
    }

    @Test
    void theSqlite3ToolCannotChangeOrDeleteUnnoticed() throws Exception {
        assumeTrue(sqlite3Available(), "the sqlite3 command-line tool is not installed");
        sqlite3("DROP TRIGGER submission_event_no_update; DROP TRIGGER submission_event_no_delete;"
                + " UPDATE submission_event SET error_message = 'edited' WHERE seq = 6;");
        assertThat(verify().firstBadSeq()).isEqualTo(6);

        sqlite3("DELETE FROM submission_event WHERE seq = 6;");
        assertThat(verify().problem()).contains("rows seq 6 are missing");

        sqlite3("DELETE FROM submission_event WHERE seq = 4;");
        assertThat(verify().firstBadSeq()).isEqualTo(4);
    }

    @Test
    void theTriggersStillRefuseEditsAfterTheMigration() throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> s.executeUpdate("UPDATE submission_event SET hash = 'x' WHERE seq = 1"))
                    .hasMessageContaining("append-only");
        }
        assertThat(verify().intact()).isTrue();
    }

    private void tamper(String sql) throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_update");
            s.execute("DROP TRIGGER submission_event_no_delete");
            s.execute(sql);
        }
    }

    static boolean sqlite3Available() {
        try {
            Process p = new ProcessBuilder("sqlite3", "-version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private void sqlite3(String sql) throws Exception {
        Process p = new ProcessBuilder(List.of("sqlite3", file.toString(), sql)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sqlite3 said: %s", output).isZero();
    }
}
