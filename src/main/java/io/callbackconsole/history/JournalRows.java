package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Appends rows to {@code submission_event} with their place in the hash chain, and indexes them for free-text search.
 * Callers hold a write transaction, so reading the head and inserting the next rows cannot interleave with another
 * writer, and rows and their index entries commit together.
 */
final class JournalRows {
    private static final String TABLE = "submission_event";
    /**
     * Indexes every row after the watermark: one statement per transaction rather than a trigger per row, since FTS5
     * writes its pending terms out at the end of every statement, which made a trigger-indexed append cost about twice
     * as much (53 against 24 µs a row). Rows someone else appended without indexing them (a console of schema version
     * 2 still running beside this one, say) are indexed by the next transaction that appends.
     */
    private static final String INDEX_FOR_SEARCH = "INSERT INTO submission_event_fts (rowid, "
            + String.join(", ", HistorySchema.SEARCHED_COLUMNS) + ") SELECT seq, "
            + String.join(", ", HistorySchema.SEARCHED_COLUMNS) + " FROM " + TABLE
            + " WHERE seq > (SELECT last_indexed_seq FROM search_index_progress) ORDER BY seq";
    private static final String MOVE_WATERMARK = "UPDATE search_index_progress SET last_indexed_seq = ?";

    private final AuditChain chain = new AuditChain();

    /**
     * Starts appending rows inside the caller's write transaction: the chain head is read once, and each statement is
     * prepared once for all the rows of the transaction. Close it before the transaction commits: closing indexes the
     * appended rows for free-text search.
     */
    Appending appending(Connection c) throws SQLException {
        return new Appending(c, null, JournalQueries.head(c));
    }

    /** As {@link #appending(Connection)}, in the given database's way (see {@link HistoryDialect}). */
    Appending appending(Connection c, HistoryDialect dialect) throws SQLException {
        return new Appending(c, dialect, JournalQueries.head(c));
    }

    /** As {@link #appending(Connection, HistoryDialect)}, after the chain's head the transaction read already. */
    Appending appending(Connection c, HistoryDialect dialect, ChainHead head) throws SQLException {
        return new Appending(c, dialect, head);
    }

    /** The rows one write transaction appends, in order. Not thread-safe. */
    final class Appending implements AutoCloseable {
        /** Values one multi-row INSERT binds at most: well below either database's limit per statement. */
        static final int MAX_VALUES_PER_INSERT = 8_000;

        private final Connection c;
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        /** Rows {@link #appendLater} took and not yet inserted, each with its hash, in chain order. */
        private final List<Map<String, Object>> waiting = new ArrayList<>();
        private final List<String> waitingHashes = new ArrayList<>();
        private final boolean indexesForSearch;
        private long lastSeq;
        private String lastHash;
        private ChainHead head;
        /** Whether rows were appended since the last indexing for free-text search. */
        private boolean unindexed;

        /**
         * @param dialect null for SQLite's (tests that append to a file directly)
         * @param head    the chain's newest row, read in this transaction
         */
        private Appending(Connection c, HistoryDialect dialect, ChainHead head) throws SQLException {
            this.c = c;
            HistoryDialect way = dialect == null ? new SqliteDialect(null) : dialect;
            this.indexesForSearch = way.indexesForSearch();
            this.head = head;
            lastSeq = way.lastNumberGiven(c, head);
            lastHash = head.hash();
        }

        /**
         * The chain's newest row: the last one appended here, or the one before the transaction when none was. Known
         * without reading it again.
         */
        ChainHead head() {
            return head;
        }

        /** A statement prepared once for this transaction; closed with it. */
        PreparedStatement statement(String sql) throws SQLException {
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = c.prepareStatement(sql);
                statements.put(sql, statement);
            }
            return statement;
        }

        /**
         * Appends one row (column name to value; Long or String, null for none; without {@code seq} or {@code hash})
         * after the rows before it, and returns its {@code seq}.
         */
        long append(Map<String, Object> columns) throws SQLException {
            flush();
            long seq = lastSeq + 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", seq);
            row.putAll(columns);
            String hash = hashOf(lastHash, row);
            bind(statement(insertSql(row.keySet())), row, hash).executeUpdate();
            lastSeq = seq;
            lastHash = hash;
            head = new ChainHead(seq, hash);
            unindexed = true;
            return seq;
        }

        /**
         * As {@link #append}, inserting the row with the ones after it in one multi-row INSERT (consecutive rows with
         * the same columns), at the next {@link #flush}, {@link #append} or {@link #close}: on a team history each
         * statement is a round trip to the server. Its seq and hash are given now. Flush before a query on the
         * connection that must see the row.
         */
        long appendLater(Map<String, Object> columns) {
            long seq = lastSeq + 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", seq);
            row.putAll(columns);
            String hash = hashOf(lastHash, row);
            waiting.add(row);
            waitingHashes.add(hash);
            lastSeq = seq;
            lastHash = hash;
            head = new ChainHead(seq, hash);
            unindexed = true;
            return seq;
        }

        /**
         * Inserts the rows {@link #appendLater} took, in their order, in as few INSERTs as the values allow: rows of
         * different shapes (outcomes and intents) share one INSERT over all their columns, a column a row lacks
         * bound as NULL, which is what the row holds without it (no column has a default) and what its hash leaves
         * out. On a team history each INSERT is a round trip, so a bulk round's outcomes and intents cost one.
         */
        void flush() throws SQLException {
            flush(null);
        }

        /**
         * As {@link #flush}, the last INSERT carrying the transaction's COMMIT in the same message (see
         * {@link HistoryDialect#commitsWithLastInsert}). A failure then may have left the transaction committed or
         * not, as a failed COMMIT may.
         *
         * @return false when no row was waiting, so nothing was sent and the transaction is still to be committed
         */
        boolean flushCommitting() throws SQLException {
            if (waiting.isEmpty()) {
                return false;
            }
            flush("COMMIT");
            return true;
        }

        /** @param thenRun a statement sent with the last INSERT, in the same message; null for none */
        private void flush(String thenRun) throws SQLException {
            try {
                insertWaiting(thenRun);
            } finally {
                // Inserted, or refused: a failed INSERT aborted the transaction, which only rolls back now.
                waiting.clear();
                waitingHashes.clear();
            }
        }

        private void insertWaiting(String thenRun) throws SQLException {
            int from = 0;
            while (from < waiting.size()) {
                Set<String> columns = new LinkedHashSet<>(waiting.get(from).keySet());
                int to = from + 1;
                while (to < waiting.size()) {
                    Set<String> wider = columns;
                    if (!columns.containsAll(waiting.get(to).keySet())) {
                        wider = new LinkedHashSet<>(columns);
                        wider.addAll(waiting.get(to).keySet());
                    }
                    if ((to - from + 1) * (wider.size() + 1) > MAX_VALUES_PER_INSERT) {
                        break;
                    }
                    columns = wider;
                    to++;
                }
                insertRows(columns, from, to, to == waiting.size() ? thenRun : null);
                from = to;
            }
        }

        private void insertRows(Set<String> columns, int from, int to, String thenRun) throws SQLException {
            String one = insertSql(columns);
            String values = one.substring(one.indexOf(" VALUES ") + " VALUES ".length());
            StringBuilder sql = new StringBuilder(one);
            for (int i = from + 1; i < to; i++) {
                sql.append(", ").append(values);
            }
            if (thenRun != null) {
                sql.append("; ").append(thenRun);
            }
            try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                int position = 1;
                for (int i = from; i < to; i++) {
                    Map<String, Object> row = waiting.get(i);
                    for (String column : columns) {
                        insert.setObject(position++, row.get(column));
                    }
                    insert.setString(position++, waitingHashes.get(i));
                }
                insert.execute();
            }
        }

        /** Indexes the rows appended so far for free-text search, then closes the statements. */
        @Override
        public void close() throws SQLException {
            SQLException first = null;
            try {
                flush();
            } catch (SQLException e) {
                first = e;
            }
            if (first == null && unindexed && indexesForSearch) {
                try {
                    statement(INDEX_FOR_SEARCH).executeUpdate();
                    PreparedStatement watermark = statement(MOVE_WATERMARK);
                    watermark.setLong(1, lastSeq);
                    watermark.executeUpdate();
                    unindexed = false;
                } catch (SQLException e) {
                    first = e;
                }
            }
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** The hash of {@code row} (which includes {@code seq}) after {@code previous}. */
    String hashOf(String previous, Map<String, Object> row) {
        Map<String, String> text = new LinkedHashMap<>();
        row.forEach((name, value) -> text.put(name, value == null ? null : value.toString()));
        return chain.next(previous, text);
    }

    static void insert(Connection c, String table, Map<String, Object> row, String hash) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(insertSql(table, row.keySet()))) {
            bind(insert, row, hash).executeUpdate();
        }
    }

    private static String insertSql(Set<String> columns) {
        return insertSql(TABLE, columns);
    }

    private static String insertSql(String table, Set<String> columns) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        columns.forEach(name -> {
            names.add(name);
            marks.add("?");
        });
        names.add("hash");
        marks.add("?");
        return "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
    }

    private static PreparedStatement bind(PreparedStatement insert, Map<String, Object> row, String hash)
            throws SQLException {
        int i = 1;
        for (Object value : row.values()) {
            insert.setObject(i++, value);
        }
        insert.setString(i, hash);
        return insert;
    }
}
