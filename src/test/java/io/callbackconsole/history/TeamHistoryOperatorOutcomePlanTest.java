package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the decision table filtered by operator and outcome on a team history of 100 000 decisions (vacuumed
 * and analysed, as autovacuum leaves a table), seven operators taking turns, one decision in ten REFUSED. The count
 * walked every outcome row of the kind, reading each row and its intent and looking up whether it was its
 * decision's latest (at 1 000 000 rows ~500 ms for 2 001 of one operator's). Schema 7 indexes intents by operator
 * and gives each intent's latest outcome from the intent_seq index: both are read index-only, no row at all.
 */
class TeamHistoryOperatorOutcomePlanTest {
    private static final int DECISIONS = 100_000;
    private static Connection c;

    /** Decision n (intent {@code 2n - 1}, outcome {@code 2n}) is operator {@code op(n % 7)}'s; REFUSED when n % 10 = 3. */
    @BeforeAll
    static void fill() throws SQLException {
        String database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        c = TestPostgres.superuserOn(database);
        PlanTestDecisions.rows(2 * DECISIONS)
                .operator("'op' || (((g + 1) / 2) % 7)")
                .outcome("CASE WHEN (g / 2) % 10 = 3 THEN 'REFUSED' ELSE 'ACCEPTED' END").insertInto(c);
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE submission_event");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    @Test
    void anOperatorsDecisionsOfAnOutcomeAreCountedAndPagedFromIndexesAlone() throws SQLException {
        AuditFilter refused = new AuditFilter(null, null, null, "op3", null, "REFUSED", null);
        DecisionQueries decisions = decisions();
        AuditWhere where = decisions.where(c, refused);

        String countPlan = QueryPlans.plan(c, decisions.countSelect(refused, where, true), where,
                (long) AuditLog.ROWS_COUNTED_FIRST);
        assertThat(countPlan).as("the operator's intents walked, each one's latest outcome from the intent_seq index")
                .contains("Index Only Scan using submission_event_intent_operator_time")
                .contains("Index Only Scan Backward using submission_event_intent_seq")
                .doesNotContain("submission_event_outcome_time").doesNotContain("Hash");
        String pagePlan = QueryPlans.plan(c, decisions.pageSelect(refused, DecisionSort.NEWEST_FIRST, where), where,
                100, 0L);
        assertThat(pagePlan).as("the page's intents chosen walking the operator's intents newest first")
                .contains("Index Only Scan Backward using submission_event_intent_operator_time")
                .contains("Index Only Scan Backward using submission_event_intent_seq")
                .doesNotContain("submission_event_outcome_time");

        // n % 7 = 3 and n % 10 = 3: every 70th decision from the 3rd.
        assertThat(decisions.countUpTo(c, refused, -1)).isEqualTo(1_429);
        assertThat(decisions.countUpTo(c, refused, 1_000)).isEqualTo(1_000);
        assertThat(QueryPlans.intentSeqs(decisions.page(c, refused, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainIntentSeqs("op3", "REFUSED", 100));
        AuditFilter accepted = new AuditFilter(null, null, null, "op3", null, "ACCEPTED", null);
        assertThat(decisions.countUpTo(c, accepted, AuditLog.ROWS_COUNTED_FIRST)).isEqualTo(AuditLog.ROWS_COUNTED_FIRST);
        assertThat(QueryPlans.intentSeqs(decisions.page(c, accepted, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainIntentSeqs("op3", "ACCEPTED", 100));
    }

    @Test
    void anOperatorsRowsOfAnOutcomeAreCountedAndPagedFromTheirIndex() throws SQLException {
        AuditFilter refused = new AuditFilter(null, null, null, "op3", null, "REFUSED", null);
        EventQueries events = new EventQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
        AuditWhere where = events.where(refused);
        assertThat(QueryPlans.plan(c, "SELECT count(*) FROM (SELECT 1 FROM submission_event" + where.sql()
                + " LIMIT ?) m", where, (long) AuditLog.ROWS_COUNTED_FIRST))
                .contains("Index Only Scan using submission_event_operator_outcome_time").doesNotContain("BitmapAnd");
        assertThat(QueryPlans.plan(c, events.pageSelect(c, refused, AuditSort.NEWEST_FIRST, where), where, 100, 0L))
                .contains("Index Scan Backward using submission_event_operator_outcome_time").doesNotContain("Sort");
        assertThat(events.countUpTo(c, refused, AuditLog.ROWS_COUNTED_FIRST)).isEqualTo(1_429);
        assertThat(events.page(c, refused, AuditSort.NEWEST_FIRST, 0, 100))
                .extracting(r -> Long.parseLong(r.get(AuditColumn.INTENT_SEQ)))
                .isEqualTo(plainIntentSeqs("op3", "REFUSED", 100));
    }

    private static DecisionQueries decisions() {
        return new DecisionQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
    }

    private static List<Long> plainIntentSeqs(String operator, String outcome, int limit) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT o.intent_seq FROM submission_event o JOIN"
                + " submission_event i ON i.seq = o.intent_seq WHERE i.operator = ? AND o.outcome = ?"
                + " ORDER BY o.intent_seq DESC LIMIT " + limit)) {
            select.setString(1, operator);
            select.setString(2, outcome);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
        }
        return seqs;
    }
}
