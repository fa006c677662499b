package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.history.HistoryStore;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One connection's worth of console, as the GUI and the command line use it: opened together (by
 * {@link SessionAssembly}), started, closed together, and its use cases grouped by what the front ends do with them —
 * {@link #pending()}, {@link #decisions()}, {@link #recovery()}, {@link #discovery()}, {@link #history()} and
 * {@link #identity()}. Their blocking methods run on the caller's thread, so callers on the FX thread hand them to a
 * background executor.
 */
public final class ConsoleSession implements AutoCloseable {
    private final ConnectionSettings connection;
    /** The connection every decision of this session belongs to, and the only one it sends or recovers. */
    private final ConnectionId connectionId;
    private final SessionIdentity identity;
    private final PendingFeed pending;
    private final SessionDecisions decisions;
    private final SessionRecovery recovery;
    private final SessionDiscovery discovery;
    private final SessionHistory history;
    private final Runnable polling;
    private final SessionResources resources;

    ConsoleSession(ConnectionSettings connection, ConnectionId connectionId, SessionIdentity identity,
                   PendingFeed pending, SessionDecisions decisions, SessionRecovery recovery,
                   SessionDiscovery discovery, SessionHistory history, Runnable polling, SessionResources resources) {
        this.connection = connection;
        this.connectionId = connectionId;
        this.identity = identity;
        this.pending = pending;
        this.decisions = decisions;
        this.recovery = recovery;
        this.discovery = discovery;
        this.history = history;
        this.polling = polling;
        this.resources = resources;
    }

    /**
     * Opens the history and the AWS clients for a connection and takes up the decisions left unsettled on it.
     * Polling starts with {@link #start()}. Everything is closed in the reverse order it is opened.
     *
     * @param alsoClose closed after everything else when the session closes (a sandbox it runs on, for instance)
     */
    public static ConsoleSession open(ConnectionSettings requested, Path historyFile, String consoleVersion,
                                      CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        return open(requested, () -> HistoryStore.open(historyFile, consoleVersion), pollerSettings, alsoClose);
    }

    /**
     * As {@link #open(ConnectionSettings, Path, String, CallbackPoller.PollerSettings, AutoCloseable...)}, on the
     * history the opener opens (a team history, {@link HistoryStore#openTeam}); the session closes it.
     */
    public static ConsoleSession open(ConnectionSettings requested, Supplier<HistoryStore> historyOpener,
                                      CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        return SessionAssembly.open(() -> AwsClientFactory.create(requested), historyOpener, pollerSettings, alsoClose);
    }

    /**
     * As {@link #open(ConnectionSettings, Supplier, CallbackPoller.PollerSettings, AutoCloseable...)}, on the clients
     * {@code clientsOpener} gives (made, or being made, ahead by the launcher); the session closes them.
     */
    public static ConsoleSession open(Supplier<AwsClientFactory> clientsOpener, Supplier<HistoryStore> historyOpener,
                                      CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        return SessionAssembly.open(clientsOpener, historyOpener, pollerSettings, alsoClose);
    }

    /** Starts polling on the poller's schedule. */
    public void start() {
        polling.run();
    }

    /** The pending tokens: snapshots, polls, contexts. */
    public PendingFeed pending() {
        return pending;
    }

    /** Fail, approve, dismiss, release, give up: the decisions on this connection's tokens. */
    public SessionDecisions decisions() {
        return decisions;
    }

    /** The decisions left unsettled, on this connection and on others. */
    public SessionRecovery recovery() {
        return recovery;
    }

    /** Find waiting, and the callback queues of the pipelines. */
    public SessionDiscovery discovery() {
        return discovery;
    }

    /** Where the journal is, and its newest decisions. */
    public SessionHistory history() {
        return history;
    }

    /** Who this session acts as. */
    public SessionIdentity identity() {
        return identity;
    }

    public ConnectionSettings connection() {
        return connection;
    }

    /** The identity this session's decisions are journaled under, and the only one it sends or recovers. */
    public ConnectionId connectionId() {
        return connectionId;
    }

    /** Closes every part, last opened first. */
    @Override
    public void close() {
        resources.close();
    }
}
