package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * What differs between the two databases a history lives in (an SQLite file, or a team history on PostgreSQL): how a
 * write transaction starts and holds the chain, where the highest row number given out is kept, whether rows are
 * indexed for free-text search by the writer, and how the database's errors read for an operator. The journal's
 * rows, queries and hash chain are shared; only this differs.
 */
interface HistoryDialect {

    /** Where the history is, for sentences: "the history database /home/…/history.db", "the team history …". */
    String describe();

    /** Where the history is, bare: the file's path, or the team history's URL without secrets. */
    String location();

    /**
     * Starts a write transaction that holds the chain: no other writer (console or thread) can append until it ends,
     * so reading the head and appending after it cannot interleave with another append.
     */
    void beginWrite(Connection c) throws SQLException;

    /**
     * As {@link #beginWrite(Connection)}, waiting for the chain at most {@code lockWait} (then the database's
     * lock-timeout failure is thrown). A file waits for its busy timeout either way.
     */
    default void beginWrite(Connection c, java.time.Duration lockWait) throws SQLException {
        beginWrite(c);
    }

    /**
     * Starts a write transaction that holds the chain, as {@link #beginWrite(Connection, java.time.Duration)} (with
     * {@code lockWait} null: as {@link #beginWrite(Connection)}), and reads the chain's newest row once the chain is
     * held. A team history does both in one round trip.
     */
    default ChainHead beginWriteAtHead(Connection c, java.time.Duration lockWait) throws SQLException {
        if (lockWait == null) {
            beginWrite(c);
        } else {
            beginWrite(c, lockWait);
        }
        return JournalQueries.head(c);
    }

    /**
     * As {@link #beginWriteAtHead(Connection, java.time.Duration)}, then runs the reads in their order, each seeing
     * every commit before the chain was held. A team history sends them all in one message with the lock and the
     * head; a file runs them one after the other.
     */
    default ChainHead beginWriteAtHead(Connection c, java.time.Duration lockWait, List<LockedRead> reads)
            throws SQLException {
        ChainHead head = beginWriteAtHead(c, lockWait);
        for (LockedRead read : reads) {
            try (PreparedStatement select = c.prepareStatement(read.sql())) {
                read.bind(select, 1);
                try (ResultSet rows = select.executeQuery()) {
                    read.read(rows);
                }
            }
        }
        return head;
    }

    void commit(Connection c) throws SQLException;

    /**
     * Whether the write transaction's last INSERT may carry its COMMIT in the same message (one round trip for both,
     * see {@link JournalRows.Appending#flushCommitting}); after it the transaction is over, and
     * {@link #endCommitted} ends the write. A local file commits apart: nothing to save there.
     */
    default boolean commitsWithLastInsert() {
        return false;
    }

    /**
     * Ends a write whose COMMIT went with its last INSERT and was answered: the connection is as after
     * {@link #commit}.
     */
    default void endCommitted(Connection c) throws SQLException {
        throw new UnsupportedOperationException("this history commits apart from its INSERTs");
    }

    /**
     * Whether a failure of {@link #commit} leaves it open whether the transaction was kept: the COMMIT went out and
     * the connection broke before its answer. False where a commit either works or is undone (a local file).
     */
    default boolean commitMayHaveHappened(SQLException e) {
        return false;
    }

    /** Rolls back after a failure; a rollback that cannot run is not reported (the failure is). */
    void rollbackQuietly(Connection c);

    /**
     * The highest seq ever given out, inside a write transaction: the next row is numbered after it.
     *
     * @param head the chain's newest row, read in the same transaction
     */
    long lastNumberGiven(Connection c, ChainHead head) throws SQLException;

    /**
     * The highest seq the database counted apart from the rows (SQLite's counter), so a verifier notices the newest
     * rows deleted; empty where the rows alone number themselves.
     */
    OptionalLong numberCounter(Connection c) throws SQLException;

    /** Whether the writer indexes appended rows for free-text search in the same transaction (SQLite's FTS5). */
    boolean indexesForSearch();

    /** Runs the work in one consistent read of the database (a verifier's walk). */
    <T> T inReadSnapshot(Connection c, SqlRead<T> work) throws SQLException;

    /** Work on a connection that returns a value. */
    @FunctionalInterface
    interface SqlRead<T> {
        T read(Connection c) throws SQLException;
    }

    /**
     * Whether a failure translated since the last {@link #reconnected()} said the connection is gone (a server that
     * restarted), so the store opens a new one before its next use. A file's connection is never lost.
     */
    default boolean connectionLost() {
        return false;
    }

    /** The store has a new connection. */
    default void reconnected() {
    }

    /** Best-effort work before the store closes its connection (SQLite folds its WAL into the file). */
    void closing(Connection c);

    /**
     * @param doing what the store was doing, as a phrase ("journaling the decision on token X")
     * @return {@link HistoryUnavailableException} for trouble with the database, or {@link IllegalStateException}
     *         when it refused a row (a constraint: a bug, not the operator's doing)
     */
    RuntimeException translate(String doing, SQLException e);
}
