package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a free-text search matches many rows: the choice a search's plan hangs on, which neither database makes
 * well alone. SQLite cannot know how many rows an FTS match yields; PostgreSQL estimates every prefix query (every
 * search word is one) at a fixed 2 % of the rows, whatever it matches, so for a token that matches 20 rows of 200 000
 * it walked the time index through the whole table (268 ms) instead of reading the 20 from the GIN index (see
 * {@link EventQueries} and {@link DecisionQueries} for the plans each answer leads to). The answer is asked of the
 * search index, reading no more than {@link #MANY_TEXT_MATCHES} matches, and kept for the search text: the view
 * asks page after page of one search, and its first count of the text alone gives the answer free. Only a choice of
 * plan hangs on it, so an answer made stale by rows added since costs time at worst, never rows. Not thread-safe:
 * its owner ({@link AuditLog}) serialises calls.
 */
final class TextMatchProbe {
    /**
     * From this many free-text matches on, walking the time index for a page beats sorting the matches: at 1 000 000
     * rows on SQLite both cost ~5 ms at 2 000 matches; at 90 000 matches the sort costs 240 ms, the walk 13 ms. On
     * PostgreSQL at 200 000 rows a page of a word with 1 031 matches costs 1.6 ms read from the GIN index and sorted.
     */
    static final int MANY_TEXT_MATCHES = 2_000;

    private final AuditSql sql;
    private String lastText;
    private boolean lastHasMany;

    TextMatchProbe(AuditSql sql) {
        this.sql = sql;
    }

    /** Whether the filter's text matches many rows (false without text), asked once per text (the last one kept). */
    boolean many(Connection c, AuditFilter filter) throws SQLException {
        if (filter.text() == null) {
            return false;
        }
        if (!filter.text().equals(lastText)) {
            lastHasMany = manyNow(c, sql, filter);
            lastText = filter.text();
        }
        return lastHasMany;
    }

    /**
     * What a count of the filter's text alone found, counting up to {@code limit}: it says whether there are many
     * when it counted them all, or counted at least {@link #MANY_TEXT_MATCHES}; the pages of the search are spared
     * asking the index again.
     */
    void counted(AuditFilter filter, long counted, long limit) {
        if (filter.isTextOnly() && (counted < limit || counted >= MANY_TEXT_MATCHES)) {
            lastText = filter.text();
            lastHasMany = counted >= MANY_TEXT_MATCHES;
        }
    }

    /**
     * What a count of the decisions of the filter's text alone found: at least {@link #MANY_TEXT_MATCHES} decisions
     * have at least as many matching rows, so the pages are spared asking the index. Fewer decisions say nothing (a
     * decision may match with several rows).
     */
    void countedDecisions(AuditFilter filter, long counted) {
        if (filter.isTextOnly() && counted >= MANY_TEXT_MATCHES) {
            lastText = filter.text();
            lastHasMany = true;
        }
    }

    /**
     * The answer a plan on a connection other than the owner's takes, asked now; without text there is nothing to ask
     * (and no plan hangs on it).
     */
    static boolean manyForPlanNow(Connection c, AuditSql sql, AuditFilter filter) throws SQLException {
        return filter.text() == null || manyNow(c, sql, filter);
    }

    /** Asks the search index now, reading no more than {@link #MANY_TEXT_MATCHES} of its matches. */
    static boolean manyNow(Connection c, AuditSql sql, AuditFilter filter) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        try (PreparedStatement hits = c.prepareStatement("SELECT count(*) FROM (" + sql.textMatches(filter, parameters)
                + " LIMIT " + MANY_TEXT_MATCHES + ") probed")) {
            for (int i = 0; i < parameters.size(); i++) {
                hits.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = hits.executeQuery()) {
                return rows.next() && rows.getLong(1) >= MANY_TEXT_MATCHES;
            }
        }
    }
}
