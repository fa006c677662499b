package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The one way the history opens SQLite connections to its file, for the writer ({@link HistoryStore}) and the
 * auditor's readers ({@link AuditLog}) alike: the busy timeout, read-only mode, and the refusal of a file written by a
 * newer console, in one place.
 */
final class HistoryConnections {
    private HistoryConnections() {
    }

    /**
     * A connection to the history file with the options' busy timeout.
     *
     * @param readOnly open it read-only in SQLite's sense (a store opened read-only); the audit readers keep the
     *                 mode they always had: opened normally, with {@code query_only} set on the connection
     * @param doing    what it is opened for, for the error message ("opening it", "opening it for reading")
     */
    static Connection open(Path file, HistoryOptions options, boolean readOnly, String doing) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setReadOnly(readOnly);
        try {
            return config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw SqliteFailures.translate(file, doing, e);
        }
    }

    /** How a reader opens the file: as any connection, read-only, or as an unchanging copy. */
    enum ReadMode {
        /** Opened normally (the caller sets {@code query_only}): the file and its directory can be written. */
        SHARED(""),
        /** {@code mode=ro}: the file cannot be written, its directory can (SQLite may keep {@code -shm} there). */
        READ_ONLY("?mode=ro"),
        /** {@code mode=ro&immutable=1}: nothing is written or locked; the directory may be read-only too. */
        IMMUTABLE("?mode=ro&immutable=1");

        private final String query;

        ReadMode(String query) {
            this.query = query;
        }

        /**
         * The mode for reading {@code file} with these options: a writer's options read as ever; a read-only
         * store's read as an unchanging copy when asked or when the directory cannot be written (SQLite could not
         * create the {@code -shm} it needs, and the file must not change), read-only when the file cannot be written.
         */
        static ReadMode of(Path file, HistoryOptions options) {
            if (options.immutable()) {
                return IMMUTABLE;
            }
            if (!options.readOnly()) {
                return SHARED;
            }
            Path directory = file.toAbsolutePath().getParent();
            if (directory != null && !Files.isWritable(directory)) {
                return IMMUTABLE;
            }
            return Files.isWritable(file) ? SHARED : READ_ONLY;
        }
    }

    /**
     * A reading connection in the given mode. The file is named by its URI, so a path with spaces, {@code ?} or
     * {@code #} is the file meant.
     */
    static Connection openForReading(Path file, HistoryOptions options, ReadMode mode, String doing) {
        if (mode == ReadMode.SHARED) {
            return open(file, options, false, doing);
        }
        if (mode == ReadMode.IMMUTABLE) {
            refuseUncheckpointedLog(file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri().toASCIIString()
                    + mode.query);
        } catch (SQLException e) {
            throw SqliteFailures.translate(file, doing, e);
        }
    }

    /**
     * An immutable reader ignores the write-ahead log (measured: a copy whose rows were all still in its -wal read as
     * an empty database), so it would verify a shorter history than the copy holds. Refused instead.
     */
    private static void refuseUncheckpointedLog(Path file) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        long size;
        try {
            size = Files.exists(wal) ? Files.size(wal) : 0;
        } catch (java.io.IOException e) {
            size = 1; // cannot tell: assume it holds rows
        }
        if (size > 0) {
            throw new HistoryUnavailableException(Problem.READ_ONLY, file, "The history " + file + " has a"
                    + " write-ahead log (" + wal.getFileName() + ", " + size + " bytes) with rows that may not be in"
                    + " the file yet, and its directory cannot be written (or --immutable was given), so it can only"
                    + " be read as an unchanging copy, which would leave those rows out. Copy both files to a"
                    + " directory you can write and read the copy there.", null);
        }
    }

    /** The schema version the file has ({@code PRAGMA user_version}; 0 for a new or foreign file). */
    static int schemaVersion(Connection c) throws SQLException {
        return intPragma(c, "user_version");
    }

    static int intPragma(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("PRAGMA " + pragma)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    /**
     * Refuses a file written by a newer console, which this one must neither change nor misread.
     *
     * @param remedy what the operator can do, as a sentence
     */
    static void refuseNewerSchema(Path file, int version, String remedy) {
        int latest = HistorySchema.latestVersion(HistorySchema.MIGRATIONS);
        if (version > latest) {
            throw new HistoryUnavailableException(Problem.NEWER_SCHEMA, file, "The history database " + file
                    + " was written by a newer Callback Console (schema version " + version + "; this one knows up to "
                    + latest + "). " + remedy, null);
        }
    }

    /** Closes {@code c}, if there is one, leaving any failure to what made the caller close it. */
    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // The failure that made us close it is what gets reported.
        }
    }
}
