package io.callbackconsole.app;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SessionOpener;
import java.nio.file.Path;

/**
 * Opens sessions for the launcher: for the sandbox it starts ElasticMQ and the simulator first and points the
 * session at them; for AWS it opens the session on the connection as given.
 */
public final class SandboxOrAwsSessions implements SessionOpener {
    private final Path historyFile;
    private final String version;
    private final CallbackPoller.PollerSettings pollerSettings;

    public SandboxOrAwsSessions(Path historyFile, String version, CallbackPoller.PollerSettings pollerSettings) {
        this.historyFile = historyFile;
        this.version = version;
        this.pollerSettings = pollerSettings;
    }

    @Override
    public ConsoleSession open(ConnectionSettings connection) {
        if (!connection.sandbox()) {
            return ConsoleSession.open(connection, historyFile, version, pollerSettings);
        }
        Sandbox sandbox = Sandbox.start(SandboxOptions.defaults());
        try {
            // The sandbox's endpoints, with the deadlines the flags asked for.
            ConnectionSettings local = sandboxConnection(sandbox).withTuning(connection.tuning());
            return ConsoleSession.open(local, historyFile, version, pollerSettings, sandbox);
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** The connection that reaches a running sandbox: its endpoints, region and every queue. */
    public static ConnectionSettings sandboxConnection(Sandbox sandbox) {
        return new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(), sandbox.sqsEndpoint(),
                sandbox.sageMakerEndpoint(), sandbox.stsEndpoint());
    }
}
