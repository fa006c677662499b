package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history written at schema version 5 gains the insert triggers, and keeps every row and hash. */
class HistoryMigrationFromVersion5Test {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";
    private static final String REPLACE_FIRST_ROW = "REPLACE INTO submission_event SELECT * FROM submission_event"
            + " WHERE seq = 1";

    @TempDir
    Path dir;

    @Test
    void version5HistoryRefusesReplaceAfterTheMigrationWithItsHashesUnchanged() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore v5 = HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(),
                HistorySchema.MIGRATIONS.subList(0, 5))) {
            Submission submission = decision("ReplTok001", MORNING);
            v5.recordIntent(submission);
            v5.recordOutcome(submission.requestToken(), new Outcome.Accepted(ARN, "req-1"), MORNING.plusSeconds(3));
        }
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version")).isEqualTo("5");
            // Version 5 let REPLACE through: it deletes the old row without the delete trigger.
            assertThat(s.executeUpdate(REPLACE_FIRST_ROW)).isEqualTo(1);
        }
        Map<Long, String> before = hashes(file);

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("ReplTok002", MORNING.plusSeconds(60)));
        }

        Map<Long, String> after = hashes(file);
        assertThat(after).containsAllEntriesOf(before).hasSize(before.size() + 1);
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version")).isEqualTo(String.valueOf(HistoryStoreMigrationTest.LATEST));
            assertThatThrownBy(() -> s.executeUpdate(REPLACE_FIRST_ROW))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        try (AuditLog log = AuditLog.open(file)) {
            ChainVerification chain = log.verify();
            assertThat(chain.intact()).as(chain.summary()).isTrue();
            assertThat(chain.rowsVerified()).isEqualTo(3);
        }
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
}
