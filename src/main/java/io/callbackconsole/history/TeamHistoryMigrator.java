package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a team history ready at connect: the database is ours (not someone else's tables), not from a newer console,
 * every pending migration applied (all of them in one transaction under an advisory lock, so consoles connecting
 * together migrate once), and the console's role may SELECT and INSERT. Migrating needs the owner's rights; the
 * console's INSERT-and-SELECT role meets a database the owner has migrated.
 *
 * <p>Flyway was weighed and not taken: the history already has a numbered migrator with a refusal of newer schemas
 * in its own words, a migration may need Java (hashing rows, as SQLite's migration 2 does), and two more libraries
 * would be in the product for one table of versions.
 */
final class TeamHistoryMigrator {
    private static final Logger log = LoggerFactory.getLogger(TeamHistoryMigrator.class);

    private TeamHistoryMigrator() {
    }

    /**
     * Checks, migrates and checks the role; returns the schema version and the role's privileges.
     *
     * @param forReading for verify and reading only: nothing is migrated (a schema behind is refused) and SELECT is
     *                   all the role needs, so an auditor's read-only role can verify
     */
    static Prepared prepare(Connection c, TeamHistoryLocation location, String consoleVersion,
                            List<SchemaMigration> migrations, boolean forReading) throws SQLException {
        int latest = HistorySchema.latestVersion(migrations);
        int version = schemaVersion(c, location);
        if (version > latest) {
            throw new HistoryUnavailableException(Problem.NEWER_SCHEMA, location, "The team history "
                    + location.display() + " was written by a newer Callback Console (schema version " + version
                    + "; this one knows up to " + latest + "). It was left untouched. Use the newer console.", null);
        }
        if (version < latest && forReading) {
            throw new HistoryUnavailableException(Problem.READ_ONLY, location, "The team history "
                    + location.display() + (version == 0 ? " has no Callback Console journal yet"
                    : " has schema version " + version + " and needs an upgrade to " + latest) + ", which reading"
                    + " it does not apply. Have the owner role connect once with this console, then read it again.",
                    null);
        }
        if (version < latest) {
            version = migrate(c, location, consoleVersion, migrations);
        }
        TeamHistoryPrivileges privileges = TeamHistoryPrivileges.of(c);
        if (forReading ? !privileges.select() : !privileges.sufficient()) {
            throw new HistoryUnavailableException(Problem.PRIVILEGES, location, "The team history "
                    + location.display() + " does not let role " + privileges.role() + " "
                    + (privileges.select() ? "add rows (INSERT)" : privileges.insert() ? "read rows (SELECT)"
                    : "read or add rows (SELECT, INSERT)") + ", so no decision could be journaled and none is sent."
                    + " Ask the database administrator to run: " + privileges.grantNeeded(), null);
        }
        return new Prepared(version, privileges);
    }

    record Prepared(int version, TeamHistoryPrivileges privileges) {
    }

    /** The version applied, 0 for an empty database; refuses a database with other tables of these names. */
    private static int schemaVersion(Connection c, TeamHistoryLocation location) throws SQLException {
        boolean versions;
        boolean journal;
        // Read from pg_class with the statement's snapshot rather than by to_regclass, whose name cache may not have
        // seen the tables another console created while this one waited for the migration lock (found by the test of
        // two consoles migrating at once).
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("""
                SELECT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'history_schema'
                                  AND relnamespace = current_schema()::regnamespace),
                       EXISTS (SELECT 1 FROM pg_class WHERE relname = 'submission_event'
                                  AND relnamespace = current_schema()::regnamespace)""")) {
            row.next();
            versions = row.getBoolean(1);
            journal = row.getBoolean(2);
        }
        if (!versions) {
            if (journal) {
                throw new HistoryUnavailableException(Problem.NOT_A_HISTORY, location, "The database of the team"
                        + " history " + location.display() + " has a table submission_event but no history_schema:"
                        + " it is not a Callback Console team history. It was left untouched. Choose another"
                        + " database, or another schema with currentSchema=… in the URL.", null);
            }
            return 0;
        }
        try (Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT coalesce(max(version), 0) FROM history_schema")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static int migrate(Connection c, TeamHistoryLocation location, String consoleVersion,
                               List<SchemaMigration> migrations) throws SQLException {
        c.setAutoCommit(false);
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PostgresDialect.MIGRATION_LOCK);
                lock.execute();
            }
            // Another console may have migrated while this one waited for the lock.
            int version = schemaVersion(c, location);
            for (SchemaMigration migration : migrations) {
                if (migration.version() <= version) {
                    continue;
                }
                for (SchemaMigration.Step step : migration.steps()) {
                    step.apply(c);
                }
                try (PreparedStatement record = c.prepareStatement(
                        "INSERT INTO history_schema (version, purpose, console_version) VALUES (?, ?, ?)")) {
                    record.setInt(1, migration.version());
                    record.setString(2, migration.purpose());
                    record.setString(3, consoleVersion);
                    record.executeUpdate();
                }
                version = migration.version();
                log.info("Team history {} migrated to schema version {} ({})", location.display(), version,
                        migration.purpose());
            }
            c.commit();
            return version;
        } catch (SQLException e) {
            rollbackQuietly(c);
            if ("42501".equals(e.getSQLState())) {
                throw new HistoryUnavailableException(Problem.PRIVILEGES, location, "The team history "
                        + location.display() + " needs its schema set up or upgraded to version "
                        + HistorySchema.latestVersion(migrations) + ", and this role may not change it ("
                        + e.getMessage() + "). Have the owner role connect once with this console (README: Team"
                        + " history on PostgreSQL), then connect again.", e);
            }
            throw e;
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            if (!c.isClosed()) {
                c.setAutoCommit(true);
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("Rollback after a failed team-history migration did not run: {}", e.getMessage());
        }
    }
}
