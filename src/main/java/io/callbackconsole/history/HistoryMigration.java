package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A history's schema on its own, for {@code history migrate}: which version it has and which migrations are pending
 * ({@link #checkTeam}, {@link #checkFile}, which change nothing), and applying them ({@link #migrateTeam},
 * {@link #migrateFile}) with the same migrators, locks and transactions as opening a store, so a database
 * administrator can upgrade a team history in a change window and the consoles' INSERT-and-SELECT role never needs
 * to.
 */
public final class HistoryMigration {

    /** A migration not applied yet: its number and what it does. */
    public record Pending(int version, String purpose) {
    }

    /**
     * Where a history's schema stands.
     *
     * @param owner the role that owns a team history's journal, who may migrate it; empty for a file, or a team
     *              history without a journal yet
     */
    public record Status(int version, int latest, List<Pending> pending, Optional<String> owner) {
        public Status {
            pending = List.copyOf(pending);
        }

        public boolean upToDate() {
            return pending.isEmpty();
        }
    }

    /**
     * What a migration run did.
     *
     * @param from    the version found before migrating
     * @param version the version now
     * @param applied the number of migrations this run applied
     */
    public record Applied(int from, int version, int applied) {
    }

    private HistoryMigration() {
    }

    /** The team history's schema, with the password from the process environment; nothing is changed. */
    public static Status checkTeam(TeamHistoryLocation location) {
        return checkTeam(location, System.getenv(), TeamHistorySchema.MIGRATIONS);
    }

    static Status checkTeam(TeamHistoryLocation location, Map<String, String> environment,
                            List<SchemaMigration> migrations) {
        Objects.requireNonNull(location, "location");
        TeamHistoryConnections connections = new TeamHistoryConnections(location, environment);
        PostgresDialect dialect = new PostgresDialect(location, connections.role());
        Connection c = connections.open("checking its schema");
        try {
            int version = TeamHistoryMigrator.checkedVersion(c, location, migrations);
            return new Status(version, HistorySchema.latestVersion(migrations), pending(migrations, version),
                    TeamHistoryMigrator.journalOwner(c));
        } catch (SQLException e) {
            throw dialect.translate("checking its schema", e);
        } finally {
            HistoryConnections.closeQuietly(c);
        }
    }

    /** Applies the team history's pending migrations, with the password from the process environment. */
    public static Applied migrateTeam(TeamHistoryLocation location, String consoleVersion) {
        return migrateTeam(location, consoleVersion, System.getenv(), TeamHistorySchema.MIGRATIONS);
    }

    static Applied migrateTeam(TeamHistoryLocation location, String consoleVersion, Map<String, String> environment,
                               List<SchemaMigration> migrations) {
        Objects.requireNonNull(location, "location");
        TeamHistoryConnections connections = new TeamHistoryConnections(location, environment);
        PostgresDialect dialect = new PostgresDialect(location, connections.role());
        Connection c = connections.open("migrating it");
        try {
            int version = TeamHistoryMigrator.checkedVersion(c, location, migrations);
            if (version == HistorySchema.latestVersion(migrations)) {
                return new Applied(version, version, 0);
            }
            TeamHistoryMigrator.Migrated migrated = TeamHistoryMigrator.migrate(c, location, consoleVersion,
                    migrations);
            return new Applied(migrated.found(), migrated.version(), migrated.applied());
        } catch (SQLException e) {
            throw dialect.translate("migrating it", e);
        } finally {
            HistoryConnections.closeQuietly(c);
        }
    }

    /** The history file's schema, read through a read-only connection; nothing is changed. */
    public static Status checkFile(Path file) {
        return checkFile(file, HistorySchema.MIGRATIONS);
    }

    static Status checkFile(Path databaseFile, List<SchemaMigration> migrations) {
        Path file = existingFile(databaseFile);
        Connection c = HistoryConnections.open(file, HistoryOptions.defaults().asReadOnly(), true,
                "checking its schema");
        try {
            int version = HistoryMigrator.checkedVersion(c, file, migrations);
            return new Status(version, HistorySchema.latestVersion(migrations), pending(migrations, version),
                    Optional.empty());
        } catch (SQLException e) {
            throw SqliteFailures.translate(file, "checking its schema", e);
        } finally {
            HistoryConnections.closeQuietly(c);
        }
    }

    /** Applies the history file's pending migrations, each in its IMMEDIATE transaction. */
    public static Applied migrateFile(Path file) {
        return migrateFile(file, HistorySchema.MIGRATIONS);
    }

    static Applied migrateFile(Path databaseFile, List<SchemaMigration> migrations) {
        Path file = existingFile(databaseFile);
        HistoryOptions options = HistoryOptions.defaults();
        Connection c = HistoryConnections.open(file, options, false, "migrating it");
        try {
            int from = HistoryMigrator.checkedVersion(c, file, migrations);
            int version = HistoryMigrator.prepare(c, file, options, migrations);
            return new Applied(from, version, pending(migrations, from).size() - pending(migrations, version).size());
        } catch (SQLException e) {
            throw SqliteFailures.translate(file, "migrating it", e);
        } finally {
            HistoryConnections.closeQuietly(c);
        }
    }

    /*
     * A file that is not there is refused rather than created: a mistyped path would otherwise become a new, empty
     * history reported as migrated.
     */
    private static Path existingFile(Path databaseFile) {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Path file = databaseFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new HistoryUnavailableException(Problem.CANNOT_OPEN, file, "There is no history database at "
                    + file + " to migrate. Check the path; a new history is set up by the console's first write.",
                    null);
        }
        return file;
    }

    private static List<Pending> pending(List<SchemaMigration> migrations, int version) {
        return migrations.stream().filter(m -> m.version() > version)
                .map(m -> new Pending(m.version(), m.purpose())).toList();
    }
}
