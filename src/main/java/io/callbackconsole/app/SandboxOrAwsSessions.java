package io.callbackconsole.app;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SessionOpener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens sessions for the launcher: for the sandbox it starts ElasticMQ and the simulator first and points the
 * session at them, with the sandbox's own history file; for AWS it opens the session on the connection as given, with
 * the data directory's history.
 */
public final class SandboxOrAwsSessions implements SessionOpener {
    private final AppDirectories directories;
    private final String version;
    private final CallbackPoller.PollerSettings pollerSettings;

    public SandboxOrAwsSessions(AppDirectories directories, String version,
                                CallbackPoller.PollerSettings pollerSettings) {
        this.directories = directories;
        this.version = version;
        this.pollerSettings = pollerSettings;
    }

    @Override
    public ConsoleSession open(ConnectionSettings connection) {
        if (!connection.sandbox()) {
            return ConsoleSession.open(connection, ownerOnly(directories.historyFile()), version, pollerSettings);
        }
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
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
                sandbox.sageMakerEndpoint(), sandbox.stsEndpoint());
    }
}
