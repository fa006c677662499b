package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the decision table filtered by outcome on a team history of 100 000 decisions (analysed), 1 % of
 * them REFUSED. Joined as SQLite's query is written, PostgreSQL hashed every intent with the look-up of its latest
 * outcome to join the few outcome rows of that kind: 525 ms for the first count and 808 ms for the first page, where
 * walking takes 12 and 60. Both must walk, and give the decisions a plain query gives.
 */
class TeamHistoryOutcomeFilterPlanTest {
    private static final int DECISIONS = 100_000;
    private static Connection c;

    /**
     * Intent {@code 2n - 1} and its one outcome {@code 2n}: REFUSED for every 97th decision, ACCEPTED otherwise.
     * Written in SQL ({@link PlanTestDecisions}).
     */
    @BeforeAll
    static void fill() throws SQLException {
        String database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        c = TestPostgres.superuserOn(database);
        PlanTestDecisions.rows(2 * DECISIONS)
                .outcome("CASE WHEN (g / 2) % 97 = 0 THEN 'REFUSED' ELSE 'ACCEPTED' END").insertInto(c);
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    @Test
    void aRareOutcomeIsCountedFromItsOutcomeRowsAndPagedByWalkingTheIntents() throws SQLException {
        AuditFilter refused = outcome("REFUSED");
        DecisionQueries decisions = decisions();
        AuditWhere where = decisions.where(c, refused);

        String countPlan = QueryPlans.plan(c, decisions.countSelect(refused, where, true), where,
                (long) AuditLog.ROWS_COUNTED_FIRST);
        assertThat(countPlan).as("the REFUSED outcome rows walked, each intent looked up by seq")
                .contains("submission_event_outcome_time").doesNotContain("Hash Join");
        String pagePlan = QueryPlans.plan(c, decisions.pageSelect(refused, DecisionSort.NEWEST_FIRST, where), where,
                100, 0L);
        assertThat(pagePlan).as("intents walked in time order, each with its latest outcome")
                .contains("submission_event_intent_time").doesNotContain("Hash Join");

        assertThat(decisions.countUpTo(c, refused, AuditLog.ROWS_COUNTED_FIRST)).isEqualTo(DECISIONS / 97);
        assertThat(QueryPlans.intentSeqs(decisions.page(c, refused, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainIntentSeqs("REFUSED", 100));
    }

    @Test
    void aCommonOutcomeStopsAtItsPage() throws SQLException {
        AuditFilter accepted = outcome("ACCEPTED");
        DecisionQueries decisions = decisions();
        AuditWhere where = decisions.where(c, accepted);
        assertThat(QueryPlans.plan(c, decisions.pageSelect(accepted, DecisionSort.NEWEST_FIRST, where), where, 100, 0L))
                .contains("submission_event_intent_time").doesNotContain("Hash Join");
        assertThat(QueryPlans.intentSeqs(decisions.page(c, accepted, DecisionSort.NEWEST_FIRST, 0, 100)))
                .isEqualTo(plainIntentSeqs("ACCEPTED", 100));
        assertThat(decisions.countUpTo(c, accepted, AuditLog.ROWS_COUNTED_FIRST))
                .isEqualTo(AuditLog.ROWS_COUNTED_FIRST);
    }

    private static DecisionQueries decisions() {
        return new DecisionQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
    }

    private static AuditFilter outcome(String outcome) {
        return new AuditFilter(null, null, null, null, null, outcome, null);
    }


    private static List<Long> plainIntentSeqs(String outcome, int limit) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT intent_seq FROM submission_event WHERE outcome = ?"
                + " ORDER BY intent_seq DESC LIMIT " + limit)) {
            select.setString(1, outcome);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    seqs.add(rows.getLong(1));
                }
            }
        }
        return seqs;
    }
}
