package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history written at schema version 4 gains the intents' time index and keeps every row and hash. */
class HistoryMigrationFromVersion4Test {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";

    @TempDir
    Path dir;

    @Test
    void version4HistoryGainsTheDecisionIndexWithItsRowsAndHashesUnchanged() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore v4 = HistoryStore.open(file, CONSOLE_VERSION, HistoryOptions.defaults(),
                HistorySchema.MIGRATIONS.subList(0, 4))) {
            Submission retried = decision("RetryTok01", MORNING);
            v4.recordIntent(retried);
            v4.recordOutcome(retried.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out", "No answer."),
                    MORNING.plusSeconds(5));
            v4.recordOutcome(retried.requestToken(), new Outcome.Accepted(ARN, "req-1"), MORNING.plusSeconds(9));
            v4.recordIntent(decision("FlightTok1", MORNING.plusSeconds(60)));
        }
        try (Connection c = rawConnection(file)) {
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version")).isEqualTo("4");
            assertThat(indexes(c)).doesNotContain("submission_event_intent_time");
        }
        Map<Long, String> before = hashes(file);
        // An auditor's console may read a file no console has migrated yet: the decision view works without the index.
        try (AuditLog unmigrated = AuditLog.open(file, HistoryOptions.defaults().asReadOnly())) {
            assertThat(unmigrated.decisionPage(AuditFilter.everything(), DecisionSort.NEWEST_FIRST, 0, 10))
                    .extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN), DecisionRecord::attempts)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("FlightTok1", 0),
                            org.assertj.core.groups.Tuple.tuple("RetryTok01", 2));
            assertThat(unmigrated.countDecisions(new AuditFilter(null, null, null, null, null, "ACCEPTED", null)))
                    .isEqualTo(1);
        }
        try (Connection c = rawConnection(file)) {
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version")).as("reading changed nothing").isEqualTo("4");
        }

        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordOutcome(decision("FlightTok1", MORNING).requestToken(), new Outcome.Accepted(ARN, "req-2"),
                    MORNING.plusSeconds(70));
        }

        Map<Long, String> after = hashes(file);
        assertThat(after).containsAllEntriesOf(before).hasSize(before.size() + 1);
        try (Connection c = rawConnection(file); Statement s = c.createStatement()) {
            assertThat(HistoryStoreMigrationTest.pragma(c, "user_version")).isEqualTo(String.valueOf(HistoryStoreMigrationTest.LATEST));
            assertThat(indexes(c)).contains("submission_event_intent_time");
            try (ResultSet plan = s.executeQuery("EXPLAIN QUERY PLAN SELECT i.seq FROM submission_event i"
                    + " WHERE i.kind = 'INTENT' ORDER BY i.recorded_at DESC, i.seq DESC LIMIT 200 OFFSET 100")) {
                StringBuilder steps = new StringBuilder();
                while (plan.next()) {
                    steps.append(plan.getString("detail")).append('\n');
                }
                assertThat(steps.toString()).contains("submission_event_intent_time").doesNotContain("TEMP B-TREE");
            }
        }
        try (AuditLog log = AuditLog.open(file)) {
            ChainVerification chain = log.verify();
            assertThat(chain.intact()).as(chain.summary()).isTrue();
            List<DecisionRecord> decisions = log.decisionPage(AuditFilter.everything(), DecisionSort.NEWEST_FIRST,
                    0, 10);
            assertThat(decisions).extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN),
                    d -> d.get(DecisionColumn.OUTCOME), DecisionRecord::attempts).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("FlightTok1", "ACCEPTED", 1),
                    org.assertj.core.groups.Tuple.tuple("RetryTok01", "ACCEPTED", 2));
        }
    }

    private static List<String> indexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'submission_event'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
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
