package io.callbackconsole.history;

import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the journal: each batch of intents and outcomes in one IMMEDIATE transaction, every row chained and indexed
 * (see {@link JournalRows}), an outcome tied to its intent and repeating what identifies the decision; and the check
 * that a bulk run's rows fit on the disk before it starts. Works on the store's connection, under the store's lock.
 */
final class JournalWriter {
    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
    // Fixed width, so that text order is time order in SQL.
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /**
     * Disk a decision's journal rows take (intent and outcome, with their index entries): 2.0 KB measured for 2 000
     * bulk decisions with 256-character reasons; half as much again for pages left part-filled.
     */
    static final long BYTES_PER_DECISION = 3 * 1024;
    /** Room the WAL needs beside the rows: 1.3 MiB at most over those 2 000 decisions in batches of 50. */
    static final long WAL_HEADROOM_BYTES = 2L << 20;

    private final HistoryDialect dialect;
    private final Path databaseFile; // null for a team history, whose disk is the server's
    private final String consoleVersion;
    private final JournalRows journal = new JournalRows();
    private final JournalQueries queries;

    JournalWriter(HistoryDialect dialect, Path databaseFile, String consoleVersion) {
        this.dialect = dialect;
        this.databaseFile = databaseFile;
        this.consoleVersion = consoleVersion;
        this.queries = new JournalQueries(dialect);
    }

    /**
     * Appends every row of the batch, in its order, in one write transaction: all of them are durable when this
     * returns (one fsync for the lot), or none is written and this throws. Each intent is checked and each outcome
     * is tied to its intent as by {@link #recordIntent(Submission, String, String)} and {@link #recordOutcome}.
     *
     * @throws IllegalStateException       when an intent's client request token is journaled already, or an outcome
     *                                     has no intent; nothing of the batch is written then
     * @throws HistoryUnavailableException when the database cannot be written; nothing of the batch is written
     * @throws CommitNotConfirmedException when the team history's connection broke at the commit: all of the batch
     *                                     may be written, or none
     */
    ChainHead append(Connection connection, JournalBatch batch, Attribution attribution) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return null;
        }
        // Known before the chain is held, so its look-ups go with the lock (one round trip on a team history).
        return append(connection, batch.doing(), null, batch, c -> batch, attribution);
    }

    /** A batch made inside the write transaction, once the chain is held. */
    @FunctionalInterface
    interface MadeUnderLock {
        JournalBatch make(Connection c);
    }

    /**
     * As {@link #append(Connection, JournalBatch, Attribution)}, with the batch made inside the write transaction once
     * the chain is held: what it reads then, no write transaction that held the chain before can still change (one
     * cut off at its COMMIT has ended by then, committed or rolled back). An empty batch writes nothing.
     *
     * @param lockWait how long to wait for the chain, or null for as long as another writer holds it
     * @return the chain head after the write, or null when the batch was empty
     */
    ChainHead append(Connection connection, String doing, Duration lockWait, MadeUnderLock make,
                     Attribution attribution) {
        return append(connection, doing, lockWait, null, make, attribution);
    }

    /** @param madeBefore the batch, when it is known before the chain is held (its look-ups then go with the lock) */
    private ChainHead append(Connection connection, String doing, Duration lockWait, JournalBatch madeBefore,
                             MadeUnderLock make, Attribution attribution) {
        JournalBatch[] made = new JournalBatch[1];
        JournalBatchLookups.Planned planned = madeBefore == null ? null
                : JournalBatchLookups.plan(madeBefore, queries);
        List<LockedRead> withTheLock = planned == null ? List.of() : planned.reads();
        ChainHead head = inWriteTransaction(connection, doing, lockWait, withTheLock, () -> intentsOf(made[0]),
                (c, before) -> {
            JournalBatch batch = make.make(c);
            made[0] = batch;
            JournalRows.Appending appended;
            boolean committed = false;
            try (JournalRows.Appending rows = journal.appending(c, dialect, before)) {
                appended = rows;
                JournalBatchLookups known = planned != null ? planned.lookups()
                        : JournalBatchLookups.read(c, batch, queries);
                for (JournalBatch.Row row : batch.rows()) {
                    if (row instanceof JournalBatch.Intent intent) {
                        if (batch.refusesTokensBeingDecided()) {
                            refuseTokenBeingDecided(c, rows, intent.submission(), known);
                        }
                        appendIntent(rows, intent, attribution, known);
                    } else {
                        appendOutcome(rows, (JournalBatch.OutcomeOf) row, attribution, known);
                    }
                }
                if (dialect.commitsWithLastInsert()) {
                    try {
                        committed = rows.flushCommitting();
                    } catch (SQLException e) {
                        throw new CommitSent(e);
                    }
                }
            }
            return new Written(appended.head(), committed);
        });
        if (made[0].isEmpty()) {
            return null;
        }
        for (JournalBatch.Row row : made[0].rows()) {
            if (row instanceof JournalBatch.Intent intent) {
                log.debug("Journaled intent {} on token {}", intent.submission().requestToken(),
                        intent.submission().token());
            } else if (row instanceof JournalBatch.OutcomeOf outcome) {
                log.debug("Recorded outcome {} of decision {}", outcome.outcome().kind(), outcome.requestToken());
            }
        }
        log.debug("History head after the write: {}", head);
        return head;
    }

    private static List<ClientRequestToken> intentsOf(JournalBatch batch) {
        return batch == null ? List.of() : batch.rows().stream()
                .filter(JournalBatch.Intent.class::isInstance)
                .map(row -> ((JournalBatch.Intent) row).submission().requestToken())
                .toList();
    }

    /*
     * Read under the chain lock, after every earlier writer's commit: PostgreSQL's READ COMMITTED takes each
     * statement's snapshot after the lock was granted, and SQLite's IMMEDIATE transaction excludes other writers.
     */
    private void refuseTokenBeingDecided(Connection c, JournalRows.Appending rows, Submission submission,
                                         JournalBatchLookups known) throws SQLException {
        Optional<Submission> underWay;
        if (known.checksRowByRow()) {
            rows.flush(); // the check must see the batch's rows before this one
            underWay = queries.latestUnsettledFor(c, submission.token(), submission.connection());
        } else {
            underWay = known.unsettledBefore(submission);
        }
        if (underWay.isPresent()) {
            throw new TokenBeingDecidedException(underWay.get(), dialect.describe());
        }
    }

    private void appendIntent(JournalRows.Appending rows, JournalBatch.Intent intent, Attribution attribution,
                              JournalBatchLookups known) throws SQLException {
        Submission submission = intent.submission();
        if (known.journaled(submission.requestToken())) {
            throw new IllegalStateException("A decision with client request token " + submission.requestToken()
                    + " is already in the history at " + dialect.location() + "; each decision is journaled once. To"
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
        putAttribution(row, attribution);
        ConnectionScope.putColumns(row, submission.connection());
        row.put("console_version", consoleVersion);
        known.appended(rows.appendLater(row), row);
    }

    private void appendOutcome(JournalRows.Appending rows, JournalBatch.OutcomeOf outcome,
                               Attribution attribution, JournalBatchLookups known) throws SQLException {
        ClientRequestToken requestToken = outcome.requestToken();
        // The outcome repeats what identifies the decision, so it reads (and is found) on its own.
        Map<String, Object> intent = known.intentOf(requestToken).orElseThrow(() -> new IllegalStateException(
                "No decision with client request token " + requestToken + " is in the history at "
                        + dialect.location() + ", so its outcome cannot be recorded. Journal the intent before calling"
                        + " SageMaker."));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("recorded_at", RECORDED_AT.format(outcome.at()));
        row.put("kind", "OUTCOME");
        row.put("intent_seq", intent.get("seq"));
        for (String column : List.of("client_request_token", "action", "callback_token", "pipeline_name",
                "execution_arn", "step_name")) {
            row.put(column, intent.get(column));
        }
        row.put("operator", attribution.operator().name());
        putAttribution(row, attribution);
        // The outcome belongs to its decision's connection, whichever connection recorded it.
        for (String column : List.of("connection", "connection_account", "connection_region",
                "connection_endpoint")) {
            row.put(column, intent.get(column));
        }
        row.put("console_version", consoleVersion);
        row.put("outcome", outcome.outcome().kind());
        putOutcomeDetails(row, outcome.outcome());
        rows.appendLater(row);
    }

    private static void putAttribution(Map<String, Object> row, Attribution attribution) {
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
    void ensureRoomFor(int decisions) {
        if (decisions < 0) {
            throw new IllegalArgumentException("A number of decisions is 0 or more; got " + decisions + ".");
        }
        if (databaseFile == null) {
            // A team history's rows go to the server's disk, which the console cannot see; a full one fails the
            // write (Problem.DISK_FULL) and so nothing is sent.
            return;
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


    /** Work in a write transaction, after the chain head it began at; returns what it wrote. */
    @FunctionalInterface
    private interface SqlWork {
        Written run(Connection c, ChainHead before) throws SQLException;
    }

    /**
     * The chain head a write left, and whether its COMMIT went already (with its last INSERT: see
     * {@link HistoryDialect#commitsWithLastInsert}).
     */
    private record Written(ChainHead head, boolean committed) {
    }

    /** The message that carried the COMMIT failed: the transaction may have been kept, as when a COMMIT fails. */
    private static final class CommitSent extends RuntimeException {
        private final SQLException failure;

        CommitSent(SQLException failure) {
            super(failure);
            this.failure = failure;
        }
    }


    /**
     * Runs the work in one write transaction that holds the chain ({@link HistoryDialect#beginWriteAtHead}, with the
     * reads {@code withTheLock}) and commits it; on any failure rolls back and throws. Returns the chain head the
     * transaction left, as the work appended it under the chain lock, so another console's write cannot come in
     * between (and no query reads it again).
     *
     * @throws CommitNotConfirmedException when the COMMIT was sent and the connection broke before its answer
     */
    private ChainHead inWriteTransaction(Connection c, String doing, Duration lockWait, List<LockedRead> withTheLock,
                                         Supplier<List<ClientRequestToken>> intents, SqlWork work) {
        // Rolled back on any failure, also one of beginWrite itself: a chain lock not granted in time leaves the
        // server's transaction open and aborted, and every later write on the connection would fail in it.
        try {
            Written written = work.run(c, dialect.beginWriteAtHead(c, lockWait, withTheLock));
            if (written.committed()) {
                dialect.endCommitted(c);
            } else {
                commit(c, doing, intents);
            }
            return written.head();
        } catch (CommitSent e) {
            dialect.rollbackQuietly(c);
            throw commitFailure(doing, intents, e.failure);
        } catch (SQLException e) {
            dialect.rollbackQuietly(c);
            throw dialect.translate(doing, e);
        } catch (RuntimeException e) {
            dialect.rollbackQuietly(c);
            throw e;
        }
    }

    private void commit(Connection c, String doing, Supplier<List<ClientRequestToken>> intents) throws SQLException {
        try {
            dialect.commit(c);
        } catch (SQLException e) {
            throw commitFailure(doing, intents, e);
        }
    }

    /**
     * A failed COMMIT (alone or with the last INSERT): refused by the server, it rolled back; cut off on the way,
     * the server may have kept it, and the decisions' intents must be looked up before anything is sent.
     */
    private RuntimeException commitFailure(String doing, Supplier<List<ClientRequestToken>> intents,
                                           SQLException e) {
        if (!dialect.commitMayHaveHappened(e)) {
            return dialect.translate(doing, e);
        }
        return new CommitNotConfirmedException(dialect.translate(doing, e), intents.get());
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
}
