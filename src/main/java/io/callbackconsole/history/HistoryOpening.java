package io.callbackconsole.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the one connection a {@link HistoryStore} runs on, for either database: connects, migrates (or refuses a
 * newer schema), checks a team role's privileges and notes a file's head with its witness. A failure closes what it
 * opened and throws, so a store either opens whole or not at all.
 */
final class HistoryOpening {
    private static final Logger log = LoggerFactory.getLogger(HistoryOpening.class);

    /**
     * What a store runs on once opened.
     *
     * @param databaseFile   the file; null for a team history
     * @param witness        where a file's heads are kept outside it; null for a team history (the server's privileges
     *                       keep it)
     * @param teamPrivileges the team role's privileges as checked at connect; null for a file
     * @param reconnect      opens a new connection after the server went away; null for a file
     * @param teamConnections opens the team history's further connections (its listener's); null for a file
     */
    record Opened(Path databaseFile, HistoryDialect dialect, Connection connection, HeadWitness witness,
                  TeamHistoryPrivileges teamPrivileges, Supplier<Connection> reconnect,
                  TeamHistoryConnections teamConnections) {
    }

    private HistoryOpening() {
    }

    /** Opens (creating it and its directories if needed) and migrates a history file. */
    static Opened file(Path databaseFile, HistoryOptions options, List<SchemaMigration> migrations) {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(options, "options");
        Path file = databaseFile.toAbsolutePath().normalize();
        HistoryMigrator.prepareLocation(file, options);

        Connection connection = HistoryConnections.open(file, options, options.readOnly(), "opening it");
        try {
            int version = HistoryMigrator.prepare(connection, file, options, migrations);
            log.info("History at {} (schema version {}{})", file, version, options.readOnly() ? ", read-only" : "");
            HeadWitness witness = FileHeadWitness.besides(file);
            // Rows have hashes from schema 2 on; a store opened with fewer migrations (tests) has no head.
            if (!options.readOnly() && version >= HistorySchema.FIRST_CHAINED_VERSION) {
                witnessHeadAtOpen(connection, witness);
            }
            return new Opened(file, new SqliteDialect(file), connection, witness, null, null, null);
        } catch (SQLException e) {
            HistoryConnections.closeQuietly(connection);
            throw SqliteFailures.translate(file, "opening it", e);
        } catch (RuntimeException e) {
            HistoryConnections.closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Opens a team history on PostgreSQL, migrating it unless {@code forReading}, with the password from
     * {@code environment} or the password file ({@link TeamHistoryConnections}).
     */
    static Opened team(TeamHistoryLocation location, String consoleVersion, Map<String, String> environment,
                       List<SchemaMigration> migrations, boolean forReading) {
        Objects.requireNonNull(location, "location");
        TeamHistoryConnections connections = new TeamHistoryConnections(location, environment);
        PostgresDialect dialect = new PostgresDialect(location, connections.role());
        Connection connection = connections.open("opening it");
        try {
            TeamHistoryMigrator.Prepared prepared = TeamHistoryMigrator.prepare(connection, location, consoleVersion,
                    migrations, forReading);
            log.info("Team history {} (schema version {}, role {}{})", location.display(), prepared.version(),
                    prepared.privileges().role(), prepared.privileges().couldRewriteHistory()
                            ? "; it may also " + String.join(", ", prepared.privileges().rewritingPrivileges()) : "");
            return new Opened(null, dialect, connection, null, prepared.privileges(),
                    () -> connections.open("reconnecting to it"), connections);
        } catch (SQLException e) {
            HistoryConnections.closeQuietly(connection);
            throw dialect.translate("opening it", e);
        } catch (RuntimeException e) {
            HistoryConnections.closeQuietly(connection);
            throw e;
        }
    }

    /*
     * The head as found at start, when the witness does not have it last: the first head of a new witness, or of a
     * history written by an older console or another program meanwhile. A history cut while no console ran keeps its
     * earlier witnessed heads, so verify still names the cut.
     */
    private static void witnessHeadAtOpen(Connection connection, HeadWitness witness) throws SQLException {
        ChainHead head = JournalQueries.head(connection);
        Optional<ChainHead> last;
        try {
            last = witness.lastHead();
        } catch (RuntimeException e) {
            log.warn("The history's witness cannot be read ({}); verify will report it", e.getMessage());
            return;
        }
        if (head.seq() > 0 && !last.equals(Optional.of(head))) {
            witness.witness(head);
        }
    }
}
