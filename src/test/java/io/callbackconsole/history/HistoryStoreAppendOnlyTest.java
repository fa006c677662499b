package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's rows cannot be edited or removed, not even by a tool that bypasses the store. */
class HistoryStoreAppendOnlyTest {

    @TempDir
    Path dir;
    private Path file;
    private Submission submission;

    @BeforeEach
    void journalOneDecisionWithAnOutcome() {
        file = dir.resolve("history.db");
        submission = decision("26vcYbeWsZ", MORNING);
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(submission);
            store.recordOutcome(submission.requestToken(), new Outcome.Refused("ValidationException", "bad",
                    "Fix the reason.", "r1"), MORNING.plusSeconds(1));
        }
    }

    @Test
    void anUpdateIsRefusedByTheTrigger() throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE submission_event SET reason = 'rewritten' WHERE kind = 'INTENT'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE submission_event SET outcome = 'ACCEPTED' WHERE kind = 'OUTCOME'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            HistoryEntry entry = store.find(submission.requestToken()).orElseThrow();
            assertThat(entry.submission()).isEqualTo(submission);
            assertThat(entry.outcome()).isInstanceOf(Outcome.Refused.class);
        }
    }

    @Test
    void aDeleteIsRefusedByTheTrigger() throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM submission_event WHERE kind = 'OUTCOME'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            // Without WHERE, SQLite would otherwise truncate the table without visiting rows.
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM submission_event"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void replacingARowWithItsSeqIsRefusedEvenThoughReplaceSkipsTheDeleteTrigger() throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            // REPLACE deletes the old row without firing the delete trigger (recursive_triggers is off by default).
            for (String verb : new String[] {"INSERT OR REPLACE INTO", "REPLACE INTO"}) {
                for (int seq : new int[] {1, 2}) {
                    String sql = verb + " submission_event SELECT * FROM submission_event WHERE seq = " + seq;
                    String rewritten = sql.replace("SELECT *", "SELECT seq, recorded_at, kind, intent_seq,"
                            + " client_request_token, action, callback_token, pipeline_name, execution_arn, step_name,"
                            + " 'rewritten', output_parameters, operator, caller_arn, caller_account, profile, region,"
                            + " connection, connection_account, connection_region, connection_endpoint,"
                            + " console_version, outcome, returned_execution_arn, error_code, error_message,"
                            + " explanation, request_id, hash");
                    assertThatThrownBy(() -> s.executeUpdate(rewritten)).as(rewritten)
                            .isInstanceOf(SQLException.class)
                            .hasMessageContaining("append-only: a row must extend the log");
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event WHERE reason = 'rewritten'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isZero();
            }
        }
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.verify().intact()).isTrue();
        }
    }

    @Test
    void anInsertThatDoesNotExtendTheLogIsRefused() throws SQLException {
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copy AS SELECT * FROM submission_event WHERE kind = 'INTENT'");
            s.execute("UPDATE copy SET client_request_token = 'other-tool-request-token-0123456789abcdef'");
            // Below every row, the numbers SQLite uses for "none given" and zero, and a number freed by a deletion
            // the counter still remembers.
            for (long seq : new long[] {-5, -1, 0}) {
                s.execute("UPDATE copy SET seq = " + seq);
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO submission_event SELECT * FROM copy"))
                        .as("seq %d", seq)
                        .hasMessageContaining("append-only: a row must extend the log");
            }
            s.execute("UPDATE sqlite_sequence SET seq = 9 WHERE name = 'submission_event'");
            s.execute("UPDATE copy SET seq = 7");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO submission_event SELECT * FROM copy"))
                    .hasMessageContaining("append-only: a row must extend the log");
            // The console's own way of adding a row, numbered by SQLite, still works.
            s.execute("UPDATE copy SET seq = NULL");
            assertThat(s.executeUpdate("INSERT INTO submission_event SELECT * FROM copy")).isEqualTo(1);
            try (ResultSet rows = s.executeQuery("SELECT max(seq) FROM submission_event")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(10);
            }
        }
    }
}
