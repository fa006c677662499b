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
 * The plans of the exports of a whole team history, newest first (analysed, as autovacuum leaves a real one). Every
 * time order is recorded_at then seq; with an index on recorded_at alone PostgreSQL walked it and sorted each run of
 * equal times by seq (an Incremental Sort over 1 000 000 rows for the raw export). The time indexes carry seq (team
 * schema 6), so the exports walk them in their order and sort nothing, and still give the rows in that order.
 */
class TeamHistoryExportPlanTest {
    private static final int ROWS = 40_000;
    private static Connection c;

    /** Odd seqs are intents, even ones their outcomes; four rows share each second, so times tie as in a busy team. */
    @BeforeAll
    static void fill() throws SQLException {
        String database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        c = TestPostgres.superuserOn(database);
        PlanTestDecisions.rows(ROWS).sharingEachSecond(4).insertInto(c);
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    @Test
    void theRawExportWalksTheTimeIndexAndSortsNothing() throws SQLException {
        EventQueries events = new EventQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
        AuditFilter everything = AuditFilter.everything();
        String select = events.exportSelect(c, everything, AuditSort.NEWEST_FIRST);
        assertThat(QueryPlans.plan(c, select, events.where(everything)))
                .startsWith("Index Scan Backward using submission_event_recorded_at").doesNotContain("Sort");
        assertThat(seqs(select, AuditColumn.SEQ.ordinal() + 1)).isEqualTo(LongStream.iterate(ROWS, seq -> seq - 1).limit(ROWS).boxed()
                .toList());
    }

    @Test
    void theDecisionExportWalksTheIntentTimeIndexAndSortsNothing() throws SQLException {
        DecisionQueries decisions = new DecisionQueries(AuditSql.POSTGRES, TeamHistorySchema.MIGRATIONS.size(),
                new TextMatchProbe(AuditSql.POSTGRES));
        AuditFilter everything = AuditFilter.everything();
        for (String select : List.of(decisions.exportSelect(everything, DecisionSort.NEWEST_FIRST),
                decisions.exportSelectOfMany(everything, DecisionSort.NEWEST_FIRST))) {
            // Only an intent's own few outcomes may be sorted (the latest one's look-up), never the intents.
            String plan = QueryPlans.plan(c, select, decisions.where(everything));
            assertThat(plan).contains("Index Scan Backward using submission_event_intent_time on submission_event i")
                    .doesNotContain("Incremental Sort");
            assertThat(plan.lines().findFirst().orElseThrow()).doesNotContain("Sort");
            assertThat(seqs(select, DecisionColumn.INTENT_SEQ.ordinal() + 1)).isEqualTo(LongStream.iterate(ROWS - 1, seq -> seq - 2).limit(ROWS / 2)
                    .boxed().toList());
        }
    }

    /** The seqs in the given column of every row the query gives, in its order. */
    private static List<Long> seqs(String select, int column) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery(select)) {
            while (rows.next()) {
                seqs.add(rows.getLong(column));
            }
        }
        return seqs;
    }
}
