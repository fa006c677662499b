package io.callbackconsole.history;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameter;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal of every submission, in one SQLite file. An intent is committed before SageMaker is called and each
 * outcome is a new row committed before the SQS message is deleted; rows are never changed or removed.
 *
 * <p>One connection, guarded by this object's monitor: methods may be called from any background thread, never from
 * the FX thread (they wait on the disk). Every write is durable when the method returns ({@code synchronous=FULL}),
 * and every failure to write throws, so a decision is never silently lost. {@link #append} writes many rows in one
 * transaction, so that they share one fsync (a bulk run's intents and outcomes).
 */
public final class HistoryStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    // Fixed width, so that text order is time order in SQL.
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final String ENTRY_COLUMNS = """
            SELECT i.recorded_at, i.client_request_token, i.action, i.callback_token, i.execution_arn, i.reason,
                   i.operator, i.connection, i.connection_account, i.connection_region, i.connection_endpoint,
                   i.region,
                   o.recorded_at AS outcome_recorded_at, o.outcome, o.returned_execution_arn, o.error_code,
                   o.error_message, o.explanation, o.request_id
              FROM submission_event i
              LEFT JOIN submission_event o
                ON o.seq = (SELECT max(seq) FROM submission_event WHERE intent_seq = i.seq)
            """;

    /**
     * How to open the store.
     *
     * @param busyTimeout how long to wait for another program's lock before reporting the database as locked
     * @param readOnly    open without writing anything (for reading someone else's history); every write is then
     *                    refused by SQLite and reported as {@link Problem#READ_ONLY}
     */
    public record Options(Duration busyTimeout, boolean readOnly) {
        public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

        public Options {
            Objects.requireNonNull(busyTimeout, "busyTimeout");
            if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("The busy timeout must be between 0 and "
                        + Integer.MAX_VALUE + " ms; got " + busyTimeout + ".");
            }
        }

        public static Options defaults() {
            return new Options(DEFAULT_BUSY_TIMEOUT, false);
        }

        public Options withBusyTimeout(Duration timeout) {
            return new Options(timeout, readOnly);
        }

        public Options asReadOnly() {
            return new Options(busyTimeout, true);
        }
    }

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
    /**
     * Disk a decision's journal rows take (intent and outcome, with their index entries): 2.0 KB measured for 2 000
     * bulk decisions with 256-character reasons; half as much again for pages left part-filled.
     */
    static final long BYTES_PER_DECISION = 3 * 1024;
    /** Room the WAL needs beside the rows: 1.3 MiB at most over those 2 000 decisions in batches of 50. */
    static final long WAL_HEADROOM_BYTES = 2L << 20;

    private final Path databaseFile;
    private final String consoleVersion;
    private final JournalRows journal = new JournalRows();
    private Attribution attribution = Attribution.osUserOnly();
    private Connection connection; // null once closed

    private HistoryStore(Path databaseFile, String consoleVersion, Connection connection) {
        this.databaseFile = databaseFile;
        this.consoleVersion = consoleVersion;
        this.connection = connection;
    }

    /** Opens (creating it and its directories if needed) and migrates the history with the default options. */
    public static HistoryStore open(Path databaseFile, String consoleVersion) {
        return open(databaseFile, consoleVersion, Options.defaults());
    }

    public static HistoryStore open(Path databaseFile, String consoleVersion, Options options) {
        return open(databaseFile, consoleVersion, options, HistorySchema.MIGRATIONS);
    }

    /** With an explicit migration list, so tests can show that later migrations are applied in order. */
    static HistoryStore open(Path databaseFile, String consoleVersion, Options options,
                             List<SchemaMigration> migrations) {
        Objects.requireNonNull(databaseFile, "databaseFile");
        Objects.requireNonNull(options, "options");
        if (consoleVersion == null || consoleVersion.isBlank()) {
            throw new IllegalArgumentException("The console version is stored with every history row; it is required.");
        }
        Path file = databaseFile.toAbsolutePath().normalize();
        prepareLocation(file, options);

        Connection connection = HistoryConnections.open(file, options, options.readOnly(), "opening it");
        try {
            int version = prepare(connection, file, options, migrations);
            log.info("History at {} (schema version {}{})", file, version, options.readOnly() ? ", read-only" : "");
            return new HistoryStore(file, consoleVersion, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqliteFailures.translate(file, "opening it", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /**
     * From now on, rows are attributed to this operator, AWS caller identity, profile and region (set once per
     * connection). Intents still name the submission's own operator.
     */
    public synchronized void attributeTo(Attribution attribution) {
        this.attribution = Objects.requireNonNull(attribution, "attribution");
    }

    public synchronized Attribution attribution() {
        return attribution;
    }

    /**
     * Journals a decision before it is sent. Durable when this returns. The submission's decision time becomes the
     * row's time.
     *
     * @throws IllegalStateException        when an intent with the same client request token is already journaled
     * @throws HistoryUnavailableException  when the database cannot be written; the decision must not be sent then
     */
    public void recordIntent(Submission submission) {
        recordIntent(submission, null, null);
    }

    /**
     * Journals an approval before it is sent, with the output parameters it sends, as for
     * {@link #recordIntent(Submission)}.
     */
    public void recordApprovalIntent(Submission submission, String stepName, OutputParameters outputs) {
        append(new JournalBatch().approvalIntent(submission, stepName, outputs));
    }

    /** The output parameters an approval intent carries, as values; empty for other actions. */
    public synchronized Optional<OutputParameters> approvalOutputsOf(ClientRequestToken requestToken) {
        return outputParametersOf(requestToken).map(json -> {
            try {
                List<OutputParameter> values = new ArrayList<>();
                JSON.readTree(json).forEach(p -> values.add(new OutputParameter(p.get("Name").asText(),
                        p.get("Value").asText())));
                return new OutputParameters(values);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The outputs journaled with " + requestToken + " are not JSON", e);
            }
        });
    }

    /** The output parameters an approval sent, as a JSON array of {@code {"Name", "Value"}}; empty for others. */
    public synchronized Optional<String> outputParametersOf(ClientRequestToken requestToken) {
        Connection c = openConnection();
        try (PreparedStatement select = c.prepareStatement("SELECT output_parameters FROM submission_event"
                + " WHERE kind = 'INTENT' AND client_request_token = ?")) {
            select.setString(1, requestToken.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "reading the outputs of decision " + requestToken, e);
        }
    }

    /**
     * As {@link #recordIntent(Submission)}, with the callback step's name and, for an approval, its output parameters
     * as a JSON document (both may be null).
     */
    public void recordIntent(Submission submission, String stepName, String outputParametersJson) {
        append(new JournalBatch().intent(submission, stepName, outputParametersJson));
    }

    /**
     * Records what came of sending a journaled decision, as a new row. Several outcomes per decision are fine (an
     * unknown one, then the answer to a retry); the latest recorded counts. Durable when this returns.
     *
     * @throws IllegalStateException       when no intent has this client request token
     * @throws HistoryUnavailableException when the database cannot be written; keep the SQS message then
     */
    public void recordOutcome(ClientRequestToken requestToken, Outcome outcome, Instant at) {
        append(new JournalBatch().outcome(requestToken, outcome, at));
    }

    /**
     * Appends every row of the batch, in its order, in one write transaction: all of them are durable when this
     * returns (one fsync for the lot), or none is written and this throws. Each intent is checked and each outcome
     * is tied to its intent as by {@link #recordIntent(Submission, String, String)} and {@link #recordOutcome}.
     *
     * @throws IllegalStateException       when an intent's client request token is journaled already, or an outcome
     *                                     has no intent; nothing of the batch is written then
     * @throws HistoryUnavailableException when the database cannot be written; nothing of the batch is written
     */
    public synchronized void append(JournalBatch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return;
        }
        inWriteTransaction(batch.doing(), c -> {
            try (JournalRows.Appending rows = journal.appending(c)) {
                for (JournalBatch.Row row : batch.rows()) {
                    if (row instanceof JournalBatch.Intent intent) {
                        appendIntent(rows, intent);
                    } else {
                        appendOutcome(rows, (JournalBatch.OutcomeOf) row);
                    }
                }
            }
        });
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.Intent intent) {
                log.debug("Journaled intent {} on token {}", intent.submission().requestToken(),
                        intent.submission().token());
            } else if (row instanceof JournalBatch.OutcomeOf outcome) {
                log.debug("Recorded outcome {} of decision {}", outcome.outcome().kind(), outcome.requestToken());
            }
        }
    }

    private void appendIntent(JournalRows.Appending rows, JournalBatch.Intent intent) throws SQLException {
        Submission submission = intent.submission();
        if (intentJournaled(rows, submission.requestToken())) {
            throw new IllegalStateException("A decision with client request token " + submission.requestToken()
                    + " is already in the history at " + databaseFile + "; each decision is journaled once. To"
                    + " retry it, send it again and record only its outcome.");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("recorded_at", RECORDED_AT.format(submission.decidedAt()));
        row.put("kind", "INTENT");
        row.put("client_request_token", submission.requestToken().value());
        row.put("action", submission.action().name());
        row.put("callback_token", submission.token().value());
        PipelineExecutionArn arn = submission.executionArn();
        row.put("pipeline_name", arn == null ? null : arn.pipelineName());
        row.put("execution_arn", arn == null ? null : arn.value());
        row.put("step_name", intent.stepName());
        row.put("reason", submission.reason().text());
        row.put("output_parameters", intent.outputParametersJson());
        row.put("operator", submission.operator().name());
        putAttribution(row);
        ConnectionScope.putColumns(row, submission.connection());
        row.put("console_version", consoleVersion);
        rows.append(row);
    }

    private void appendOutcome(JournalRows.Appending rows, JournalBatch.OutcomeOf outcome) throws SQLException {
        ClientRequestToken requestToken = outcome.requestToken();
        // The outcome repeats what identifies the decision, so it reads (and is found) on its own.
        PreparedStatement select = rows.statement("""
                SELECT seq, client_request_token, action, callback_token, pipeline_name, execution_arn, step_name,
                       connection, connection_account, connection_region, connection_endpoint
                  FROM submission_event
                 WHERE kind = 'INTENT' AND client_request_token = ?""");
        select.setString(1, requestToken.value());
        Map<String, Object> row = new LinkedHashMap<>();
        try (ResultSet intent = select.executeQuery()) {
            if (!intent.next()) {
                throw new IllegalStateException("No decision with client request token " + requestToken
                        + " is in the history at " + databaseFile + ", so its outcome cannot be recorded."
                        + " Journal the intent before calling SageMaker.");
            }
            row.put("recorded_at", RECORDED_AT.format(outcome.at()));
            row.put("kind", "OUTCOME");
            row.put("intent_seq", intent.getLong("seq"));
            for (String column : List.of("client_request_token", "action", "callback_token", "pipeline_name",
                    "execution_arn", "step_name")) {
                row.put(column, intent.getString(column));
            }
            row.put("operator", attribution.operator().name());
            putAttribution(row);
            // The outcome belongs to its decision's connection, whichever connection recorded it.
            for (String column : List.of("connection", "connection_account", "connection_region",
                    "connection_endpoint")) {
                row.put(column, intent.getString(column));
            }
        }
        row.put("console_version", consoleVersion);
        row.put("outcome", outcome.outcome().kind());
        putOutcomeDetails(row, outcome.outcome());
        rows.append(row);
    }

    private void putAttribution(Map<String, Object> row) {
        row.put("caller_arn", attribution.caller() == null ? null : attribution.caller().arn());
        row.put("caller_account", attribution.caller() == null ? null : attribution.caller().account());
        row.put("profile", attribution.profile());
        row.put("region", attribution.region());
    }

    /**
     * Refuses, before a bulk run starts, a run whose journal would not fit on the history's disk: about
     * {@value #BYTES_PER_DECISION} bytes a decision plus room for the write-ahead log. A run refused here sent nothing;
     * one that starts may still meet a full disk (others write there too), which then fails its writes, never its rows.
     * Reads no rows; blocking only on the file system.
     *
     * @throws HistoryUnavailableException {@link Problem#DISK_FULL} when the journal would not fit, with a sentence
     *                                     saying how much it needs and how much is free
     */
    public void ensureRoomFor(int decisions) {
        if (decisions < 0) {
            throw new IllegalArgumentException("A number of decisions is 0 or more; got " + decisions + ".");
        }
        long needed = decisions * BYTES_PER_DECISION + WAL_HEADROOM_BYTES;
        long free;
        try {
            free = Files.getFileStore(databaseFile).getUsableSpace();
        } catch (IOException e) {
            throw new HistoryUnavailableException(Problem.OTHER, databaseFile, "The free space on the disk of the"
                    + " history database " + databaseFile + " cannot be read (" + e.getMessage() + "), so the run of "
                    + decisions + " decision(s) was not started; nothing was sent.", e);
        }
        if (free < needed) {
            throw new HistoryUnavailableException(Problem.DISK_FULL, databaseFile, "Journaling " + decisions
                    + " decision(s) needs about " + kibibytes(needed) + " on the disk of the history database "
                    + databaseFile + ", but only " + kibibytes(free) + " are free, so the run was not started and"
                    + " nothing was sent. Free space on that disk, or choose another data directory with --data-dir.",
                    null);
        }
    }

    private static String kibibytes(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MiB" : ((bytes + 1023) >> 10) + " KiB";
    }

    /** The latest decisions, newest first, each with its latest outcome. */
    public synchronized List<HistoryEntry> recentSubmissions(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("The number of history entries to list cannot be negative; got " + limit + ".");
        }
        return query("reading the recent submissions",
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' ORDER BY i.recorded_at DESC, i.seq DESC LIMIT ?",
                statement -> statement.setInt(1, limit));
    }

    public synchronized Optional<HistoryEntry> find(ClientRequestToken requestToken) {
        Objects.requireNonNull(requestToken, "requestToken");
        return query("looking up decision " + requestToken,
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.client_request_token = ?",
                statement -> statement.setString(1, requestToken.value()))
                .stream().findFirst();
    }

    /** Unsettled: no outcome recorded, or the latest is UNKNOWN without the operator giving up (GaveUp). */
    private static final String UNSETTLED = """
             (o.outcome IS NULL OR (o.outcome = 'UNKNOWN' AND coalesce(o.error_code, '') <> 'GaveUp'))""";

    /**
     * This connection's decisions not settled yet, oldest first: no outcome recorded (the console stopped between the
     * intent and the answer), or the latest outcome is UNKNOWN (no answer came) — unless that outcome records the
     * operator giving up (error code {@code GaveUp}). NOT_SENT settles a decision: it was never sent and must not be.
     * Repeating each with its own client request token settles it without applying it twice. Which rows belong to
     * the connection: see {@link ConnectionScope}.
     */
    public synchronized List<Submission> unsettledSubmissions(ConnectionId connection) {
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        return query("listing decisions without a settled outcome on " + connection.describe(),
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND " + scope.sql() + " AND " + UNSETTLED
                        + " ORDER BY i.recorded_at, i.seq",
                statement -> scope.bind(statement, 1))
                .stream().map(HistoryEntry::submission).toList();
    }

    /**
     * The newest unsettled decision on this token made on this connection, if any: a new decision on the token must
     * not be sent beside it (it would get a ConflictException, or apply twice); repeat this one or settle it first.
     */
    public synchronized Optional<Submission> latestUnsettledFor(CallbackToken token, ConnectionId connection) {
        Objects.requireNonNull(token, "token");
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        return query("looking up an unsettled decision on token " + token,
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.callback_token = ? AND " + scope.sql() + " AND "
                        + UNSETTLED + " ORDER BY i.recorded_at DESC, i.seq DESC LIMIT 1",
                statement -> scope.bind(statement, bindText(statement, 1, token.value())))
                .stream().map(HistoryEntry::submission).findFirst();
    }

    /** How many decisions made on one other connection are unsettled. */
    public record UnsettledElsewhere(ConnectionId connection, long decisions) {
        public UnsettledElsewhere {
            Objects.requireNonNull(connection, "connection");
        }
    }

    /**
     * Unsettled decisions made on connections other than this one, counted per connection (the connection with the
     * oldest such decision first). They are never sent from here: only a session on their own connection settles
     * them. For a banner ("N decisions made on … are unsettled: connect to it to settle them").
     */
    public synchronized List<UnsettledElsewhere> unsettledElsewhere(ConnectionId connection) {
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        // Grouped by the stored columns first; groups that name the same identity (one account under two labels,
        // say) are merged below.
        String sql = """
                SELECT i.connection, i.connection_account, i.connection_region, i.connection_endpoint,
                       CASE WHEN i.connection_region IS NULL THEN i.region END AS region,
                       count(*) AS decisions, min(i.seq) AS first_seq
                  FROM submission_event i
                  LEFT JOIN submission_event o
                    ON o.seq = (SELECT max(seq) FROM submission_event WHERE intent_seq = i.seq)
                 WHERE i.kind = 'INTENT' AND NOT %s AND %s
                 GROUP BY 1, 2, 3, 4, 5
                 ORDER BY first_seq""".formatted(scope.sql(), UNSETTLED);
        Connection c = openConnection();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            scope.bind(select, 1);
            Map<ConnectionId, Long> counts = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.merge(ConnectionScope.fromRow(rows), rows.getLong("decisions"), Long::sum);
                }
            }
            return counts.entrySet().stream().map(e -> new UnsettledElsewhere(e.getKey(), e.getValue())).toList();
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "counting unsettled decisions of other connections", e);
        }
    }

    /**
     * True when SageMaker accepted a decision on this callback token made on this connection (so a leftover message of
     * the token may be deleted). A decision on another connection says nothing about this one's step.
     */
    public synchronized boolean answered(CallbackToken token, ConnectionId connection) {
        Objects.requireNonNull(token, "token");
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        Connection c = openConnection();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM submission_event o JOIN submission_event i ON i.seq = o.intent_seq
                                WHERE o.callback_token = ? AND o.kind = 'OUTCOME' AND o.outcome = 'ACCEPTED'
                                  AND %s)""".formatted(scope.sql()))) {
            scope.bind(select, bindText(select, 1, token.value()));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "checking whether token " + token + " was answered", e);
        }
    }

    private static int bindText(PreparedStatement statement, int position, String value) throws SQLException {
        statement.setString(position, value);
        return position + 1;
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            if (!connection.isReadOnly()) {
                checkpointAndTruncate(connection);
            }
            connection.close();
            log.info("History at {} closed", databaseFile);
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "closing it", e);
        } finally {
            connection = null;
        }
    }

    /**
     * Moves the WAL into the database and empties it, so a closed history leaves no WAL behind. Best effort: another
     * console still reading keeps the WAL in use (SQLite then checkpoints what it can), and a full disk leaves it as
     * it is; every committed row is in the WAL or the database either way.
     */
    private void checkpointAndTruncate(Connection c) {
        try (Statement s = c.createStatement(); ResultSet result = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            if (result.next() && result.getInt(1) != 0) {
                log.debug("History at {}: the WAL stays in use by another reader or writer", databaseFile);
            }
        } catch (SQLException e) {
            log.debug("History at {}: WAL not checkpointed on close: {}", databaseFile, e.getMessage());
        }
    }

    // --- opening -------------------------------------------------------------------------------------------------

    private static void prepareLocation(Path file, Options options) {
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
    private static int prepare(Connection c, Path file, Options options, List<SchemaMigration> migrations)
            throws SQLException {
        int latest = HistorySchema.latestVersion(migrations);
        // Read before changing anything, so a file we must refuse is left exactly as it was.
        int version = HistoryConnections.schemaVersion(c);
        if (version > latest) {
            throw new HistoryUnavailableException(Problem.NEWER_SCHEMA, file, "The history database " + file
                    + " was written by a newer Callback Console (schema version " + version + "; this one knows up to "
                    + latest + "). It was left untouched. Use the newer console, or choose another data directory"
                    + " with --data-dir.", null);
        }
        refuseForeignDatabase(c, file, version);

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

    // --- reading and writing -------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private Connection openConnection() {
        if (connection == null) {
            throw new IllegalStateException("The history store at " + databaseFile + " is closed.");
        }
        return connection;
    }

    /** Runs the work in one IMMEDIATE transaction and commits it; on any failure rolls back and throws. */
    private void inWriteTransaction(String doing, SqlWork work) {
        Connection c = openConnection();
        boolean begun = false;
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            begun = true;
            work.run(c);
            s.execute("COMMIT");
        } catch (SQLException e) {
            if (begun) {
                rollbackQuietly(c);
            }
            throw SqliteFailures.translate(databaseFile, doing, e);
        } catch (RuntimeException e) {
            if (begun) {
                rollbackQuietly(c);
            }
            throw e;
        }
    }

    private List<HistoryEntry> query(String doing, String sql, Binding binding) {
        Connection c = openConnection();
        try (PreparedStatement select = c.prepareStatement(sql)) {
            binding.bind(select);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(entryFrom(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, doing, e);
        }
    }

    private static boolean intentJournaled(JournalRows.Appending rows, ClientRequestToken requestToken)
            throws SQLException {
        PreparedStatement select = rows.statement(
                "SELECT 1 FROM submission_event WHERE kind = 'INTENT' AND client_request_token = ?");
        select.setString(1, requestToken.value());
        try (ResultSet found = select.executeQuery()) {
            return found.next();
        }
    }

    private static void putOutcomeDetails(Map<String, Object> row, Outcome outcome) {
        String returnedArn = null;
        String errorCode = null;
        String errorMessage = null;
        String explanation = null;
        String requestId = null;
        if (outcome instanceof Outcome.Accepted accepted) {
            returnedArn = accepted.returnedExecutionArn();
            requestId = accepted.requestId();
        } else if (outcome instanceof Outcome.Refused refused) {
            errorCode = refused.errorCode();
            errorMessage = refused.errorMessage();
            explanation = refused.explanation();
            requestId = refused.requestId();
        } else if (outcome instanceof Outcome.Unknown unknown) {
            errorCode = unknown.errorCode();
            errorMessage = unknown.errorMessage();
            explanation = unknown.explanation();
        } else if (outcome instanceof Outcome.NotSent notSent) {
            errorCode = notSent.code();
            explanation = notSent.explanation();
        } else {
            throw new IllegalArgumentException("Unknown kind of outcome: " + outcome);
        }
        row.put("returned_execution_arn", returnedArn);
        row.put("error_code", errorCode);
        row.put("error_message", errorMessage);
        row.put("explanation", explanation);
        row.put("request_id", requestId);
    }

    private HistoryEntry entryFrom(ResultSet row) throws SQLException {
        Submission submission = new Submission(
                new ClientRequestToken(row.getString("client_request_token")),
                Action.valueOf(row.getString("action")),
                new CallbackToken(row.getString("callback_token")),
                row.getString("execution_arn") == null ? null : new PipelineExecutionArn(row.getString("execution_arn")),
                new FailureReason(row.getString("reason")),
                new Operator(row.getString("operator")),
                ConnectionScope.fromRow(row),
                Instant.parse(row.getString("recorded_at")));
        String kind = row.getString("outcome");
        if (kind == null) {
            return new HistoryEntry(submission, null, null);
        }
        Outcome outcome = switch (kind) {
            case "ACCEPTED" -> new Outcome.Accepted(row.getString("returned_execution_arn"), row.getString("request_id"));
            case "REFUSED" -> new Outcome.Refused(row.getString("error_code"), row.getString("error_message"),
                    row.getString("explanation"), row.getString("request_id"));
            case "UNKNOWN" -> new Outcome.Unknown(row.getString("error_code"), row.getString("error_message"),
                    row.getString("explanation"));
            case "NOT_SENT" -> new Outcome.NotSent(row.getString("error_code"), row.getString("explanation"));
            default -> throw new IllegalStateException("The history database " + databaseFile
                    + " holds an outcome of unknown kind \"" + kind + "\"; a newer console may have written it.");
        };
        return new HistoryEntry(submission, outcome, Instant.parse(row.getString("outcome_recorded_at")));
    }

    private static void rollbackQuietly(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // SQLite may already have rolled back (after SQLITE_FULL, for instance); the original failure is thrown.
            log.debug("Rollback after a failed history write did not run: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection c) {
        HistoryConnections.closeQuietly(c);
    }
}
