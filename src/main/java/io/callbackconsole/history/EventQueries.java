package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL of the raw-event reads: counts, windowed pages and filter choices over {@code submission_event}, one row
 * per intent or outcome, and the plan choice for free-text searches. Works on a connection it is given; its
 * {@link TextMatchProbe} keeps one probe result between pages (not thread-safe: its owner, {@link AuditLog},
 * serialises calls).
 */
final class EventQueries {
    private final AuditSql sql;
    /** Every audit column, in {@link AuditColumn} order, as a select list for this history's schema. */
    private final String columns;
    private final TextMatchProbe textMatches;

    EventQueries(AuditSql sql, int schemaVersion, TextMatchProbe textMatches) {
        this.sql = sql;
        this.columns = selectList(sql, schemaVersion, "");
        this.textMatches = textMatches;
    }

    /** Every audit column of rows aliased {@code alias} (or unqualified when empty), for a history of that schema. */
    static String selectList(AuditSql sql, int schemaVersion, String alias) {
        java.util.Set<AuditColumn> missing = sql.missingColumns(schemaVersion);
        return String.join(", ", Arrays.stream(AuditColumn.values())
                .map(column -> missing.contains(column) ? "NULL AS " + column.sqlName() : alias + column.sqlName())
                .toList());
    }

    /** The select list this history's rows are read with, for the exports. */
    String columns() {
        return columns;
    }

    AuditWhere where(AuditFilter filter) {
        return AuditWhere.forEvents(filter, sql);
    }

    long count(Connection c, AuditFilter filter) throws SQLException {
        AuditWhere where = where(filter);
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM submission_event" + where.sql())) {
            where.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** See {@link AuditLog#countUpTo}. */
    long countUpTo(Connection c, AuditFilter filter, long limit) throws SQLException {
        AuditWhere where = where(filter);
        // A text-only filter counts the search index's matches and stops at the limit; the general form below first
        // gathers every match into a list on SQLite, and on PostgreSQL may walk every row for a rare word.
        boolean textOnly = filter.isTextOnly();
        List<Object> textParameters = new ArrayList<>();
        String matches = textOnly ? sql.textMatches(filter, textParameters) : "SELECT 1" + (sql == AuditSql.POSTGRES
                ? rowSource(filter, null, where, () -> textMatches.many(c, filter)) : " FROM submission_event" + where.sql());
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM (" + matches + " LIMIT ?) m")) {
            int next = 1;
            if (textOnly) {
                for (Object parameter : textParameters) {
                    select.setObject(next++, parameter);
                }
            } else {
                next = where.bind(select);
            }
            select.setLong(next, limit);
            long counted;
            try (ResultSet rows = select.executeQuery()) {
                counted = rows.next() ? rows.getLong(1) : 0;
            }
            textMatches.counted(filter, counted, limit);
            return counted;
        }
    }

    List<AuditRecord> page(Connection c, AuditFilter filter, AuditSort sort, long offset, int limit)
            throws SQLException {
        AuditWhere where = where(filter);
        try (PreparedStatement select = c.prepareStatement(pageSelect(c, filter, sort, where))) {
            int next = where.bind(select);
            select.setInt(next, limit);
            select.setLong(next + 1, offset);
            List<AuditRecord> records = new ArrayList<>(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(recordFrom(rows, 1));
                }
            }
            return records;
        }
    }

    /** The query of a page: the where's parameters, then the limit and the offset. */
    String pageSelect(Connection c, AuditFilter filter, AuditSort sort, AuditWhere where) throws SQLException {
        return "SELECT " + columns + rowSource(filter, sort, where, () -> textMatches.many(c, filter)) + " ORDER BY "
                + sort.orderBy(sql) + " LIMIT ? OFFSET ?";
    }

    /** The query of an export: every matching row in order, with the plan a page would use. */
    String exportSelect(Connection c, AuditFilter filter, AuditSort sort) throws SQLException {
        return "SELECT " + columns + rowSource(filter, sort, where(filter), () -> TextMatchProbe.manyNow(c, sql, filter))
                + " ORDER BY " + sort.orderBy(sql);
    }

    static List<String> distinctValues(Connection c, AuditColumn column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT DISTINCT " + column.sqlName() + " FROM submission_event WHERE "
                     + column.sqlName() + " IS NOT NULL ORDER BY 1")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** A record from the audit columns of {@code rows}, starting at column {@code first}. */
    static AuditRecord recordFrom(ResultSet rows, int first) throws SQLException {
        AuditColumn[] all = AuditColumn.values();
        String[] values = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            values[i] = rows.getString(first + i);
        }
        return new AuditRecord(values);
    }

    /**
     * The FROM and WHERE clauses for rows in the given order, with the plan chosen by whether a free-text search
     * matches {@code many} rows.
     *
     * <p>SQLite cannot know how many rows a free-text match yields, so it always fetches every match and sorts them:
     * fine for a token (a few rows), but for a common word (a hundred thousand rows) that sort was most of a search.
     * Then walking the time index newest first and keeping the matches is far cheaper: a page needs only a few
     * thousand index entries, and even the last page no more than one pass over the index. Only for a text search
     * ordered by time with no other filter but the time range (the other filters have indexes of their own that
     * serve better).
     *
     * <p>PostgreSQL estimates every search at 2 % of the rows, so for any search ordered by an indexed column it walks
     * that index, checking each row's stored words: right for a common word, but a token's 20 matches in 200 000 rows
     * cost a walk through all of them (268 ms p95, against 2 ms when the planner still costed computing the words of
     * each row, before team schema 5). A search with few matches reads them from the GIN index first, in a subquery
     * the planner cannot merge (OFFSET 0), and sorts them, whatever the order and the other filters.
     */
    private String rowSource(AuditFilter filter, AuditSort sort, AuditWhere where, TextMatches many)
            throws SQLException {
        // The order does not matter on PostgreSQL (null for a count).
        if (sql == AuditSql.POSTGRES) {
            return filter.text() != null && !many.many()
                    ? " FROM (SELECT * FROM submission_event" + where.sql() + " OFFSET 0) submission_event"
                    : " FROM submission_event" + where.sql();
        }
        boolean onlyTextAndTime = filter.text() != null && filter.pipeline() == null && filter.operator() == null
                && filter.action() == null && filter.outcome() == null;
        boolean walkTimeIndex = sort.column() == AuditColumn.RECORDED_AT && onlyTextAndTime && many.many();
        return (walkTimeIndex ? " FROM submission_event INDEXED BY submission_event_recorded_at"
                : " FROM submission_event") + where.sql();
    }

    /** Whether the free text matches many rows ({@link TextMatchProbe}), asked only when a plan hangs on it. */
    @FunctionalInterface
    private interface TextMatches {
        boolean many() throws SQLException;
    }
}
