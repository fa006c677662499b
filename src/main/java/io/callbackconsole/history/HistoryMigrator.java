package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a history file ready for the writer: its directory exists, the file is ours (not someone else's SQLite
 * database) and not from a newer console, the connection is in WAL mode with {@code synchronous=FULL} and the WAL's
 * bounds, and every pending migration is applied, each in one IMMEDIATE transaction.
 */
final class HistoryMigrator {
    private static final Logger log = LoggerFactory.getLogger(HistoryMigrator.class);

    /*
     * The write-ahead log's bounds. A one-row commit writes ~80 KB of WAL frames (the row's page, eight index pages,
     * the free-text index, the counters). SQLite's defaults let the WAL grow to 4 MiB before a checkpoint and never
     * shrink it, and while a reader holds a snapshot every commit adds its 80 KB (78 MB after 1 000 commits, kept
     * after the reader let go). Measured over 1 000 one-row commits: with a checkpoint every 256 pages (~1 MiB) and the
     * WAL cut back to 1 MiB whenever it restarts, it stays at 1.0-1.2 MiB and returns to 1 MiB after a reader held it,
     * at the same time per commit (a checkpoint every 64 pages cost 30 % more).
     */
    static final int WAL_AUTOCHECKPOINT_PAGES = 256;
    static final long JOURNAL_SIZE_LIMIT_BYTES = 1L << 20;

    private HistoryMigrator() {
    }

    static void prepareLocation(Path file, HistoryOptions options) {
        if (options.readOnly()) {
            if (!Files.isRegularFile(file)) {
                throw new HistoryUnavailableException(Problem.CANNOT_OPEN, file, "There is no history database at "
                        + file + " to read. Check the path, or choose another data directory with --data-dir.", null);
            }
            return;
        }
        Path directory = file.getParent();
        try {
            if (directory != null) {
                Files.createDirectories(directory);
            }
        } catch (AccessDeniedException e) {
            throw new HistoryUnavailableException(Problem.READ_ONLY, file, "The directory for the history database "
                    + file + " cannot be created: permission denied at " + e.getFile()
                    + ". Choose another data directory with --data-dir.", e);
        } catch (IOException e) {
            throw new HistoryUnavailableException(Problem.CANNOT_OPEN, file, "The directory for the history database "
                    + file + " cannot be created (" + e + "). Choose another data directory with --data-dir.", e);
        }
    }

    /** Checks that the file is ours and not from the future, sets the connection up and migrates; returns the version. */
    static int prepare(Connection c, Path file, HistoryOptions options, List<SchemaMigration> migrations)
            throws SQLException {
        int latest = HistorySchema.latestVersion(migrations);
        // Read before changing anything, so a file we must refuse is left exactly as it was.
        int version = checkedVersion(c, file, migrations);

        try (Statement s = c.createStatement()) {
            if (!options.readOnly()) {
                // WAL lets the history screen read while a submission writes; the mode is stored in the file.
                try (ResultSet mode = s.executeQuery("PRAGMA journal_mode = WAL")) {
                    String actual = mode.next() ? mode.getString(1) : "?";
                    if (!"wal".equalsIgnoreCase(actual)) {
                        log.warn("History at {} uses journal mode {} (WAL not available on this file system);"
                                + " writes stay durable but readers may wait for writers", file, actual);
                    }
                }
            }
            s.execute("PRAGMA synchronous = FULL");
            if (!options.readOnly()) {
                s.execute("PRAGMA wal_autocheckpoint = " + WAL_AUTOCHECKPOINT_PAGES);
                s.execute("PRAGMA journal_size_limit = " + JOURNAL_SIZE_LIMIT_BYTES);
            }
        }

        if (version < latest) {
            if (options.readOnly()) {
                throw new HistoryUnavailableException(Problem.READ_ONLY, file, "The history database " + file
                        + " has schema version " + version + " and needs an upgrade to " + latest
                        + ", which a read-only store cannot apply. Open it once with write access.", null);
            }
            applyPending(c, file, migrations);
        }
        try (Statement s = c.createStatement()) {
            // Off while migrating, so a migration can rebuild a table that refers to itself.
            s.execute("PRAGMA foreign_keys = ON");
        }
        return intPragma(c, "user_version");
    }

    /** The file's schema version, refusing one from a newer console or someone else's database; changes nothing. */
    static int checkedVersion(Connection c, Path file, List<SchemaMigration> migrations) throws SQLException {
        int latest = HistorySchema.latestVersion(migrations);
        int version = HistoryConnections.schemaVersion(c);
        if (version > latest) {
            throw new HistoryUnavailableException(Problem.NEWER_SCHEMA, file, "The history database " + file
                    + " was written by a newer Callback Console (schema version " + version + "; this one knows up to "
                    + latest + "). It was left untouched. Use the newer console, or choose another data directory"
                    + " with --data-dir.", null);
        }
        refuseForeignDatabase(c, file, version);
        return version;
    }

    private static void refuseForeignDatabase(Connection c, Path file, int version) throws SQLException {
        boolean foreign;
        if (version == 0) {
            // Version 0 is either an empty file we may set up, or someone else's database we must not touch.
            try (Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                foreign = rows.next() && rows.getInt(1) > 0;
            }
        } else {
            foreign = intPragma(c, "application_id") != HistorySchema.APPLICATION_ID;
        }
        if (foreign) {
            throw new HistoryUnavailableException(Problem.NOT_A_HISTORY, file, "The file " + file
                    + " is an SQLite database but not a Callback Console history. It was left untouched. Choose"
                    + " another data directory with --data-dir.", null);
        }
    }

    private static void applyPending(Connection c, Path file, List<SchemaMigration> migrations) throws SQLException {
        for (SchemaMigration migration : migrations) {
            try (Statement s = c.createStatement()) {
                // IMMEDIATE takes the write lock first, so two consoles starting together migrate once.
                s.execute("BEGIN IMMEDIATE");
                try {
                    if (intPragma(c, "user_version") >= migration.version()) {
                        s.execute("COMMIT");
                        continue;
                    }
                    for (SchemaMigration.Step step : migration.steps()) {
                        step.apply(c);
                    }
                    try (ResultSet broken = s.executeQuery("PRAGMA foreign_key_check")) {
                        if (broken.next()) {
                            throw new SQLException("Migration " + migration.version() + " left a row in "
                                    + broken.getString(1) + " that refers to a missing row; nothing was changed");
                        }
                    }
                    s.execute("PRAGMA user_version = " + migration.version());
                    s.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                }
            }
            log.info("History at {} migrated to schema version {} ({})", file, migration.version(), migration.purpose());
        }
    }

    private static int intPragma(Connection c, String pragma) throws SQLException {
        return HistoryConnections.intPragma(c, pragma);
    }

    private static void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            log.debug("Rollback after a failed migration did not run: {}", e.getMessage());
        }
    }
}
