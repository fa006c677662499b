package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@link DecisionsPerDay}: the matching decisions (the same WHERE as the decision table's, see
 * {@link AuditWhere#forDecisions}) grouped by UTC day and latest outcome or operator, over at most a given number of
 * days ending on the newest matching decision's. A day is the first ten characters of {@code recorded_at}, which both
 * backends store as UTC ISO-8601 text, so SQLite and PostgreSQL group the same rows into the same days. Works on a
 * connection it is given.
 */
final class DecisionDayQueries {
    private final AuditSql sql;

    DecisionDayQueries(AuditSql sql) {
        this.sql = sql;
    }

    DecisionsPerDay perDay(Connection c, AuditFilter filter, DecisionsPerDay.SplitBy splitBy, int maxDays)
            throws SQLException {
        if (maxDays < 1) {
            throw new IllegalArgumentException("A chart covers 1 day or more; got " + maxDays + ".");
        }
        // On the count connection, beside the reader's calls: it asks the search index itself (see TextMatchProbe).
        boolean manyTextMatches = TextMatchProbe.manyForPlanNow(c, sql, filter);
        String newest = newestDecidedAt(c, filter, manyTextMatches);
        if (newest == null) {
            return DecisionsPerDay.none(splitBy);
        }
        LocalDate lastDay = LocalDate.parse(newest.substring(0, 10));
        LocalDate firstDay = lastDay.minusDays(maxDays - 1L);
        Instant from = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
        if (filter.from() != null && filter.from().isAfter(from)) {
            from = filter.from();
            firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        }
        AuditFilter window = new AuditFilter(from, filter.to(), filter.pipeline(), filter.operator(), filter.action(),
                filter.outcome(), filter.text());
        AuditWhere where = AuditWhere.forDecisions(window, sql, manyTextMatches);
        String key = splitBy == DecisionsPerDay.SplitBy.OUTCOME ? DecisionColumn.OUTCOME.sql() : "i.operator";
        List<DecisionsPerDay.DayCount> counts = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT substr(i.recorded_at, 1, 10), " + key
                + ", count(*) FROM submission_event i" + sql.latestOutcomeJoin() + where.sql()
                + " GROUP BY 1, 2 ORDER BY 1, 2")) {
            where.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new DecisionsPerDay.DayCount(LocalDate.parse(rows.getString(1)), rows.getString(2),
                            rows.getLong(3)));
                }
            }
        }
        return new DecisionsPerDay(splitBy, firstDay, lastDay, counts);
    }

    /** When the newest matching decision was made (its intent's {@code recorded_at}), or null when none matches. */
    private String newestDecidedAt(Connection c, AuditFilter filter, boolean manyTextMatches) throws SQLException {
        AuditWhere where = AuditWhere.forDecisions(filter, sql, manyTextMatches);
        // The recorded_at index walked from its end, stopping at the first match: no pass over the history.
        try (PreparedStatement select = c.prepareStatement("SELECT i.recorded_at FROM submission_event i" + where.sql()
                + " ORDER BY i.recorded_at DESC LIMIT 1")) {
            where.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
