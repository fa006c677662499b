package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens another reading connection of the auditor's to the same history, checked as the first was ({@link AuditLog}
 * reads through several: the windowed reads, the exact counts, each export). The two kinds it opens, a file's and a
 * team history's, are made by the static openers here; they never write.
 */
@FunctionalInterface
interface AuditReaders {
    int MIN_SCHEMA = 2;
    int CACHE_KIB = 32 * 1024;

    Connection open();

    /**
     * A reading connection to a team history: a read-only session, on a database of this console's schema (nothing
     * is migrated) whose tables the role may SELECT.
     */
    static Connection teamReader(TeamHistoryConnections connections, TeamHistoryLocation location,
                                         PostgresDialect dialect) {
        Connection c = connections.openForReading("opening it for reading");
        try {
            TeamHistoryMigrator.prepare(c, location, "reader", TeamHistorySchema.MIGRATIONS, true);
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                // The server compiles a query whose estimated cost is high (a search's estimate is a guess) before
                // running it: 60-130 ms of JIT for a rare word's count that then ran in 1-5 ms (1 000 000 rows). A
                // view's reads stop at a page or a limit, so compiling never pays back.
                s.execute("SET jit = off");
            }
            return c;
        } catch (SQLException e) {
            HistoryConnections.closeQuietly(c);
            throw dialect.translate("opening it for reading", e);
        } catch (RuntimeException e) {
            HistoryConnections.closeQuietly(c);
            throw e;
        }
    }

    /**
     * A reading connection ({@code query_only}) to a history this console can read: migrated at least to
     * {@value #MIN_SCHEMA}, not from a newer console.
     */
    static Connection connect(Path file, HistoryOptions options) {
        Connection c = HistoryConnections.openForReading(file, options,
                HistoryConnections.ReadMode.of(file, options), "opening it for reading");
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
            // Searches read the same FTS doclists and index pages again and again; SQLite's default 2 MiB cache
            // sent each back to the file system (a third of a common-word search's time under load).
            s.execute("PRAGMA cache_size = -" + CACHE_KIB);
            int version = HistoryConnections.schemaVersion(c);
            HistoryConnections.refuseNewerSchema(file, version, "Use the newer console to read it.");
            if (version < MIN_SCHEMA) {
                throw new HistoryUnavailableException(Problem.NOT_A_HISTORY, file, "The history database " + file
                        + " has schema version " + version + ", older than the audit view reads (" + MIN_SCHEMA
                        + "). Migrate it with callback-console history migrate --history " + file
                        + " (or open it once with this console, which migrates at start), then read it again.", null);
            }
            return c;
        } catch (SQLException e) {
            HistoryConnections.closeQuietly(c);
            throw SqliteFailures.translate(file, "opening it for reading", e);
        } catch (RuntimeException e) {
            HistoryConnections.closeQuietly(c);
            throw e;
        }
    }
}
