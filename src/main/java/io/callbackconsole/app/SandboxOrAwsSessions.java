package io.callbackconsole.app;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ClientTuning;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxPipeline;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SessionOpener;
import io.callbackconsole.ui.OwnPipelines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Opens sessions for the launcher: for the sandbox it starts ElasticMQ and the simulator first and points the
 * session at them, with the sandbox's own history file; for AWS it opens the session on the connection as given, with
 * the launch's team history ({@code --history}), else the one chosen for the connection in Connect…, else the data
 * directory's history file.
 *
 * <p>A launch on the sandbox {@link #startSandboxEarly starts it early} (one certainly on it from {@code main}'s
 * first lines, {@link #adoptEarlySandbox adopted} here): ElasticMQ, the simulator and the seed executions come up on a
 * thread of their own while JavaFX starts and the window is built, and the window's first connection takes that
 * sandbox instead of starting one after the window is shown. The AWS clients of the launch's connection (the
 * sandbox's, once it is up, or those of an AWS connection {@link #startAwsClientsEarly from the start}) are made
 * ahead too ({@link EarlyClients}), so the first receive does not wait for the SDK to load.
 */
public final class SandboxOrAwsSessions implements SessionOpener, OwnPipelines {
    private final AppDirectories directories;
    private final String version;
    private final CallbackPoller.PollerSettings pollerSettings;
    /** Pipelines of the operator's own, run by every sandbox started from when they were added. */
    private final List<SandboxPipeline> ownPipelines = new CopyOnWriteArrayList<>();
    /**
     * The launch's team history ({@code --history}), for every AWS connection; null for each connection's own choice.
     * The sandbox keeps its own file.
     */
    private final TeamHistoryLocation teamHistory;
    private final Function<SandboxOptions, Sandbox> starter;
    /** The sandbox started by {@link #startSandboxEarly}, until a session takes it or it is discarded; else null. */
    private CompletableFuture<EarlySandbox> early;
    /** The clients {@link #startAwsClientsEarly} makes, until a session takes them or they are discarded; else null. */
    private EarlyClients earlyAws;

    /**
     * A sandbox started early, with the clients of its connection being made after it (null when they are not made
     * early).
     */
    private record EarlySandbox(Sandbox sandbox, EarlyClients clients) {
        /** No session took it. */
        void close() {
            if (clients != null) {
                clients.discard();
            }
            sandbox.close();
        }
    }

    public SandboxOrAwsSessions(AppDirectories directories, String version,
                                CallbackPoller.PollerSettings pollerSettings) {
        this(directories, version, pollerSettings, null, Sandbox::start);
    }

    /** With AWS connections' decisions journaled in a team history (null: the data directory's file). */
    public SandboxOrAwsSessions(AppDirectories directories, String version,
                                CallbackPoller.PollerSettings pollerSettings, TeamHistoryLocation teamHistory) {
        this(directories, version, pollerSettings, teamHistory, Sandbox::start);
    }

    /** With the way a sandbox is started, so tests can count and fail starts. */
    SandboxOrAwsSessions(AppDirectories directories, String version, CallbackPoller.PollerSettings pollerSettings,
                         Function<SandboxOptions, Sandbox> starter) {
        this(directories, version, pollerSettings, null, starter);
    }

    private SandboxOrAwsSessions(AppDirectories directories, String version,
                                 CallbackPoller.PollerSettings pollerSettings, TeamHistoryLocation teamHistory,
                                 Function<SandboxOptions, Sandbox> starter) {
        this.directories = directories;
        this.version = version;
        this.pollerSettings = pollerSettings;
        this.teamHistory = teamHistory;
        this.starter = starter;
    }

    /**
     * Starts a sandbox on a background thread now, for the next sandbox session to take; returns at once. A start
     * that fails is reported by that session, which then tries once more itself.
     */
    public void startSandboxEarly() {
        startSandboxEarly(ClientTuning.DEFAULT, true);
    }

    /**
     * As {@link #startSandboxEarly()}; then, when {@code withClients}, makes its connection's clients with
     * {@code tuning}.
     */
    public synchronized void startSandboxEarly(ClientTuning tuning, boolean withClients) {
        if (early != null) {
            return;
        }
        adoptEarlySandbox(startSandbox(starter), tuning, withClients);
    }

    /**
     * Starts the default sandbox with {@code starter} on a daemon thread of its own and returns at once: for a launch
     * that is certainly on the sandbox, from {@code main}'s first lines, before these sessions exist.
     */
    static CompletableFuture<Sandbox> startSandbox(Function<SandboxOptions, Sandbox> starter) {
        CompletableFuture<Sandbox> starting = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                starting.complete(starter.apply(SandboxOptions.defaults()));
            } catch (RuntimeException | Error e) {
                starting.completeExceptionally(e);
            }
        }, "sandbox-early-start");
        // The process ends with System.exit whether or not a session took the sandbox.
        thread.setDaemon(true);
        thread.start();
        return starting;
    }

    /**
     * Takes {@code starting} (from {@link #startSandbox}) as the sandbox the next sandbox session takes; once it is
     * up, and when {@code withClients}, its connection's clients are made with {@code tuning} on a thread of their
     * own. Returns at once. A start that fails is reported by that session, which then tries once more itself.
     */
    synchronized void adoptEarlySandbox(CompletableFuture<Sandbox> starting, ClientTuning tuning,
                                        boolean withClients) {
        if (early != null) {
            starting.thenAccept(Sandbox::close);
            return;
        }
        CompletableFuture<EarlySandbox> handed = new CompletableFuture<>();
        // Async on a thread of its own when the sandbox is up already: making the clients never holds up the caller.
        starting.whenCompleteAsync((sandbox, failure) -> {
            if (failure != null) {
                handed.completeExceptionally(failure);
                return;
            }
            EarlyClients clients;
            try {
                clients = withClients ? EarlyClients.toMake(sandboxConnection(sandbox).withTuning(tuning)) : null;
            } catch (RuntimeException e) {
                sandbox.close();
                handed.completeExceptionally(e);
                return;
            }
            handed.complete(new EarlySandbox(sandbox, clients));
            if (clients != null) {
                // After the sandbox is handed over: the session opens its history meanwhile.
                clients.make();
            }
        }, SandboxOrAwsSessions::onDaemonThread);
        early = handed;
    }

    private static void onDaemonThread(Runnable work) {
        Thread thread = new Thread(work, "sandbox-early-clients");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Makes the AWS clients of {@code connection} on a background thread now, for the session that opens it to take
     * (SQS, SageMaker and STS, with the SDK loaded); returns at once. Nothing for the sandbox: it is started early.
     */
    public synchronized void startAwsClientsEarly(ConnectionSettings connection) {
        if (connection.sandbox() || earlyAws != null) {
            return;
        }
        earlyAws = EarlyClients.start(connection);
    }

    /** Stops a sandbox started early that no session took (the window closed first, or connected to AWS). */
    public void discardEarlySandbox() {
        CompletableFuture<EarlySandbox> left;
        EarlyClients leftClients;
        synchronized (this) {
            left = early;
            early = null;
            leftClients = earlyAws;
            earlyAws = null;
        }
        if (left != null) {
            left.thenAccept(EarlySandbox::close);
        }
        if (leftClients != null) {
            leftClients.discard();
        }
    }

    /** The clients {@link #startAwsClientsEarly} is making, until a session takes them; null otherwise. */
    synchronized EarlyClients earlyAwsClients() {
        return earlyAws;
    }

    @Override
    public ConsoleSession open(ConnectionSettings connection) {
        if (!connection.sandbox()) {
            TeamHistoryLocation team = teamHistoryOf(connection);
            EarlyClients made;
            synchronized (this) {
                made = earlyAws;
                earlyAws = null;
            }
            Supplier<HistoryStore> history = team != null
                    ? () -> HistoryStore.openTeam(team, version)
                    : () -> HistoryStore.open(ownerOnly(directories.historyFile()), version);
            return openOn(connection, made, history);
        }
        // The sandbox's own history opens beside the sandbox's start (or the wait for the one started early).
        HistoryOpenedAside history = HistoryOpenedAside.start(
                () -> HistoryStore.open(ownerOnly(directories.sandboxHistoryFile()), version), "sandbox-history-open");
        Sandbox sandbox;
        EarlySandbox started;
        try {
            started = takeEarlySandbox();
            sandbox = started == null
                    ? starter.apply(SandboxOptions.defaults().withPipelines(ownPipelines)) : started.sandbox();
        } catch (RuntimeException | Error e) {
            history.abandon();
            throw e;
        }
        try {
            // The sandbox's endpoints, with the deadlines the flags asked for.
            ConnectionSettings local = sandboxConnection(sandbox).withTuning(connection.tuning());
            return openOn(local, started == null ? null : started.clients(), history, sandbox);
        } catch (RuntimeException e) {
            history.abandon(); // closed already when the session took it; closing again does nothing
            sandbox.close();
            throw e;
        }
    }

    /**
     * The team history an AWS connection journals in: the launch's ({@code --history}) wins over the one saved with
     * the connection; null for the data directory's file.
     *
     * @throws IllegalArgumentException with the sentence of {@link TeamHistoryLocation#parse} for a saved URL that is
     *                                  not one (edited by hand) or carries a password
     */
    TeamHistoryLocation teamHistoryOf(ConnectionSettings connection) {
        if (teamHistory != null) {
            return teamHistory;
        }
        return connection.historyUrl() == null ? null : TeamHistoryLocation.parse(connection.historyUrl());
    }

    /**
     * Opens the session of {@code connection} on the clients made early when they are its own (taken once its history
     * is open: they may still be being made meanwhile), else on clients it makes itself.
     */
    private ConsoleSession openOn(ConnectionSettings connection, EarlyClients made, Supplier<HistoryStore> history,
                                  AutoCloseable... alsoClose) {
        if (made == null) {
            return ConsoleSession.open(connection, history, pollerSettings, alsoClose);
        }
        AtomicBoolean asked = new AtomicBoolean();
        try {
            return ConsoleSession.open(() -> {
                asked.set(true);
                AwsClientFactory clients = made.takeFor(connection);
                return clients != null ? clients : AwsClientFactory.create(connection);
            }, history, pollerSettings, alsoClose);
        } finally {
            if (!asked.get()) {
                // The session failed before it took them (its history did not open).
                made.discard();
            }
        }
    }

    /**
     * Blocking: the sandbox started early, once it is up; null when none was started, when its start failed (logged;
     * the caller starts one), or when pipelines of the operator's own were added since, which it does not run.
     */
    private EarlySandbox takeEarlySandbox() {
        CompletableFuture<EarlySandbox> taken;
        synchronized (this) {
            taken = early;
            early = null;
        }
        if (taken == null) {
            return null;
        }
        EarlySandbox started;
        try {
            started = taken.get();
        } catch (ExecutionException e) {
            LoggerFactory.getLogger(SandboxOrAwsSessions.class).warn("The sandbox started early did not start;"
                    + " starting it again", e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken.thenAccept(EarlySandbox::close);
            throw new IllegalStateException("Interrupted while the sandbox started", e);
        }
        if (!ownPipelines.isEmpty()) {
            started.close();
            return null;
        }
        return started;
    }

    @Override
    public String add(Path definitionFile) throws IOException {
        String json = Files.readString(definitionFile, StandardCharsets.UTF_8);
        String name = SandboxPipeline.nameOfFile(definitionFile.getFileName().toString());
        SandboxPipeline pipeline;
        try {
            pipeline = new SandboxPipeline(name, json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(definitionFile + " is not a definition the sandbox runs: "
                    + e.getMessage(), e);
        }
        // A file loaded again replaces the pipeline of its name.
        ownPipelines.removeIf(own -> own.name().equals(name));
        ownPipelines.add(pipeline);
        return name;
    }

    @Override
    public List<String> names() {
        return ownPipelines.stream().map(SandboxPipeline::name).toList();
    }

    /**
     * Creates the history file 0600 (its folder 0700) before SQLite opens it, so its -wal and -shm files get the same
     * mode; only the history the connection uses is created.
     */
    private static Path ownerOnly(Path historyFile) {
        try {
            return OwnerOnlyFiles.createHistoryFile(historyFile);
        } catch (IOException e) {
            throw new HistoryUnavailableException(HistoryUnavailableException.Problem.CANNOT_OPEN, historyFile,
                    "The history database " + historyFile + " cannot be created (" + e + "). Choose another data"
                            + " directory with --data-dir.", e);
        }
    }

    /** The connection that reaches a running sandbox: its endpoints, region and every queue. */
    public static ConnectionSettings sandboxConnection(Sandbox sandbox) {
        return new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(), sandbox.sqsEndpoint(),
                sandbox.sageMakerEndpoint(), sandbox.stsEndpoint()).withIamEndpoint(sandbox.iamEndpoint());
    }
}
