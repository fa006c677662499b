package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The many rows a plan test needs, written in SQL by one {@code INSERT … SELECT} over {@code generate_series} and
 * analysed: row {@code 2n - 1} is decision n's intent (FAIL, token {@code T} and n's intent seq, a long reason), row
 * {@code 2n} its one outcome. A plan test needs many rows, not their hashes (each is an md5 of its seq, twice).
 */
final class PlanTestDecisions {
    private final int rows;
    private String secondsOfRow = "g";
    private String outcome = "'ACCEPTED'";
    private String errorMessage = "NULL";
    private String operator = "'alice'";

    private PlanTestDecisions(int rows) {
        this.rows = rows;
    }

    /** {@code rows} rows, half intents and half outcomes; one row a second, every outcome ACCEPTED. */
    static PlanTestDecisions rows(int rows) {
        return new PlanTestDecisions(rows);
    }

    /** {@code perSecond} rows share each second of {@code recorded_at}, so times tie as in a busy team. */
    PlanTestDecisions sharingEachSecond(int perSecond) {
        secondsOfRow = "(g / " + perSecond + ")";
        return this;
    }

    /** The outcome rows' outcome: an SQL expression of the row's seq {@code g}. */
    PlanTestDecisions outcome(String sqlOfG) {
        outcome = sqlOfG;
        return this;
    }

    /** The outcome rows' error message: an SQL expression of the row's seq {@code g}. */
    PlanTestDecisions errorMessage(String sqlOfG) {
        errorMessage = sqlOfG;
        return this;
    }

    /** Every row's operator: an SQL expression of the row's seq {@code g}. */
    PlanTestDecisions operator(String sqlOfG) {
        operator = sqlOfG;
        return this;
    }

    void insertInto(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO submission_event (seq, recorded_at, kind, intent_seq, client_request_token, action,
                        callback_token, reason, operator, connection, console_version, outcome, error_message, hash)
                    SELECT g, to_char(timestamp '2026-01-01' + %s * interval '1 second',
                                      'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                           CASE WHEN g %% 2 = 1 THEN 'INTENT' ELSE 'OUTCOME' END,
                           CASE WHEN g %% 2 = 0 THEN g - 1 END,
                           'request-token-' || lpad((g - 1 + g %% 2)::text, 12, '0') || '-0123456789abcdef', 'FAIL',
                           'T' || lpad((g - 1 + g %% 2)::text, 9, '0'),
                           CASE WHEN g %% 2 = 1 THEN 'drift in feature ' || g || repeat(' as the runbook says', 20) END,
                           %s, 'sandbox', 'test',
                           CASE WHEN g %% 2 = 0 THEN %s END,
                           CASE WHEN g %% 2 = 0 THEN %s END,
                           md5(g::text) || md5(g::text)
                      FROM generate_series(1, %d) g""".formatted(secondsOfRow, operator, outcome, errorMessage,
                              rows));
            s.execute("ANALYZE submission_event");
        }
    }
}
