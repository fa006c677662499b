package io.callbackconsole.history;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal of every submission, in one SQLite file or in a team history on PostgreSQL
 * ({@link #openTeam}). An intent is committed before SageMaker is called and each
 * outcome is a new row committed before the SQS message is deleted; rows are never changed or removed.
 *
 * <p>One connection, guarded by this object's monitor: methods may be called from any background thread, never from
 * the FX thread (they wait on the disk). Every write is durable when the method returns ({@code synchronous=FULL}),
 * and every failure to write throws, so a decision is never silently lost. {@link #append} writes many rows in one
 * transaction, so that they share one fsync (a bulk run's intents and outcomes).
 *
 * <p>This class owns the connection, its lock and the attribution; the work is done by {@link HistoryOpening}
 * (connecting and migrating), {@link JournalWriter} (writes and the disk check) and {@link JournalQueries} (the
 * protocol's reads), the same for both databases; what differs between them is a {@link HistoryDialect}. The
 * auditor's reads are {@link AuditLog}'s.
 *
 * <p>A team history is shared: every console appends to one hash chain under the server's advisory lock, the
 * console's role may only INSERT and SELECT ({@link #teamPrivileges()} says when it may more), and the rows of every
 * operator are read by every console, scoped by connection as in a file.
 */
public final class HistoryStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryStore.class);

    private final Path databaseFile; // null for a team history
    private final HistoryDialect dialect;
    private final JournalWriter writer;
    private final JournalQueries queries;
    private final UnconfirmedIntents unconfirmed;
    private final HeadWitness witness; // null for a team history: the server's privileges keep it
    private final TeamHistoryPrivileges teamPrivileges; // null for a file
    private Attribution attribution = Attribution.osUserOnly();
    private Connection connection; // null once closed
    /** Opens a new connection after the server went away; null for a file. */
    private final Supplier<Connection> reconnect;
    /** Opens the team history's further connections (the listener's); null for a file. */
    private final TeamHistoryConnections teamConnections;

    private HistoryStore(HistoryOpening.Opened opened, String consoleVersion) {
        this.databaseFile = opened.databaseFile();
        this.dialect = opened.dialect();
        this.witness = opened.witness();
        this.teamPrivileges = opened.teamPrivileges();
        this.reconnect = opened.reconnect();
        this.teamConnections = opened.teamConnections();
        this.writer = new JournalWriter(dialect, databaseFile, consoleVersion);
        this.queries = new JournalQueries(dialect);
        this.unconfirmed = new UnconfirmedIntents(queries, writer);
        this.connection = opened.connection();
    }

    /** Opens (creating it and its directories if needed) and migrates the history with the default options. */
    public static HistoryStore open(Path databaseFile, String consoleVersion) {
        return open(databaseFile, consoleVersion, HistoryOptions.defaults());
    }

    public static HistoryStore open(Path databaseFile, String consoleVersion, HistoryOptions options) {
        return open(databaseFile, consoleVersion, options, HistorySchema.MIGRATIONS);
    }

    /** With an explicit migration list, so tests can show that later migrations are applied in order. */
    static HistoryStore open(Path databaseFile, String consoleVersion, HistoryOptions options,
                             List<SchemaMigration> migrations) {
        requireVersion(consoleVersion);
        return new HistoryStore(HistoryOpening.file(databaseFile, options, migrations), consoleVersion);
    }

    /**
     * Opens a team history on PostgreSQL, applying its pending migrations when the role may (the owner's), and checks
     * the role: one that may not INSERT or SELECT is refused with the GRANT to run; one that may also UPDATE, DELETE or
     * TRUNCATE opens, and {@link #teamPrivileges()} says so. The password is PGPASSWORD or the password file's
     * ({@link TeamHistoryConnections}).
     *
     * @throws HistoryUnavailableException when the server cannot be reached, refuses the sign-in, the database is not
     *                                     a team history or is from a newer console, or the role lacks privileges
     */
    public static HistoryStore openTeam(TeamHistoryLocation location, String consoleVersion) {
        return openTeam(location, consoleVersion, System.getenv(), TeamHistorySchema.MIGRATIONS);
    }

    /**
     * Opens a team history to read and verify it: nothing is migrated, and a role that may only SELECT (an auditor's)
     * is enough. A write through it is refused by the server ({@link Problem#PRIVILEGES}) where the role may not.
     */
    public static HistoryStore openTeamForReading(TeamHistoryLocation location) {
        return openTeamForReading(location, System.getenv());
    }

    /** With the environment PGUSER and PGPASSWORD are read from (tests). */
    static HistoryStore openTeamForReading(TeamHistoryLocation location, Map<String, String> environment) {
        // It writes no row, so no console version is stored by it.
        return openTeam(location, "reader", environment, TeamHistorySchema.MIGRATIONS, true);
    }

    /**
     * As {@link #openTeam(TeamHistoryLocation, String)}, with the environment {@code PGUSER}, {@code PGPASSWORD} and
     * {@code PGPASSFILE} are read from instead of the process's (a console started with its own, or a test).
     */
    public static HistoryStore openTeam(TeamHistoryLocation location, String consoleVersion,
                                        Map<String, String> environment) {
        return openTeam(location, consoleVersion, environment, TeamHistorySchema.MIGRATIONS);
    }

    /** With the environment PGUSER and PGPASSWORD are read from, and the migrations (tests). */
    static HistoryStore openTeam(TeamHistoryLocation location, String consoleVersion,
                                 Map<String, String> environment, List<SchemaMigration> migrations) {
        return openTeam(location, consoleVersion, environment, migrations, false);
    }

    static HistoryStore openTeam(TeamHistoryLocation location, String consoleVersion,
                                 Map<String, String> environment, List<SchemaMigration> migrations,
                                 boolean forReading) {
        requireVersion(consoleVersion);
        return new HistoryStore(HistoryOpening.team(location, consoleVersion, environment, migrations, forReading),
                consoleVersion);
    }

    private static void requireVersion(String consoleVersion) {
        if (consoleVersion == null || consoleVersion.isBlank()) {
            throw new IllegalArgumentException("The console version is stored with every history row; it is required.");
        }
    }

    /** The history file; null for a team history (see {@link #location()}). */
    public Path databaseFile() {
        return databaseFile;
    }

    /** Where the history is: the file's path, or the team history's URL without secrets. */
    public String location() {
        return dialect.location();
    }

    /** The team history's location, for the auditor's readers to open it too; empty for a file. */
    public Optional<TeamHistoryLocation> teamLocation() {
        return dialect instanceof PostgresDialect postgres ? Optional.of(postgres.teamLocation()) : Optional.empty();
    }

    /**
     * For a team history, starts waking {@code catchUp} whenever any console appends to it, and every
     * {@code catchUpEvery} besides, on a connection of its own ({@link TeamHistoryListener}), giving it the chain
     * head's seq read there; the caller closes it. Empty for a file: nobody else writes it.
     */
    public Optional<TeamHistoryListener> listenForChanges(LongConsumer catchUp, Duration catchUpEvery,
                                                          Duration retryAfter) {
        if (teamConnections == null) {
            return Optional.empty();
        }
        TeamHistoryListener listener = new TeamHistoryListener(teamConnections, dialect.location(), catchUp,
                catchUpEvery, retryAfter);
        listener.start();
        return Optional.of(listener);
    }

    /** Whether this is a team history on PostgreSQL. */
    public boolean isTeamHistory() {
        return teamPrivileges != null;
    }

    /**
     * The team history role's privileges as checked at connect, when they go beyond INSERT and SELECT (the role could
     * rewrite history: show a warning); empty for a file or a role that may only INSERT and SELECT.
     */
    public Optional<TeamHistoryPrivileges> teamPrivileges() {
        return teamPrivileges != null && teamPrivileges.couldRewriteHistory() ? Optional.of(teamPrivileges)
                : Optional.empty();
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

    // --- writing -------------------------------------------------------------------------------------------------

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
     * @return the chain head after the write: the batch's last row, its first {@code size() - 1} rows before it;
     *         null for an empty batch
     * @throws HistoryUnavailableException when the database cannot be written; nothing of the batch is written
     */
    public synchronized ChainHead append(JournalBatch batch) {
        ChainHead head;
        try {
            head = writer.append(openConnection(), batch, attribution);
        } catch (CommitNotConfirmedException e) {
            throw unconfirmed.whatBecameOf(e, this::reconnectedIfLost, attribution);
        }
        if (head != null && witness != null) {
            witness.witness(head);
        }
        return head;
    }

    /** Where this store keeps the heads it wrote, outside the database file; empty for a team history. */
    public Optional<HeadWitness> witness() {
        return Optional.ofNullable(witness);
    }

    /** The newest row's seq and hash; {@link ChainHead#EMPTY} when the history has no row yet. */
    public synchronized ChainHead head() {
        try {
            return JournalQueries.head(openConnection());
        } catch (SQLException e) {
            throw dialect.translate("reading the head of the chain", e);
        }
    }

    /**
     * Walks the hash chain on this store's connection, in one consistent read, and checks it with the witness where
     * the store has one. For a team history this is {@code verify} (a file is verified by {@link AuditLog}, on a
     * connection of its own).
     */
    public synchronized ChainVerification verify() {
        return verify(List.of());
    }

    /** As {@link #verify()}, checking that each head noted earlier is on the chain ({@code verify --expect-head}). */
    public synchronized ChainVerification verify(List<ChainHead> expectedHeads) {
        try {
            return dialect.inReadSnapshot(openConnection(),
                    c -> ChainVerifier.verify(c, List.copyOf(expectedHeads), witness, dialect));
        } catch (SQLException e) {
            throw dialect.translate("verifying the hash chain", e);
        }
    }

    /**
     * Refuses, before a bulk run starts, a run whose journal would not fit on the history's disk (see
     * {@link JournalWriter#ensureRoomFor}). Reads no rows; blocking only on the file system.
     *
     * @throws HistoryUnavailableException {@link Problem#DISK_FULL} when the journal would not fit, with a sentence
     *                                     saying how much it needs and how much is free
     */
    public void ensureRoomFor(int decisions) {
        writer.ensureRoomFor(decisions);
    }

    // --- the protocol's reads ------------------------------------------------------------------------------------

    /** The output parameters an approval intent carries, as values; empty for other actions. */
    public synchronized Optional<OutputParameters> approvalOutputsOf(ClientRequestToken requestToken) {
        return queries.approvalOutputsOf(openConnection(), requestToken);
    }

    /** The output parameters an approval sent, as a JSON array of {@code {"Name", "Value"}}; empty for others. */
    public synchronized Optional<String> outputParametersOf(ClientRequestToken requestToken) {
        return queries.outputParametersOf(openConnection(), requestToken);
    }

    /** The latest decisions, newest first, each with its latest outcome. */
    public synchronized List<HistoryEntry> recentSubmissions(int limit) {
        return queries.recentSubmissions(openConnection(), limit);
    }

    /**
     * Catch-up for a console that has seen the history up to row {@code seq} (a {@link #head()} it read): every
     * decision with a row after it, a new intent or a new outcome, each with its latest outcome, oldest intent first;
     * at most {@code limit}. With a team history these are other operators' decisions too ("being decided by …"),
     * so a console that missed a wake-up loses nothing by asking again from the last head it saw.
     */
    public synchronized List<HistoryEntry> decisionsWithRowsAfter(long seq, int limit) {
        return queries.decisionsWithRowsAfter(openConnection(), seq, limit);
    }

    public synchronized Optional<HistoryEntry> find(ClientRequestToken requestToken) {
        return queries.find(openConnection(), requestToken);
    }

    /**
     * This connection's decisions not settled yet, oldest first: no outcome recorded (the console stopped between the
     * intent and the answer), or the latest outcome is UNKNOWN (no answer came) — unless that outcome records the
     * operator giving up (error code {@code GaveUp}). NOT_SENT settles a decision: it was never sent and must not be.
     * Repeating each with its own client request token settles it without applying it twice. Which rows belong to
     * the connection: see {@link ConnectionScope}.
     */
    public synchronized List<Submission> unsettledSubmissions(ConnectionId connection) {
        return queries.unsettledSubmissions(openConnection(), connection);
    }

    /**
     * The newest unsettled decision on this token made on this connection, if any: a new decision on the token must
     * not be sent beside it (it would get a ConflictException, or apply twice); repeat this one or settle it first.
     */
    public synchronized Optional<Submission> latestUnsettledFor(CallbackToken token, ConnectionId connection) {
        return queries.latestUnsettledFor(openConnection(), token, connection);
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
        return queries.unsettledElsewhere(openConnection(), connection);
    }

    /**
     * True when SageMaker accepted a decision on this callback token made on this connection (so a leftover message of
     * the token may be deleted). A decision on another connection says nothing about this one's step.
     */
    public synchronized boolean answered(CallbackToken token, ConnectionId connection) {
        return queries.answered(openConnection(), token, connection);
    }

    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        if (unconfirmed.any()) {
            try {
                openConnection(); // settles them when the history answers now
            } catch (RuntimeException e) {
                log.debug("The team history did not answer at closing: {}", e.getMessage());
            }
            unconfirmed.closing(dialect.location());
        }
        try {
            dialect.closing(connection);
            connection.close();
            log.info("History at {} closed", dialect.location());
        } catch (SQLException e) {
            throw dialect.translate("closing it", e);
        } finally {
            connection = null;
        }
    }


    /**
     * The store's connection, new when the server went away; first settles the intents whose commit went unanswered
     * ({@link UnconfirmedIntents}), so nothing reads or writes the history while one of them could look unsettled.
     */
    private Connection openConnection() {
        Connection c = reconnectedIfLost();
        if (unconfirmed.any()) {
            unconfirmed.settle(c, attribution);
        }
        return c;
    }

    private Connection reconnectedIfLost() {
        if (connection == null) {
            throw new IllegalStateException("The history store at " + dialect.location() + " is closed.");
        }
        if (reconnect != null && dialect.connectionLost()) {
            // The server went away (restart, fail-over, a cut connection): a new connection, or the same sentence
            // again while it stays away. Nothing is retried behind the caller's back: the write that met the cut
            // failed, and the caller decides again.
            HistoryConnections.closeQuietly(connection);
            connection = reconnect.get();
            dialect.reconnected();
            log.info("Team history {} reconnected", dialect.location());
        }
        return connection;
    }
}
