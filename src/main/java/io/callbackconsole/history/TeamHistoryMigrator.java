package io.callbackconsole.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
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
        int version = checkedVersion(c, location, migrations);
        if (version < latest && forReading) {
            throw new HistoryUnavailableException(Problem.READ_ONLY, location, "The team history "
                    + location.display() + (version == 0 ? " has no Callback Console journal yet"
                    : " has schema version " + version + " and needs an upgrade to " + latest) + ", which reading"
                    + " it does not apply. " + ownerShouldMigrate(c, location, version) + ", then read it again.",
                    null);
        }
        if (version < latest) {
            version = migrate(c, location, consoleVersion, migrations).version();
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

    /**
     * What one migration run did.
     *
     * @param found   the version found once the migration lock was held (another console may have migrated meanwhile)
     * @param version the version now
     * @param applied how many migrations this run applied
     */
    record Migrated(int found, int version, int applied) {
    }

    /** The version applied (0 for an empty database), refusing a newer schema or someone else's tables. */
    static int checkedVersion(Connection c, TeamHistoryLocation location, List<SchemaMigration> migrations)
            throws SQLException {
        int latest = HistorySchema.latestVersion(migrations);
        int version = schemaVersion(c, location);
        if (version > latest) {
            throw new HistoryUnavailableException(Problem.NEWER_SCHEMA, location, "The team history "
                    + location.display() + " was written by a newer Callback Console (schema version " + version
                    + "; this one knows up to " + latest + "). It was left untouched. Use the newer console.", null);
        }
        return version;
    }

    /**
     * The role that owns the journal, which alone may alter it (PostgreSQL lets only a table's owner ALTER it); empty
     * before there is a journal, or when the catalog cannot be read.
     */
    static Optional<String> journalOwner(Connection c) {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("""
                SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'submission_event'
                   AND relnamespace = current_schema()::regnamespace""")) {
            return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            log.debug("The team history's owner could not be read: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Who should run {@code history migrate}, and the command, as a sentence without its full stop: the journal's
     * owner by name, or before there is a journal the role meant to own it.
     */
    static String ownerShouldMigrate(Connection c, TeamHistoryLocation location, int version) {
        Optional<String> owner = version == 0 ? Optional.empty() : journalOwner(c).map(DisplayText::escape);
        return owner.map(role -> "Have the owner role " + role + " run callback-console history migrate --history "
                        + location.displayAs(role))
                .orElse("Have the role meant to own its tables (one that may create tables in the database's"
                        + " schema; team-history-grants.sql makes callback_history_owner) run callback-console"
                        + " history migrate --history " + location.displayAs("ROLE"));
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

    /**
     * Applies every pending migration in one transaction under the migration lock; a role that may not change the
     * schema is refused with the owner to run {@code history migrate} as, nothing changed.
     */
    static Migrated migrate(Connection c, TeamHistoryLocation location, String consoleVersion,
                            List<SchemaMigration> migrations) throws SQLException {
        int found = schemaVersion(c, location);
        c.setAutoCommit(false);
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, PostgresDialect.MIGRATION_LOCK);
                lock.execute();
            }
            // Another console may have migrated while this one waited for the lock.
            int version = checkedVersion(c, location, migrations);
            found = version;
            int applied = 0;
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
                applied++;
                log.info("Team history {} migrated to schema version {} ({})", location.display(), version,
                        migration.purpose());
            }
            c.commit();
            return new Migrated(found, version, applied);
        } catch (SQLException e) {
            rollbackQuietly(c);
            if ("42501".equals(e.getSQLState())) {
                // Rolled back above, so the catalog can be read again in a transaction of its own.
                throw new HistoryUnavailableException(Problem.PRIVILEGES, location, "The team history "
                        + location.display() + (found == 0 ? " needs its schema set up (version "
                        + HistorySchema.latestVersion(migrations) + ")" : " has schema version " + found
                        + " and needs an upgrade to " + HistorySchema.latestVersion(migrations)) + ", and role "
                        + DisplayText.escape(currentRole(c)) + " may not change it (" + firstLine(e.getMessage())
                        + "); nothing was changed. " + ownerShouldMigrate(c, location, found)
                        + " (README: Team history on PostgreSQL), then connect again.", e);
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

    /** The server's sentence without the driver's "Position: 14" line after it. */
    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String currentRole(Connection c) {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT current_user")) {
            return row.next() ? row.getString(1) : "?";
        } catch (SQLException e) {
            return "?";
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
