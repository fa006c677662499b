package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a console when any console appends to the team history: a connection of its own LISTENs on the channel the
 * schema's insert trigger notifies at every commit ({@link TeamHistorySchema#CHANGES_CHANNEL}), and each wake-up runs
 * the catch-up it was given, which reads by the last seq it saw. A notification is only a hint: the catch-up also
 * runs every {@code catchUpEvery} without one, and after every (re)connect, so a notification lost while the
 * connection was down (a server restart, a killed backend) loses nothing. The connection is opened again by itself,
 * {@code retryAfter} after a failure. One daemon thread; the catch-up runs on it.
 */
public final class TeamHistoryListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TeamHistoryListener.class);
    /** How long one wait for a notification lasts, so that close() is answered this quickly. */
    private static final int WAIT_MILLIS = 200;
    /** The listening connection's application_name. */
    static final String APPLICATION_NAME = "Callback Console listener";

    private final TeamHistoryConnections connections;
    private final String location;
    private final LongConsumer catchUp;
    private final long catchUpEveryNanos;
    private final long retryAfterMillis;
    private final Thread thread;
    private volatile boolean closed;
    private volatile int connects;

    TeamHistoryListener(TeamHistoryConnections connections, String location, LongConsumer catchUp,
                        Duration catchUpEvery, Duration retryAfter) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.location = location;
        this.catchUp = Objects.requireNonNull(catchUp, "catchUp");
        this.catchUpEveryNanos = catchUpEvery.toNanos();
        this.retryAfterMillis = retryAfter.toMillis();
        this.thread = new Thread(this::run, "team-history-listener");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** How many times the listening connection was opened (1 once it listens; more after reconnects). */
    public int connects() {
        return connects;
    }

    private void run() {
        Connection connection = null;
        long lastCatchUp = System.nanoTime();
        while (!closed) {
            try {
                if (connection == null) {
                    connection = listen();
                    connects++;
                    runCatchUp(connection); // whatever was appended while nobody listened
                    lastCatchUp = System.nanoTime();
                }
                boolean woken = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS).length > 0;
                if (woken || System.nanoTime() - lastCatchUp >= catchUpEveryNanos) {
                    runCatchUp(connection);
                    lastCatchUp = System.nanoTime();
                }
            } catch (SQLException | HistoryUnavailableException e) {
                if (closed) {
                    break;
                }
                log.warn("Not listening to the team history {} ({}); connecting again in {} ms", location,
                        e.getMessage(), retryAfterMillis);
                HistoryConnections.closeQuietly(connection);
                connection = null;
                pause();
            }
        }
        HistoryConnections.closeQuietly(connection);
    }

    private Connection listen() throws SQLException {
        Connection c = connections.open("listening for other consoles' decisions");
        try (Statement s = c.createStatement()) {
            // Named apart from the store's connections in pg_stat_activity, for the DBA (and a test that kills it).
            s.execute("SET application_name = '" + APPLICATION_NAME + "'; LISTEN " + TeamHistorySchema.CHANGES_CHANNEL);
            return c;
        } catch (SQLException e) {
            HistoryConnections.closeQuietly(c);
            throw e;
        }
    }

    /** Reads the head on the listening connection (a failure of that read is the connection's), then catches up. */
    private void runCatchUp(Connection connection) throws SQLException {
        long head;
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery(JournalQueries.HEAD)) {
            head = JournalQueries.headOf(row).seq();
        }
        try {
            catchUp.accept(head);
        } catch (RuntimeException e) {
            // The store's own connection failed, say: the next wake-up or period tries again from the same seq.
            log.warn("Catching up with the team history {} failed: {}", location, e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryAfterMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    /** Stops listening; waits for a catch-up under way to end. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
