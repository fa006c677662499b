package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The team history on PostgreSQL. A write takes a transaction-scoped advisory lock on the chain
 * ({@code pg_advisory_xact_lock}) before it reads the head, so consoles appending at once queue on it and the chain
 * never forks; the lock needs no privilege on the tables, so a role that may only INSERT and SELECT can take it (a
 * chain-head row locked with SELECT … FOR UPDATE would need UPDATE). The lock ends with the transaction, also when the
 * console dies. Rows number themselves (seq = head + 1 under the lock; an insert trigger refuses any other seq), so
 * there is no separate counter. Writes are durable at commit (the server's synchronous_commit).
 */
final class PostgresDialect implements HistoryDialect {
    private static final Logger log = LoggerFactory.getLogger(PostgresDialect.class);

    /** The advisory lock key of the chain: "CBCO" and 1. Migrations take key 2. */
    static final long CHAIN_LOCK = 0x4342434F_00000001L;
    static final long MIGRATION_LOCK = 0x4342434F_00000002L;

    private final TeamHistoryLocation location;
    private final String role;
    /** Set when a failure said the server is gone; the store's lock guards it. */
    private boolean lost;
    /** False for the auditor's reads, whose failures say nothing of decisions not sent. */
    private final boolean journaling;

    PostgresDialect(TeamHistoryLocation location, String role) {
        this(location, role, true);
    }

    private PostgresDialect(TeamHistoryLocation location, String role, boolean journaling) {
        this.location = location;
        this.role = role;
        this.journaling = journaling;
    }

    /** The dialect of the auditor's reads (see {@link PostgresFailures#translateReading}). */
    static PostgresDialect forReading(TeamHistoryLocation location, String role) {
        return new PostgresDialect(location, role, false);
    }

    @Override
    public String describe() {
        return "the team history " + location.display();
    }

    @Override
    public String location() {
        return location.display();
    }

    /** The team history this dialect writes to. */
    TeamHistoryLocation teamLocation() {
        return location;
    }

    @Override
    public void beginWrite(Connection c) throws SQLException {
        c.setAutoCommit(false);
        lockChain(c);
    }

    @Override
    public void beginWrite(Connection c, Duration lockWait) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = " + Math.max(1, lockWait.toMillis()));
        }
        lockChain(c);
    }

    /**
     * The lock and the head in one message exchange: the server runs the statements in their order, and each takes
     * its snapshot when it starts, so the head is read only once the lock is granted, after every earlier holder's
     * commit, as when they went one by one.
     */
    @Override
    public ChainHead beginWriteAtHead(Connection c, Duration lockWait) throws SQLException {
        return beginWriteAtHead(c, lockWait, List.of());
    }

    /**
     * The lock, the head and the reads in one message exchange, for the same reason: each read's snapshot is taken
     * once the lock is granted. A failure of any stops the rest, as it would have stopped the write.
     */
    @Override
    public ChainHead beginWriteAtHead(Connection c, Duration lockWait, List<LockedRead> reads) throws SQLException {
        c.setAutoCommit(false);
        StringBuilder sql = new StringBuilder();
        if (lockWait != null) {
            sql.append("SET LOCAL lock_timeout = ").append(Math.max(1, lockWait.toMillis())).append("; ");
        }
        sql.append("SELECT pg_advisory_xact_lock(?); ").append(JournalQueries.HEAD);
        reads.forEach(read -> sql.append("; ").append(read.sql()));
        try (PreparedStatement lockThenRead = c.prepareStatement(sql.toString())) {
            lockThenRead.setLong(1, CHAIN_LOCK);
            int position = 2;
            for (LockedRead read : reads) {
                position = read.bind(lockThenRead, position);
            }
            lockThenRead.execute();
            for (int before = lockWait == null ? 1 : 2; before > 0; before--) {
                lockThenRead.getMoreResults();
            }
            ChainHead head;
            try (ResultSet rows = lockThenRead.getResultSet()) {
                head = JournalQueries.headOf(rows);
            }
            for (LockedRead read : reads) {
                lockThenRead.getMoreResults();
                try (ResultSet rows = lockThenRead.getResultSet()) {
                    read.read(rows);
                }
            }
            return head;
        }
    }

    private static void lockChain(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, CHAIN_LOCK);
            lock.execute();
        }
    }

    @Override
    public void commit(Connection c) throws SQLException {
        c.commit();
        c.setAutoCommit(true);
    }

    /**
     * The COMMIT goes in the last INSERT's message: the server runs them in order and stops at the first error, so an
     * INSERT it refuses leaves the transaction aborted and the COMMIT a rollback, as when they went one by one. A
     * round trip saved on every write, each of which waits for the server's processes to be given a core.
     */
    @Override
    public boolean commitsWithLastInsert() {
        return true;
    }

    @Override
    public void endCommitted(Connection c) throws SQLException {
        // The driver saw the server leave the transaction (its ready-for-query status), so this sends nothing.
        c.setAutoCommit(true);
    }

    /**
     * A connection failure (class 08, or the server shutting the session down, 57P01–57P03) after the COMMIT was sent:
     * the server may have committed before the answer was lost. An error the server answered (a constraint, a
     * serialisation failure) means it rolled back.
     */
    @Override
    public boolean commitMayHaveHappened(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03");
    }

    @Override
    public void rollbackQuietly(Connection c) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // A broken connection rolled back on the server when it broke; the original failure is thrown.
            log.debug("Rollback after a failed team-history write did not run: {}", e.getMessage());
        }
    }

    /** The newest row's seq: rows number themselves, so no query of its own (a round trip saved per write). */
    @Override
    public long lastNumberGiven(Connection c, ChainHead head) {
        return head.seq();
    }

    @Override
    public OptionalLong numberCounter(Connection c) {
        return OptionalLong.empty();
    }

    @Override
    public boolean indexesForSearch() {
        return false;
    }

    @Override
    public <T> T inReadSnapshot(Connection c, SqlRead<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            T result = work.read(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public void closing(Connection c) {
        // Nothing to fold in: the server keeps its own files.
    }

    @Override
    public boolean connectionLost() {
        return lost;
    }

    @Override
    public void reconnected() {
        lost = false;
    }

    @Override
    public RuntimeException translate(String doing, SQLException e) {
        RuntimeException failure = journaling ? PostgresFailures.translate(location, role, doing, e)
                : PostgresFailures.translateReading(location, role, doing, e);
        if (failure instanceof HistoryUnavailableException unavailable
                && unavailable.problem() == HistoryUnavailableException.Problem.UNREACHABLE) {
            lost = true;
        }
        return failure;
    }
}
