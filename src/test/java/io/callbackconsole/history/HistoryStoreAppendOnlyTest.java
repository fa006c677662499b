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
}
