package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of a free-text search on a team history of 100 000 rows (analysed, as autovacuum leaves a real one).
 * PostgreSQL estimates every prefix search at 2 % of the rows, so a token's few matches were found by walking the
 * time index through the whole table (268 ms p95 at 200 000 rows), and a decision search joined every intent: a
 * search with few matches must read them from the GIN index, one with many must still stop at its page, and both
 * must give the rows a plain query gives.
 */
class TeamHistorySearchPlanTest {
    private static final int ROWS = 100_000;
    private static String database;
    private static Connection c;

    /**
     * Odd seqs are intents (token {@code T} and the seq in 9 digits, "drift" in every reason), even ones their
     * outcomes; every other outcome is REFUSED with "quality gate" in its message, so "quality" matches 5 000 rows, all
     * outcomes. Reasons as long as operators write them, so the table has as many pages as a real one of its rows.
     * Written in SQL ({@link PlanTestDecisions}).
     */
    @BeforeAll
    static void fill() throws SQLException {
        database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        c = TestPostgres.superuserOn(database);
        PlanTestDecisions.rows(ROWS).outcome("CASE WHEN g % 4 = 0 THEN 'REFUSED' ELSE 'ACCEPTED' END")
                .errorMessage("CASE WHEN g % 4 = 0 THEN 'quality gate' END").insertInto(c);
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    @Test
    void aTokensFewMatchesAreReadFromTheSearchIndexNotByWalkingEveryRow() throws SQLException {
        AuditFilter token = text("T00001234"); // T000012340 … T000012349: 10 decisions, 20 rows
        EventQueries events = events();
        String plan = eventPlan(events, token);
        assertThat(plan).contains("submission_event_search_words").doesNotContain("submission_event_recorded_at");
        assertThat(seqs(events.page(c, token, AuditSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainSeqs("callback_token LIKE 'T00001234%'", 100));

        DecisionQueries decisions = decisions();
        String decisionPlan = decisionPlan(decisions, token);
        assertThat(decisionPlan).as("the 10 intents looked up by seq, not every intent hashed")
                .contains("submission_event_pkey").doesNotContain("Hash Join");
        assertThat(QueryPlans.intentSeqs(decisions.page(c, token, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainSeqs("kind = 'INTENT' AND callback_token LIKE 'T00001234%'", 100));
    }

    @Test
    void aCommonWordStillStopsAtItsPageAndFindsDecisionsByTheirOutcomes() throws SQLException {
        AuditFilter common = text("quality");
        EventQueries events = events();
        assertThat(eventPlan(events, common)).contains("submission_event_recorded_at");
        assertThat(seqs(events.page(c, common, AuditSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainSeqs("error_message = 'quality gate'", 100));

        DecisionQueries decisions = decisions();
        assertThat(decisionPlan(decisions, common)).as("intents walked in time order, each checked with its outcomes")
                .contains("submission_event_intent_time").doesNotContain("Hash Join");
        assertThat(QueryPlans.intentSeqs(decisions.page(c, common, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(LongStream.iterate(ROWS - 1, seq -> seq - 4).limit(100).boxed().toList());
        assertThat(decisions.countUpTo(c, common, AuditLog.ROWS_COUNTED_FIRST)).isEqualTo(AuditLog.ROWS_COUNTED_FIRST);
        assertThat(decisions.count(c, common)).isEqualTo(ROWS / 4);
    }

    private static EventQueries events() {
        return new EventQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
    }

    private static DecisionQueries decisions() {
        return new DecisionQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
    }

    private static AuditFilter text(String text) {
        return new AuditFilter(null, null, null, null, null, null, text);
    }

    private static String eventPlan(EventQueries events, AuditFilter filter) throws SQLException {
        AuditWhere where = events.where(filter);
        return QueryPlans.plan(c, events.pageSelect(c, filter, AuditSort.NEWEST_FIRST, where), where, 100, 0L);
    }

    private static String decisionPlan(DecisionQueries decisions, AuditFilter filter) throws SQLException {
        AuditWhere where = decisions.where(c, filter);
        return QueryPlans.plan(c, decisions.pageSelect(filter, DecisionSort.NEWEST_FIRST, where), where, 100, 0L);
    }


    private static List<Long> plainSeqs(String condition, int limit) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT seq FROM submission_event"
                + " WHERE " + condition + " ORDER BY recorded_at DESC, seq DESC LIMIT " + limit)) {
            while (rows.next()) {
                seqs.add(rows.getLong(1));
            }
        }
        return seqs;
    }

    private static List<Long> seqs(List<AuditRecord> records) {
        return records.stream().map(r -> Long.parseLong(r.get(AuditColumn.SEQ))).toList();
    }
}
