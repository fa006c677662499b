package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a local SQLite history (a file an operator kept before the team history) into a team history: every row in
 * its order, keeping its connection, operator, times, request token and every other column, appended to the team
 * chain under the chain lock (new seqs, the outcome rows tied to their intents' new seqs), each with its provenance
 * (the file, the file's chain head, when, and the row's own seq and hash there: {@link TeamHistorySchema} migration 3).
 *
 * <p>All or nothing, in one transaction. The file is read in one snapshot, and its own chain (with the heads witnessed
 * beside it) must verify first: a history that does not verify is refused with the reason, as is one with sandbox
 * decisions (the sandbox keeps its own history) or a decision the team history already holds as one of its own.
 * Idempotent: a row whose hash the team history holds as imported is not imported again, so a second run imports
 * nothing, and a run after the operator kept using the file imports only the rows added since. Blocking.
 */
public final class TeamHistoryImport {
    private static final Logger log = LoggerFactory.getLogger(TeamHistoryImport.class);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * What an import did.
     *
     * @param source          the file, as recorded in {@code imported_from}
     * @param sourceHead      the file's chain head, as verified
     * @param sourceRows      rows in the file
     * @param imported        rows appended now
     * @param alreadyImported rows the team history held from an earlier import
     * @param firstSeq        the team seq of the first row appended now; 0 when none was
     * @param teamHead        the team chain's head after the import
     */
    public record Result(Path source, ChainHead sourceHead, long sourceRows, long imported, long alreadyImported,
                         long firstSeq, ChainHead teamHead) {
    }

    /** The file cannot be imported as it is; nothing was imported. The message says why. */
    public static final class Refused extends RuntimeException {
        private final boolean chainBroken;

        Refused(String message, boolean chainBroken) {
            super(message);
            this.chainBroken = chainBroken;
        }

        /** Whether the file's own chain does not verify (an audit finding), rather than another reason. */
        public boolean chainBroken() {
            return chainBroken;
        }
    }

    private TeamHistoryImport() {
    }

    /**
     * Imports {@code source} into the team history, as the role of the URL (PGPASSWORD or the password file's).
     *
     * @throws Refused                     when the file's chain does not verify, it holds sandbox decisions, or a
     *                                     decision of it is already a native row of the team history
     * @throws HistoryUnavailableException when either history cannot be read or the team history cannot be written
     */
    public static Result run(TeamHistoryLocation team, Path source, String consoleVersion, Instant now) {
        return run(team, source, consoleVersion, now, System.getenv());
    }

    static Result run(TeamHistoryLocation team, Path source, String consoleVersion, Instant now,
                      Map<String, String> environment) {
        Objects.requireNonNull(team, "team");
        Path file = source.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new HistoryUnavailableException(Problem.CANNOT_OPEN, file, "There is no history database at " + file
                    + " to import. Name the history.db file the operator kept.", null);
        }
        HistoryOptions options = HistoryOptions.defaults().asReadOnly();
        try (Connection local = HistoryConnections.openForReading(file, options,
                HistoryConnections.ReadMode.of(file, options), "opening it to import")) {
            SqliteDialect sqlite = new SqliteDialect(file);
            try {
                return sqlite.inReadSnapshot(local, c -> {
                    ChainVerification verified = verifiedSource(c, file);
                    refuseSandboxRows(c, file);
                    return copy(c, file, verified, team, consoleVersion, now, environment);
                });
            } catch (SQLException e) {
                throw sqlite.translate("reading it to import", e);
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(file, "closing it", e);
        }
    }

    /** The file's chain, walked with the heads witnessed beside it; refused unless all of it holds. */
    private static ChainVerification verifiedSource(Connection c, Path file) throws SQLException {
        int version = HistoryConnections.schemaVersion(c);
        HistoryConnections.refuseNewerSchema(file, version, "Import it with the newer console.");
        if (version < HistorySchema.FIRST_CHAINED_VERSION) {
            throw new Refused("The history " + file + " has schema version " + version + ", from before the hash"
                    + " chain: open it once with this console (it migrates at start), then import it. Nothing was"
                    + " imported.", false);
        }
        ChainVerification verified;
        try {
            verified = ChainVerifier.verify(c, List.of(), FileHeadWitness.besides(file), new SqliteDialect(file));
        } catch (IllegalStateException witnessEdited) {
            throw new Refused("The history " + file + " is not imported: " + witnessEdited.getMessage()
                    + " Nothing was imported.", true);
        }
        if (!verified.intact()) {
            throw new Refused("The history " + file + " is not imported, because its own chain does not verify: "
                    + verified.summary().replace('\n', ' ') + ". Nothing was imported.", true);
        }
        return verified;
    }

    private static void refuseSandboxRows(Connection c, Path file) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event WHERE connection = 'sandbox'")) {
            rows.next();
            long sandboxRows = rows.getLong(1);
            if (sandboxRows > 0) {
                throw new Refused("The history " + file + " holds " + sandboxRows + " row(s) of sandbox decisions,"
                        + " which stay out of the team history (the sandbox keeps its own). Nothing was imported.",
                        false);
            }
        }
    }

    private static Result copy(Connection local, Path file, ChainVerification verified, TeamHistoryLocation team,
                               String consoleVersion, Instant now, Map<String, String> environment)
            throws SQLException {
        TeamHistoryConnections connections = new TeamHistoryConnections(team, environment);
        PostgresDialect dialect = new PostgresDialect(team, connections.role());
        Connection c = connections.open("importing into it");
        try {
            TeamHistoryMigrator.prepare(c, team, consoleVersion, TeamHistorySchema.MIGRATIONS, false);
            dialect.beginWrite(c);
            try {
                Result result = append(local, c, dialect, file, verified.head(), now);
                dialect.commit(c);
                log.info("Imported {} of {} rows of {} (head {}) into {}; team head {}", result.imported(),
                        result.sourceRows(), file, result.sourceHead(), team.display(), result.teamHead());
                return result;
            } catch (SQLException | RuntimeException e) {
                dialect.rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw dialect.translate("importing " + file + " into it", e);
        } finally {
            HistoryConnections.closeQuietly(c);
        }
    }

    /** Appends the file's rows not imported before, in seq order; call under the chain lock. */
    private static Result append(Connection local, Connection c, PostgresDialect dialect, Path file,
                                 ChainHead sourceHead, Instant now) throws SQLException {
        Map<String, Long> importedBefore = importedHashes(c);
        Map<Long, Long> teamSeqOf = new HashMap<>(); // the file's seq to the team's
        long rows = 0;
        long already = 0;
        long imported = 0;
        long firstSeq = 0;
        try (JournalRows.Appending appending = new JournalRows().appending(c, dialect);
             Statement s = local.createStatement();
             ResultSet source = s.executeQuery("SELECT * FROM submission_event ORDER BY seq")) {
            ResultSetMetaData meta = source.getMetaData();
            PreparedStatement nativeIntent = appending.statement("SELECT seq FROM submission_event WHERE kind = 'INTENT'"
                    + " AND client_request_token = ?");
            while (source.next()) {
                rows++;
                long seq = source.getLong("seq");
                String hash = source.getString("hash");
                Long earlier = importedBefore.get(hash);
                if (earlier != null) {
                    teamSeqOf.put(seq, earlier);
                    already++;
                    continue;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    Object value = source.getObject(i);
                    if (value == null || name.equals("seq") || name.equals("hash")) {
                        continue;
                    }
                    row.put(name, value instanceof Number number ? (Object) number.longValue() : value.toString());
                }
                if (row.get("intent_seq") instanceof Long intentSeq) {
                    Long teamIntent = teamSeqOf.get(intentSeq);
                    if (teamIntent == null) {
                        throw new IllegalStateException("Row seq " + seq + " of " + file + " answers intent seq "
                                + intentSeq + ", which comes after it or is missing; the file verified, so this is a"
                                + " bug.");
                    }
                    row.put("intent_seq", teamIntent);
                } else {
                    refuseNativeDuplicate(nativeIntent, file, seq, (String) row.get("client_request_token"));
                }
                row.put("imported_from", file.toString());
                row.put("imported_head", sourceHead.toString());
                row.put("imported_at", MILLIS.format(now));
                row.put("imported_seq", seq);
                row.put("imported_hash", hash);
                long teamSeq = appending.append(row);
                teamSeqOf.put(seq, teamSeq);
                firstSeq = firstSeq == 0 ? teamSeq : firstSeq;
                imported++;
            }
        }
        return new Result(file, sourceHead, rows, imported, already, firstSeq, JournalQueries.head(c));
    }

    /** The hashes of rows imported earlier (from any file), to the team seq they have. */
    private static Map<String, Long> importedHashes(Connection c) throws SQLException {
        Map<String, Long> hashes = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT imported_hash, seq FROM submission_event"
                     + " WHERE imported_hash IS NOT NULL")) {
            while (rows.next()) {
                hashes.put(rows.getString(1), rows.getLong(2));
            }
        }
        return hashes;
    }

    /**
     * A decision is one request token: the file's intent must not be a decision the team history journaled itself
     * (the same decision twice would be two decisions on record, and the unique index would refuse it anyway).
     */
    private static void refuseNativeDuplicate(PreparedStatement nativeIntent, Path file, long seq, String requestToken)
            throws SQLException {
        nativeIntent.setString(1, requestToken);
        try (ResultSet found = nativeIntent.executeQuery()) {
            if (found.next()) {
                throw new Refused("The history " + file + " is not imported: its decision at seq " + seq
                        + " (request token " + requestToken + ") is in the team history already, as its row seq "
                        + found.getLong(1) + ", not imported from a file. Nothing was imported.", false);
            }
        }
    }
}
