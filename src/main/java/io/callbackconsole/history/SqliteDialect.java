package io.callbackconsole.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history in one SQLite file: a write holds SQLite's write lock (BEGIN IMMEDIATE), {@code sqlite_sequence} counts
 * the numbers given out, the writer fills the FTS5 index, and a closing store folds the WAL into the file.
 */
final class SqliteDialect implements HistoryDialect {
    private static final Logger log = LoggerFactory.getLogger(SqliteDialect.class);

    private final Path databaseFile;

    SqliteDialect(Path databaseFile) {
        this.databaseFile = databaseFile;
    }

    @Override
    public String describe() {
        return "the history database " + databaseFile;
    }

    @Override
    public String location() {
        return databaseFile.toString();
    }

    @Override
    public void beginWrite(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    @Override
    public void commit(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    @Override
    public void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (after SQLITE_FULL, for instance); the original failure is thrown.
            log.debug("Rollback after a failed history write did not run: {}", e.getMessage());
        }
    }

    @Override
    public long lastNumberGiven(Connection c, ChainHead head) throws SQLException {
        // After the last number SQLite ever gave out, so a number is never reused.
        return numberCounter(c).orElse(0);
    }

    @Override
    public OptionalLong numberCounter(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq FROM sqlite_sequence WHERE name = 'submission_event'")) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.of(0);
        }
    }

    @Override
    public boolean indexesForSearch() {
        return true;
    }

    @Override
    public <T> T inReadSnapshot(Connection c, SqlRead<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN");
            try {
                return work.read(c);
            } finally {
                s.execute("COMMIT");
            }
        }
    }

    /**
     * Moves the WAL into the database and empties it, so a closed history leaves no WAL behind. Best effort: another
     * console still reading keeps the WAL in use (SQLite then checkpoints what it can), and a full disk leaves it as
     * it is; every committed row is in the WAL or the database either way.
     */
    @Override
    public void closing(Connection c) {
        try {
            if (c.isReadOnly()) {
                return;
            }
        } catch (SQLException e) {
            return;
        }
        try (Statement s = c.createStatement(); ResultSet result = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (result.next() && result.getInt(1) != 0) {
                log.debug("History at {}: the WAL stays in use by another reader or writer", databaseFile);
            }
        } catch (SQLException e) {
            log.debug("History at {}: WAL not checkpointed on close: {}", databaseFile, e.getMessage());
        }
    }

    @Override
    public RuntimeException translate(String doing, SQLException e) {
        return SqliteFailures.translate(databaseFile, doing, e);
    }
}
