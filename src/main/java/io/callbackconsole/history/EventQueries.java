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
 * per intent or outcome, and the plan choice for free-text searches. Works on a connection it is given; keeps one
 * probe result between pages (not thread-safe: its owner, {@link AuditLog}, serialises calls).
 */
final class EventQueries {
    /**
     * From this many free-text matches on, walking the time index for a page beats sorting the matches: at 1 000 000
     * rows both cost ~5 ms at 2 000 matches; at 90 000 matches the sort costs 240 ms, the walk 13 ms.
     */
    static final int MANY_TEXT_MATCHES = 2_000;

    private final AuditSql sql;
    /** Every audit column, in {@link AuditColumn} order, as a select list for this history's schema. */
    private final String columns;
    private String lastTextProbed; // see manyTextMatchesForPages
    private boolean lastTextHasMany;

    EventQueries(AuditSql sql, int schemaVersion) {
        this.sql = sql;
        this.columns = selectList(sql, schemaVersion, "");
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
        // A text-only filter counts by walking the FTS matches and stops at the limit; the general form below first
        // gathers every match into a list, which for a common word costs more than the count itself.
        boolean textOnly = filter.isTextOnly() && sql.hasSearchIndexToProbe();
        String matches = textOnly
                ? "SELECT 1 FROM submission_event_fts JOIN submission_event ON seq = submission_event_fts.rowid"
                        + " WHERE submission_event_fts MATCH ?"
                : "SELECT 1 FROM submission_event" + where.sql();
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM (" + matches + " LIMIT ?) m")) {
            int next = 1;
            if (textOnly) {
                select.setString(next++, filter.ftsQuery());
            } else {
                next = where.bind(select);
            }
            select.setLong(next, limit);
            long counted;
            try (ResultSet rows = select.executeQuery()) {
                counted = rows.next() ? rows.getLong(1) : 0;
            }
            if (textOnly && (counted < limit || counted >= MANY_TEXT_MATCHES)) {
                // The pages of this search will want to know; spares them asking the FTS index again.
                lastTextProbed = filter.ftsQuery();
                lastTextHasMany = counted >= MANY_TEXT_MATCHES;
            }
            return counted;
        }
    }

    List<AuditRecord> page(Connection c, AuditFilter filter, AuditSort sort, long offset, int limit)
            throws SQLException {
        AuditWhere where = where(filter);
        try (PreparedStatement select = c.prepareStatement("SELECT " + columns
                + rowSource(filter, sort, ftsQuery -> manyTextMatchesForPages(c, ftsQuery)) + where.sql()
                + " ORDER BY " + sort.orderBy(sql) + " LIMIT ? OFFSET ?")) {
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

    /** The query of an export: every matching row in order, with the plan a page would use. */
    String exportSelect(Connection c, AuditFilter filter, AuditSort sort) throws SQLException {
        return "SELECT " + columns + rowSource(filter, sort, textMatchesOn(c)) + where(filter).sql()
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
     * The FROM clause for rows in the given order. SQLite cannot know how many rows a free-text match yields, so it
     * always fetches every match and sorts them: fine for a token (a few rows), but for a common word (a hundred
     * thousand rows) that sort was most of a search. Then walking the time index newest first and keeping the
     * matches is far cheaper: a page needs only a few thousand index entries, and even the last page no more than
     * one pass over the index. Only for a text search ordered by time with no other filter but the time range (the
     * other filters have indexes of their own that serve better).
     */
    private String rowSource(AuditFilter filter, AuditSort sort, TextMatches matches) throws SQLException {
        if (!sql.hasSearchIndexToProbe()) {
            return " FROM submission_event";
        }
        boolean onlyTextAndTime = filter.text() != null && filter.pipeline() == null && filter.operator() == null
                && filter.action() == null && filter.outcome() == null;
        boolean walkTimeIndex = sort.column() == AuditColumn.RECORDED_AT && onlyTextAndTime
                && matches.many(filter.ftsQuery());
        return walkTimeIndex ? " FROM submission_event INDEXED BY submission_event_recorded_at"
                : " FROM submission_event";
    }

    /** Whether a free-text query matches many rows (see {@link #MANY_TEXT_MATCHES}). */
    @FunctionalInterface
    interface TextMatches {
        boolean many(String ftsQuery) throws SQLException;
    }

    /** Asks SQLite's FTS index, reading no more than {@link #MANY_TEXT_MATCHES} of its row ids. */
    static TextMatches textMatchesOn(Connection c) {
        return ftsQuery -> {
            try (PreparedStatement hits = c.prepareStatement("SELECT count(*) FROM (SELECT rowid FROM"
                    + " submission_event_fts WHERE submission_event_fts MATCH ? LIMIT " + MANY_TEXT_MATCHES + ")")) {
                hits.setString(1, ftsQuery);
                try (ResultSet rows = hits.executeQuery()) {
                    return rows.next() && rows.getLong(1) >= MANY_TEXT_MATCHES;
                }
            }
        };
    }

    /**
     * The same for the pages of one search, asked once: a prefix query costs the FTS index a few milliseconds for a
     * common word, and the view asks page after page of the same search. Only a choice of plan hangs on it, so an
     * answer made stale by rows added since costs time at worst, never rows.
     */
    private boolean manyTextMatchesForPages(Connection c, String ftsQuery) throws SQLException {
        if (!ftsQuery.equals(lastTextProbed)) {
            lastTextHasMany = textMatchesOn(c).many(ftsQuery);
            lastTextProbed = ftsQuery;
        }
        return lastTextHasMany;
    }
}
