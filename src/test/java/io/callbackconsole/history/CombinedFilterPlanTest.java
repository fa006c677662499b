package io.callbackconsole.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plans of filters that combine, in an SQLite history (schema 7's indexes): the raw rows of one operator and
 * outcome are read from the index of outcome rows by both, in time order (one of two indexes was walked, every row
 * read to check the other: at 1 000 000 rows ~40 000 rows read for a count of 2 001); a pipeline's decisions from
 * the index of intents by pipeline. Each gives the rows a plain reading gives.
 */
class CombinedFilterPlanTest {
    private static final int DECISIONS = 3_000;

    @TempDir
    Path dir;
    private Connection c;

    /** Decision j (alice's, both rows): REFUSED when j % 10 = 3, ACCEPTED otherwise. */
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
                batch.outcome(decision.requestToken(), j % 10 == 3
                        ? new Outcome.Refused("ResourceNotFound", "not found", "No longer waiting.", "req-" + j)
                        : new Outcome.Accepted(decision.executionArn().value(), "req-" + j),
                        at.plusSeconds(j).plusMillis(1));
            }
            store.attributeTo(new Attribution(new Operator("alice"), null, null, null));
            store.append(batch);
        }
        c = AuditReaders.connect(file, HistoryOptions.defaults());
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void anOperatorsRowsOfAnOutcomeAreReadFromTheirIndexInTimeOrder() throws SQLException {
        AuditFilter refused = new AuditFilter(null, null, null, "alice", null, "REFUSED", null);
        EventQueries events = new EventQueries(AuditSql.SQLITE, HistorySchema.latestVersion(HistorySchema.MIGRATIONS),
                new TextMatchProbe(AuditSql.SQLITE));
        AuditWhere where = events.where(refused);
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(100);
        parameters.add(0L);
        assertThat(plan(events.pageSelect(c, refused, AuditSort.NEWEST_FIRST, where), parameters))
                .contains("SEARCH submission_event USING INDEX submission_event_operator_outcome_time"
                        + " (operator=? AND outcome=?)")
                .doesNotContain("TEMP B-TREE");
        List<AuditRecord> page = events.page(c, refused, AuditSort.NEWEST_FIRST, 0, 100);
        assertThat(page).extracting(r -> r.get(AuditColumn.OUTCOME)).containsOnly("REFUSED");
        // Outcome seqs are even, 2j + 2 for decision j; the newest REFUSED is j = 2993.
        assertThat(Long.parseLong(page.get(0).get(AuditColumn.SEQ))).isEqualTo(2L * 2993 + 2);
        assertThat(Long.parseLong(page.get(1).get(AuditColumn.SEQ))).isEqualTo(2L * 2983 + 2);
        assertThat(events.countUpTo(c, refused, 10_000)).isEqualTo(DECISIONS / 10);
    }

    @Test
    void aPipelinesDecisionsAreWalkedFromTheIndexOfIntentsByPipeline() throws SQLException {
        AuditFilter pipeline = new AuditFilter(null, null, "callback-pipeline", null, null, null, null);
        DecisionQueries decisions = new DecisionQueries(AuditSql.SQLITE,
                HistorySchema.latestVersion(HistorySchema.MIGRATIONS), new TextMatchProbe(AuditSql.SQLITE));
        AuditWhere where = decisions.where(c, pipeline);
        List<Object> parameters = new ArrayList<>(where.parameters());
        parameters.add(100);
        parameters.add(0L);
        assertThat(plan(decisions.pageSelect(pipeline, DecisionSort.NEWEST_FIRST, where), parameters))
                .contains("submission_event_intent_pipeline_time (pipeline_name=?)")
                .doesNotContain("submission_event_pipeline_time");
        assertThat(decisions.countUpTo(c, pipeline, -1)).isEqualTo(DECISIONS);
        assertThat(QueryPlans.intentSeqs(decisions.page(c, pipeline, DecisionSort.NEWEST_FIRST, 0, 2)))
                .containsExactly(2L * DECISIONS - 1, 2L * DECISIONS - 3);
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
}
