package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of a free-text decision search in an SQLite history. The decisions of every match used to be collected
 * first, each match looked up in the table: for a common word that is every row (at 100 000 decisions 216–245 ms a
 * first count and page; walking the intents in the page's order, 33). A word with many matches must be walked, one
 * with few looked up by seq, and both must give the decisions a plain reading gives.
 */
class DecisionSearchPlanTest {
    private static final int DECISIONS = 3_000;

    @TempDir
    Path dir;
    private Connection c;

    /**
     * Every intent's reason has "quality" (the sample reason), every outcome "req-N" in its request id (ACCEPTED);
     * each token is {@code T} and its number in nine digits, so "T000001234" is one decision.
     */
    @BeforeEach
    void fill() throws SQLException {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION)) {
            Instant at = SampleSubmissions.MORNING;
            JournalBatch batch = new JournalBatch();
            for (int j = 0; j < DECISIONS; j++) {
                Submission decision = SampleSubmissions.decision(String.format("T%09d", j),
                        String.format("request-token-%012d-0123456789abcdef", j), at.plusSeconds(j));
                batch.intent(decision, "ManualReview");
                batch.outcome(decision.requestToken(), new Outcome.Accepted(decision.executionArn().value(),
                        "req-" + j), at.plusSeconds(j).plusMillis(1));
            }
            store.append(batch);
        }
        c = AuditReaders.connect(file, HistoryOptions.defaults());
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void aWordInEveryIntentIsFoundByWalkingTheIntentsInThePagesOrder() throws SQLException {
        assertWalked(text("quality"));
    }

    @Test
    void aWordInEveryOutcomeIsFoundByWalkingTheIntentsAndLookingAtTheirOutcomes() throws SQLException {
        assertWalked(text("req"));
    }

    @Test
    void aTokensFewMatchesAreLookedUpBySeq() throws SQLException {
        AuditFilter token = text("T000001234");
        DecisionQueries decisions = decisions();
        assertThat(plan(decisions, token)).as("the matches collected, their intents looked up by seq and sorted")
                .contains("SEARCH m USING INTEGER PRIMARY KEY").contains("USE TEMP B-TREE FOR ORDER BY")
                .doesNotContain("SCAN i USING COVERING INDEX submission_event_intent_time");
        assertThat(QueryPlans.intentSeqs(decisions.page(c, token, DecisionSort.NEWEST_FIRST, 0, 100)))
                .containsExactly(2L * 1234 + 1);
    }

    @Test
    void aSearchAloneIsCountedFromItsMatchesWithoutWalkingTheIntents() throws SQLException {
        AuditFilter common = text("req");
        DecisionQueries decisions = decisions();
        List<Object> parameters = new java.util.ArrayList<>();
        String count = decisions.textOnlyCountSelect(common, parameters, true);
        parameters.add((long) AuditLog.ROWS_COUNTED_FIRST);
        assertThat(plan(count, parameters)).as("the matches' decisions, each counted once")
                .contains("SEARCH m USING INTEGER PRIMARY KEY").doesNotContain("submission_event_intent_time");
        assertThat(decisions.countUpTo(c, common, AuditLog.ROWS_COUNTED_FIRST)).isEqualTo(AuditLog.ROWS_COUNTED_FIRST);
        assertThat(decisions.countUpTo(c, text("T000001234"), AuditLog.ROWS_COUNTED_FIRST))
                .as("a token's intent and outcome are one decision").isEqualTo(1);
    }

    @Test
    void anOperatorsOutcomeIsCountedFromTheOperatorsIntentsAndTheLatestOutcomeIndex() throws SQLException {
        AuditFilter accepted = new AuditFilter(null, null, null, "alice", null, "ACCEPTED", null);
        DecisionQueries decisions = decisions();
        AuditWhere where = decisions.where(c, accepted);
        List<Object> parameters = new java.util.ArrayList<>(where.parameters());
        parameters.add((long) AuditLog.ROWS_COUNTED_FIRST);
        assertThat(plan(decisions.countSelect(accepted, where, true), parameters))
                .as("the operator's intents walked, each one's latest outcome read from the intent_seq index alone")
                .contains("SEARCH i USING COVERING INDEX submission_event_intent_operator_time (operator=?)")
                .contains("SEARCH submission_event USING COVERING INDEX submission_event_intent_seq (intent_seq=?)")
                .doesNotContain("submission_event_outcome_time");
        assertThat(decisions.countUpTo(c, accepted, -1)).isEqualTo(DECISIONS);
        assertThat(decisions.countUpTo(c, new AuditFilter(null, null, null, "alice", null, "REFUSED", null), -1))
                .isZero();
    }

    private String plan(String select, List<Object> parameters) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN QUERY PLAN " + select)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = explain.executeQuery()) {
                while (lines.next()) {
                    plan.append(lines.getString("detail")).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private void assertWalked(AuditFilter common) throws SQLException {
        DecisionQueries decisions = decisions();
        assertThat(plan(decisions, common)).as("intents walked in time order, each checked with its outcomes")
                .contains("SCAN i USING COVERING INDEX submission_event_intent_time")
                .contains("SEARCH m USING COVERING INDEX submission_event_intent_seq (intent_seq=?)")
                .doesNotContain("SEARCH m USING INTEGER PRIMARY KEY");
        // Intent seqs are odd, each followed by its outcome; the newest 100 of them.
        assertThat(QueryPlans.intentSeqs(decisions.page(c, common, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(LongStream.iterate(2L * DECISIONS - 1, seq -> seq - 2).limit(100).boxed().toList());
        assertThat(decisions.countUpTo(c, common, AuditLog.ROWS_COUNTED_FIRST)).isEqualTo(AuditLog.ROWS_COUNTED_FIRST);
        assertThat(decisions.count(c, common)).isEqualTo(DECISIONS);
    }

    private static DecisionQueries decisions() {
        return new DecisionQueries(AuditSql.SQLITE, HistorySchema.latestVersion(HistorySchema.MIGRATIONS),
                new TextMatchProbe(AuditSql.SQLITE));
    }

    private static AuditFilter text(String text) {
        return new AuditFilter(null, null, null, null, null, null, text);
    }

    private String plan(DecisionQueries decisions, AuditFilter filter) throws SQLException {
        AuditWhere where = decisions.where(c, filter);
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN QUERY PLAN "
                + decisions.pageSelect(filter, DecisionSort.NEWEST_FIRST, where))) {
            int next = where.bind(explain);
            explain.setInt(next, 100);
            explain.setLong(next + 1, 0);
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = explain.executeQuery()) {
                while (lines.next()) {
                    plan.append(lines.getString("detail")).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
