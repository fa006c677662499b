package io.callbackconsole.history;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A WHERE clause for an {@link AuditFilter} and its parameters, built only from fixed text so no filter value reaches
 * the SQL itself. For raw events the filter applies to each row; for decisions to the intent (time, pipeline,
 * operator, action), to the latest outcome (outcome), and to any of the decision's rows (free text), so a search for
 * a word of an error message finds the decision whose outcome carries it.
 */
record AuditWhere(String sql, List<Object> parameters) {
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String MATCHING_DECISIONS = "SELECT coalesce(m.intent_seq, m.seq) FROM submission_event m WHERE ";

    /** Rows of {@code submission_event}, unqualified. */
    static AuditWhere forEvents(AuditFilter filter, AuditSql sql) {
        return build(filter, "", "outcome", text -> sql.textMatch("", filter, text),
                new StringJoiner(" AND ", " WHERE ", "").setEmptyValue(""));
    }

    /**
     * Decisions: intents aliased {@code i}; the outcome filter is on each one's latest outcome, looked up by
     * {@link AuditSql#LATEST_OUTCOME} (no join needed). Always starts with {@code WHERE i.kind = 'INTENT'}.
     *
     * @param manyTextMatches whether the free text matches many rows ({@link TextMatchProbe}); true when unknown
     */
    static AuditWhere forDecisions(AuditFilter filter, AuditSql sql, boolean manyTextMatches) {
        StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "");
        conditions.add("i.kind = 'INTENT'");
        // A matching row is the intent itself or one of its outcomes: either way the decision is its intent's seq.
        // With many matches, the intents are walked in the page's order and each is checked with its outcomes (found
        // by the intent_seq index), stopping at the page: collecting the decisions of every match first looked each
        // match up (SQLite, a common word at 100 000 decisions: 130 ms a page, 13 walked). With few, the matches are
        // collected first and their intents looked up by seq (a token's 20 rows: 1 ms, 34 walked).
        String outcomes = " OR EXISTS (SELECT 1 FROM submission_event m WHERE m.intent_seq = i.seq AND ";
        TextCondition matching = sql != AuditSql.POSTGRES
                ? manyTextMatches
                        // "+": SQLite would otherwise probe the intent_seq index once per listed match, for each intent.
                        ? text -> "(" + sql.textMatch("i.", filter, text) + outcomes + sql.textMatch("+m.", filter, text)
                                + "))"
                        : text -> "i.seq IN (" + MATCHING_DECISIONS + sql.textMatch("m.", filter, text) + ")"
                // PostgreSQL estimates any search at 2 % of the rows and joined that many by hashing every intent (225
                // ms for a token's 20 rows at 200 000, 2 s for a common word): few matches are read first from the GIN
                // index into an array.
                : manyTextMatches ? text -> "(" + sql.textMatch("i.", filter, text) + outcomes
                        + sql.textMatch("m.", filter, text) + "))"
                : text -> "i.seq = ANY (ARRAY(" + MATCHING_DECISIONS + sql.textMatch("m.", filter, text) + "))";
        return build(filter, "i.", AuditSql.LATEST_OUTCOME, matching, conditions);
    }

    /** The free-text condition, adding its parameters to the list given. */
    private interface TextCondition {
        String sql(List<Object> parameters);
    }

    private static AuditWhere build(AuditFilter filter, String row, String outcome, TextCondition textCondition,
                                    StringJoiner conditions) {
        List<Object> parameters = new ArrayList<>();
        if (filter.from() != null) {
            conditions.add(row + "recorded_at >= ?");
            parameters.add(RECORDED_AT.format(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add(row + "recorded_at < ?");
            parameters.add(RECORDED_AT.format(filter.to()));
        }
        if (filter.pipeline() != null) {
            conditions.add(row + "pipeline_name = ?");
            parameters.add(filter.pipeline());
        }
        if (filter.operator() != null) {
            conditions.add(row + "operator = ?");
            parameters.add(filter.operator());
        }
        if (filter.action() != null) {
            conditions.add(row + "action = ?");
            parameters.add(filter.action());
        }
        if (filter.outcome() != null) {
            conditions.add(outcome + " = ?");
            parameters.add(filter.outcome());
        }
        if (filter.text() != null) {
            conditions.add(textCondition.sql(parameters));
        }
        return new AuditWhere(conditions.toString(), List.copyOf(parameters));
    }

    /** Binds the parameters from position 1; returns the next free position. */
    int bind(PreparedStatement statement) throws SQLException {
        int i = 1;
        for (Object parameter : parameters) {
            statement.setObject(i++, parameter);
        }
        return i;
    }
}
