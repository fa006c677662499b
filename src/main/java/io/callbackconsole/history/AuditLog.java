package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The auditor's side of the history: filtered, sorted, windowed reads of the raw events and of the decisions (an
 * intent with its latest outcome and attempts); streamed exports of either; verification of the hash chain. The same
 * for an SQLite file ({@link #open}) and a team history on PostgreSQL ({@link #openTeam}): the same rows give the same
 * pages, counts and export bytes. It reads through its own connections (never writing: {@code query_only}, or a
 * read-only session), so a long export or verify runs beside submissions instead of holding them up (the file is in
 * WAL mode; the server reads a snapshot). The SQL lives in {@link EventQueries}, {@link DecisionQueries} and
 * {@link AuditExporter}, what differs between the databases in {@link AuditSql} and {@link HistoryDialect}; this
 * class owns the connections and their locking. Blocking: never call from the FX thread.
 */
public final class AuditLog implements AutoCloseable {
    private static final int MAX_PAGE = 10_000;
    /** Rows an export reader formats before the other takes over (see {@link ExportRowStream}); ~0.5 MiB of CSV. */
    private static final int EXPORT_CHUNK_ROWS = 1_000;
    /**
     * How many matches a view counts (with {@link #countUpTo}) before it shows the first rows; it counts the rest
     * with {@link #count} afterwards. A common word matches a hundred thousand rows of a large history, and counting
     * them all takes longer than a search may. The same number as {@link TextMatchProbe#MANY_TEXT_MATCHES}, so the
     * first count of a text search also settles how its pages are read.
     */
    public static final long ROWS_COUNTED_FIRST = TextMatchProbe.MANY_TEXT_MATCHES;

    private final Path databaseFile; // null for a team history
    private final HistoryDialect dialect;
    private final AuditReaders readers;
    /** Whether exports may read on two connections (a file; see {@link ExportRowStream}). */
    private final boolean twoReaderExports;
    private final EventQueries events;
    private final DecisionQueries decisions;
    private final DecisionDayQueries decisionDays;
    /** A team history's reading connections, lent per read; null for a file, whose log holds its own. */
    private final TeamHistoryReadPool pool;
    private Connection reader; // a file's, for windowed queries; null for a team history
    private final Object countLock = new Object();
    private Connection counter; // a file's, for exact counts, opened on the first; guarded by countLock
    private volatile boolean closed;

    /** @param reader the file's reading connection; null for a team history, whose readers are a pool lending them */
    private AuditLog(Path databaseFile, HistoryDialect dialect, AuditSql sql, AuditReaders readers, Connection reader,
                     int schemaVersion) {
        this.databaseFile = databaseFile;
        this.dialect = dialect;
        this.readers = readers;
        this.twoReaderExports = sql == AuditSql.SQLITE;
        this.reader = reader;
        this.pool = readers instanceof TeamHistoryReadPool lending ? lending : null;
        TextMatchProbe textMatches = new TextMatchProbe(sql);
        this.events = new EventQueries(sql, schemaVersion, textMatches);
        this.decisions = new DecisionQueries(sql, schemaVersion, textMatches);
        this.decisionDays = new DecisionDayQueries(sql);
    }

    /**
     * Opens the history for reading. The file must exist and have been opened (migrated) by this console at least
     * once; it is never changed here.
     */
    public static AuditLog open(Path databaseFile) {
        return open(databaseFile, HistoryOptions.defaults());
    }

    public static AuditLog open(Path databaseFile, HistoryOptions options) {
        Path file = databaseFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new HistoryUnavailableException(Problem.CANNOT_OPEN, file, "There is no history database at " + file
                    + " to read. Check the path, or choose another data directory with --data-dir.", null);
        }
        Connection c = AuditReaders.connect(file, options);
        try {
            return new AuditLog(file, new SqliteDialect(file), AuditSql.SQLITE, () -> AuditReaders.connect(file, options), c,
                    HistoryConnections.schemaVersion(c));
        } catch (SQLException e) {
            HistoryConnections.closeQuietly(c);
            throw SqliteFailures.translate(file, "opening it for reading", e);
        }
    }

    /**
     * Opens a team history on PostgreSQL for reading: nothing is migrated or written, and a role that may only SELECT
     * (an auditor's) is enough. The password is PGPASSWORD or the password file's ({@link TeamHistoryConnections}).
     *
     * @throws HistoryUnavailableException when the server cannot be reached, refuses the sign-in or the role, or the
     *                                     database is not a team history of this console's schema
     */
    public static AuditLog openTeam(TeamHistoryLocation location) {
        return openTeam(location, System.getenv());
    }

    /** With the environment PGUSER and PGPASSWORD are read from (tests). */
    static AuditLog openTeam(TeamHistoryLocation location, java.util.Map<String, String> environment) {
        Objects.requireNonNull(location, "location");
        TeamHistoryConnections connections = new TeamHistoryConnections(location, environment);
        PostgresDialect dialect = PostgresDialect.forReading(location, connections.role());
        TeamHistoryReadPool pool = new TeamHistoryReadPool(
                () -> AuditReaders.teamReader(connections, location, dialect), dialect);
        return new AuditLog(null, dialect, AuditSql.POSTGRES, pool, null,
                HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS));
    }

    /** The history file; null for a team history (see {@link #location()}). */
    public Path databaseFile() {
        return databaseFile;
    }

    /** Where the history is: the file's path, or the team history's URL without secrets. */
    public String location() {
        return dialect.location();
    }

    // --- raw events ----------------------------------------------------------------------------------------------

    /**
     * How many rows match, exactly. Counting every match costs one row look-up per match (tens of milliseconds for a
     * common word in a million rows), so it runs on a connection of its own: a count left running in the background
     * never holds up {@link #page} or {@link #countUpTo}.
     */
    public long count(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return onCounter("counting audit rows (" + filter.describe() + ")", c -> events.count(c, filter));
    }

    /**
     * How many rows match, counting no further than {@code limit}: the exact count when it is below {@code limit},
     * otherwise {@code limit}. Costs at most {@code limit} matches, however many there are, so a view can show its
     * first rows at once and {@link #count} the rest afterwards. Counting a text search to 2 000 or beyond also
     * settles how its pages are read.
     */
    public synchronized long countUpTo(AuditFilter filter, long limit) {
        Objects.requireNonNull(filter, "filter");
        requireCountLimit(limit);
        return onReader("counting audit rows (" + filter.describe() + ")", c -> events.countUpTo(c, filter, limit));
    }

    /** Rows {@code offset} to {@code offset + limit - 1} of the matching rows in the given order. */
    public synchronized List<AuditRecord> page(AuditFilter filter, AuditSort sort, long offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        requirePage(offset, limit);
        return onReader("reading audit rows (" + filter.describe() + ")",
                c -> events.page(c, filter, sort, offset, limit));
    }

    /** The distinct values of a column (for filter choices), sorted; nulls left out. */
    public synchronized List<String> distinctValues(AuditColumn column) {
        Objects.requireNonNull(column, "column");
        return onReader("listing the values of " + column.sqlName(), c -> EventQueries.distinctValues(c, column));
    }

    // --- decisions -----------------------------------------------------------------------------------------------

    /**
     * How many decisions match, exactly: intents in the time range, pipeline, operator and action, whose latest
     * outcome is the filter's outcome, and where the free text occurs in any of the decision's rows. On the count
     * connection, as {@link #count}.
     */
    public long countDecisions(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return onCounter("counting decisions (" + filter.describe() + ")", c -> decisions.count(c, filter));
    }

    /** As {@link #countUpTo}, for decisions. */
    public synchronized long countDecisionsUpTo(AuditFilter filter, long limit) {
        Objects.requireNonNull(filter, "filter");
        requireCountLimit(limit);
        return onReader("counting decisions (" + filter.describe() + ")",
                c -> decisions.countUpTo(c, filter, limit));
    }

    /**
     * Decisions {@code offset} to {@code offset + limit - 1} of the matching ones in the given order, each with all
     * of its rows (intent, attempts, outcome).
     */
    public synchronized List<DecisionRecord> decisionPage(AuditFilter filter, DecisionSort sort, long offset,
                                                          int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        requirePage(offset, limit);
        return onReader("reading decisions (" + filter.describe() + ")",
                c -> decisions.page(c, filter, sort, offset, limit));
    }

    /**
     * The matching decisions counted per UTC day and split by latest outcome or operator, over at most
     * {@code maxDays} days ending on the day of the newest match (and not before the filter's start): the History
     * chart's counts, from the same WHERE as {@link #decisionPage}. On the count connection, as {@link #count}: a
     * month of decisions takes a few hundred milliseconds, which the table's pages do not wait for.
     */
    public DecisionsPerDay decisionsPerDay(AuditFilter filter, DecisionsPerDay.SplitBy splitBy, int maxDays) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(splitBy, "splitBy");
        return onCounter("counting decisions per day (" + filter.describe() + ")",
                c -> decisionDays.perDay(c, filter, splitBy, maxDays));
    }

    // --- verify and export ---------------------------------------------------------------------------------------

    /**
     * Walks the whole hash chain on a connection of its own, and checks it against the heads the console witnessed
     * beside the file ({@link FileHeadWitness}, read only; a team history has none: the server's privileges keep it).
     * Easy to call from a command: open, verify, close.
     */
    public ChainVerification verify() {
        return verify(List.of());
    }

    /** As {@link #verify()}, and checks that every head noted earlier (an export's header, an earlier verify) is on it. */
    public ChainVerification verify(List<ChainHead> expectedHeads) {
        return verify(expectedHeads, databaseFile == null ? null : FileHeadWitness.besides(databaseFile));
    }

    /**
     * Walks the chain and checks that every expected head (noted earlier: from an export header or an earlier
     * verify) and every head of the witness (null for none) is on it.
     *
     * @throws IllegalStateException when the witness holds something that is not a head (it was edited)
     */
    public ChainVerification verify(List<ChainHead> expectedHeads, HeadWitness witness) {
        Objects.requireNonNull(expectedHeads, "expectedHeads");
        try {
            return inReadTransaction(c -> ChainVerifier.verify(c, expectedHeads, witness, dialect));
        } catch (SQLException e) {
            throw dialect.translate("verifying the hash chain", e);
        }
    }

    /**
     * For a team history: the chain of every local file imported into it, walked from the team history alone (see
     * {@link ImportedChainVerifier}), in one snapshot; empty for a file, which imports nothing.
     */
    public List<ImportedChain> verifyImports() {
        if (databaseFile != null) {
            return List.of();
        }
        try {
            return inReadTransaction(ImportedChainVerifier::verify);
        } catch (SQLException e) {
            throw dialect.translate("verifying the chains of the files imported into it", e);
        }
    }

    /**
     * Writes exactly the rows the filter matches, in the given order, streaming them from SQLite to {@code out}
     * (read on two connections at once, see {@link ExportRowStream}; a few chunks of rows in memory, whatever their
     * number). The header states the filter, the export time, the row count and the chain head, all read in the
     * same transaction as the rows. {@code out} is flushed, not closed.
     */
    public ExportSummary export(AuditFilter filter, AuditSort sort, ExportFormat format, OutputStream out,
                                Instant exportedAt) {
        return export(filter, sort, format, out, exportedAt, EXPORT_CHUNK_ROWS);
    }

    /** {@link #export} with chunks of another size, so tests can cover the hand-over of chunks with a few rows. */
    ExportSummary export(AuditFilter filter, AuditSort sort, ExportFormat format, OutputStream out,
                         Instant exportedAt, int chunkRows) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        requireExport(format, out, exportedAt);
        AuditExporter exporter = new AuditExporter(twoReaderExports ? readers::open : null, chunkRows);
        return exporting("exporting audit rows (" + filter.describe() + ")", c ->
                exporter.exportEvents(c, events, filter, sort, format, out, exportedAt));
    }

    /**
     * Writes the decisions the filter matches, one record each (the fields of {@link DecisionColumn}), in the given
     * order; the header states the filter, the export time, the decision count and the chain head, read in the same
     * transaction. {@code out} is flushed, not closed.
     */
    public ExportSummary exportDecisions(AuditFilter filter, DecisionSort sort, ExportFormat format,
                                         OutputStream out, Instant exportedAt) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        requireExport(format, out, exportedAt);
        AuditExporter exporter = new AuditExporter(null, EXPORT_CHUNK_ROWS);
        return exporting("exporting decisions (" + filter.describe() + ")", c ->
                exporter.exportDecisions(c, decisions, filter, sort, format, out, exportedAt));
    }

    @Override
    public void close() {
        synchronized (countLock) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (pool != null) {
                    pool.close();
                    return;
                }
                SQLException failure = null;
                for (Connection c : new Connection[] {reader, counter}) {
                    try {
                        if (c != null) {
                            c.close();
                        }
                    } catch (SQLException e) {
                        failure = failure == null ? e : failure; // the first says most; the other is closed anyway
                    }
                }
                reader = null;
                counter = null;
                if (failure != null) {
                    throw dialect.translate("closing it", failure);
                }
            }
        }
    }

    // --- connections ---------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T on(Connection c) throws SQLException, IOException;
    }

    private static void requireCountLimit(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("A count limit is 0 or more; got " + limit + ".");
        }
    }

    private static void requirePage(long offset, int limit) {
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("A page starts at 0 or later and holds 0 to " + MAX_PAGE
                    + " rows; got offset " + offset + ", limit " + limit + ".");
        }
    }

    private static void requireExport(ExportFormat format, OutputStream out, Instant exportedAt) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(exportedAt, "exportedAt");
    }

    /** A windowed read, on the file's reader or a connection the pool lends; the caller holds this log's lock. */
    private <T> T onReader(String doing, Work<T> work) {
        requireOpen();
        return pool != null ? lent(doing, work) : on(reader, doing, work);
    }

    /** An exact count, on the file's count connection or a connection the pool lends. */
    private <T> T onCounter(String doing, Work<T> work) {
        synchronized (countLock) {
            requireOpen();
            if (pool != null) {
                return lent(doing, work);
            }
            if (counter == null) {
                counter = readers.open();
            }
            return on(counter, doing, work);
        }
    }

    private <T> T on(Connection c, String doing, Work<T> work) {
        try {
            return work.on(c);
        } catch (SQLException e) {
            throw dialect.translate(doing, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A read on a lent connection. A read that met a dropped session (the server restarted or ended it) runs once
     * more on a new connection: the pool's others are thrown away too, as they were likely dropped with it. Only
     * reads that write nothing come here, so running one twice changes nothing.
     */
    private <T> T lent(String doing, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = pool.open()) {
                return work.on(c);
            } catch (SQLException e) {
                RuntimeException failure = dialect.translate(doing, e);
                if (attempt == 1 && failure instanceof HistoryUnavailableException unavailable
                        && unavailable.problem() == Problem.UNREACHABLE) {
                    pool.discardAll();
                    continue;
                }
                throw failure;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ExportSummary exporting(String doing, Work<ExportSummary> work) {
        try {
            return inReadTransaction(work);
        } catch (SQLException e) {
            throw dialect.translate(doing, e);
        }
    }

    /** Runs the work in one read transaction on a connection of its own, so it sees one state of the history. */
    private <T> T inReadTransaction(Work<T> work) throws SQLException {
        requireOpen();
        try (Connection c = readers.open()) {
            return dialect.inReadSnapshot(c, snapshot -> {
                try {
                    return work.on(snapshot);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the export: " + e.getMessage(), e);
                }
            });
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The audit log of " + dialect.location() + " is closed.");
        }
    }
}
