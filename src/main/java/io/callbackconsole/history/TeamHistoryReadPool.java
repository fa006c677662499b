package io.callbackconsole.history;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The auditor's reading connections to a team history, pooled (HikariCP): at most {@value #MAX_CONNECTIONS} at once,
 * however many pages, counts, exports and verifies run (a server's connections are few and each costs it memory), and
 * each is signed in and checked once ({@link AuditReaders#teamReader}: schema, privileges, read-only session) instead
 * of once per export. A connection idle for more than half a second is checked before it is lent, and one that met a
 * dropped session (a restart, a fail-over) is thrown away when it comes back, so the History view connects again by
 * itself. While the server is away, a read fails within {@value #BORROW_TIMEOUT_AFTER_FAILURE_MILLIS} ms with the
 * last attempt's reason instead of waiting out the pool's whole wait each time. The writer and the listener keep
 * connections of their own: their sessions hold state a pool would mix up.
 */
final class TeamHistoryReadPool implements AuditReaders, AutoCloseable {
    /** The page reads, the counts, an export and a verify, side by side. */
    static final int MAX_CONNECTIONS = 4;
    /**
     * How long a read waits for a connection: a new one to a server across a network (TLS, SCRAM) takes well under a
     * second, and the window's reads use fewer connections than the pool holds. An attempt that takes longer goes on
     * behind the read that gave up (up to the driver's connect timeout), for the next read to use.
     */
    static final long BORROW_TIMEOUT_MILLIS = 5_000;
    /**
     * How long a read waits for a connection while the latest attempt to connect failed: long enough for one attempt
     * to a server that refuses at once or has come back, short enough that an auditor is told soon.
     */
    static final long BORROW_TIMEOUT_AFTER_FAILURE_MILLIS = 1_500;
    /** A connection idle this long is closed: an auditor who left the History tab holds nothing on the server. */
    static final long IDLE_MILLIS = 60_000;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final HikariPool pool;
    private final HistoryDialect dialect;
    private final OpeningDataSource source;

    /**
     * Opens the pool with its first connection.
     *
     * @throws HistoryUnavailableException as {@link AuditReaders#teamReader} does, at once (the server is not waited
     *                                     for beyond one attempt)
     */
    TeamHistoryReadPool(Supplier<Connection> opener, HistoryDialect dialect) {
        this.dialect = dialect;
        HikariConfig config = new HikariConfig();
        config.setPoolName("team-history-readers-" + POOLS.incrementAndGet());
        source = new OpeningDataSource(opener);
        config.setDataSource(source);
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_MILLIS);
        config.setConnectionTimeout(BORROW_TIMEOUT_MILLIS);
        config.setInitializationFailTimeout(1); // one attempt at start, whose failure is the caller's
        config.setAutoCommit(true);
        config.validate();
        try {
            pool = new HikariPool(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw cause(e).orElseThrow(() -> e);
        }
    }

    /** A connection of the pool; closing it gives it back. */
    @Override
    public Connection open() {
        try {
            return pool.getConnection(source.lastAttemptFailed ? BORROW_TIMEOUT_AFTER_FAILURE_MILLIS
                    : BORROW_TIMEOUT_MILLIS);
        } catch (SQLException e) {
            // The pool timed out waiting; the last attempt's failure says why (unreachable, sign-in refused).
            RuntimeException why = cause(e).orElse(null);
            if (why != null) {
                throw why;
            }
            throw dialect.translate("waiting for a reading connection", e);
        }
    }

    /**
     * Throws away every connection, those lent out when they come back: after a read met a dropped session, the
     * others (idle for less than the pool's check window) are likely dropped too.
     */
    void discardAll() {
        pool.softEvictConnections();
    }

    @Override
    public void close() {
        try {
            pool.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // its connections are closed by the pool's own threads meanwhile
        }
    }

    private static java.util.Optional<RuntimeException> cause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof HistoryUnavailableException unavailable) {
                return java.util.Optional.of(unavailable);
            }
        }
        return java.util.Optional.empty();
    }

    /** The pool's source of new connections: the console's own opener, signed in and checked. */
    private static final class OpeningDataSource implements DataSource {
        private final Supplier<Connection> opener;
        /** Whether the latest attempt to connect failed (the server is away, or refuses the sign-in). */
        volatile boolean lastAttemptFailed;

        OpeningDataSource(Supplier<Connection> opener) {
            this.opener = opener;
        }

        @Override
        public Connection getConnection() {
            try {
                Connection c = opener.get();
                lastAttemptFailed = false;
                return c;
            } catch (RuntimeException e) {
                lastAttemptFailed = true;
                throw e;
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the role comes from the team history's location");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // The console logs through SLF4J.
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // TeamHistoryConnections sets the driver's connect timeout.
        }

        @Override
        public int getLoginTimeout() {
            return TeamHistoryConnections.CONNECT_TIMEOUT_SECONDS;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("the console logs through SLF4J");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
