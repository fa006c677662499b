package io.callbackconsole.app;

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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens sessions for the launcher: for the sandbox it starts ElasticMQ and the simulator first and points the
 * session at them, with the sandbox's own history file; for AWS it opens the session on the connection as given, with
 * the data directory's history.
 */
public final class SandboxOrAwsSessions implements SessionOpener, OwnPipelines {
    private final AppDirectories directories;
    private final String version;
    private final CallbackPoller.PollerSettings pollerSettings;
    /** Pipelines of the operator's own, run by every sandbox started from when they were added. */
    private final List<SandboxPipeline> ownPipelines = new CopyOnWriteArrayList<>();
    /** The AWS connections' team history; null for the data directory's file. The sandbox keeps its own file. */
    private final TeamHistoryLocation teamHistory;

    public SandboxOrAwsSessions(AppDirectories directories, String version,
                                CallbackPoller.PollerSettings pollerSettings) {
        this(directories, version, pollerSettings, null);
    }

    /** With AWS connections' decisions journaled in a team history (null: the data directory's file). */
    public SandboxOrAwsSessions(AppDirectories directories, String version,
                                CallbackPoller.PollerSettings pollerSettings, TeamHistoryLocation teamHistory) {
        this.directories = directories;
        this.version = version;
        this.pollerSettings = pollerSettings;
        this.teamHistory = teamHistory;
    }

    @Override
    public ConsoleSession open(ConnectionSettings connection) {
        if (!connection.sandbox() && teamHistory != null) {
            return ConsoleSession.open(connection, () -> HistoryStore.openTeam(teamHistory, version), pollerSettings);
        }
        if (!connection.sandbox()) {
            return ConsoleSession.open(connection, ownerOnly(directories.historyFile()), version, pollerSettings);
        }
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults().withPipelines(ownPipelines));
        try {
            // The sandbox's endpoints, with the deadlines the flags asked for, and its own history.
            ConnectionSettings local = sandboxConnection(sandbox).withTuning(connection.tuning());
            return ConsoleSession.open(local, ownerOnly(directories.sandboxHistoryFile()), version, pollerSettings,
                    sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
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
