package io.callbackconsole.cli;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.triage.ConsoleSession;
import java.nio.file.Path;

/**
 * What commands get from the launcher: the connection the flags and saved settings name, and sessions on it. The
 * launcher supplies it, so commands need not know where settings live or how the sandbox starts.
 */
public interface CommandEnvironment {

    /** The connection to use; saved settings are the defaults, flags win. */
    ConnectionSettings connection(ConnectionOptions options) throws Exception;

    /**
     * The history database of the data directory ({@code --data-dir}, else CALLBACK_CONSOLE_HOME, else the OS
     * default): the AWS connections' one, or the sandbox's own, which is kept apart.
     */
    Path historyFile(Path dataDirOption, boolean sandbox);

    /** Opens a session for a command: the history of the data directory, clients for the connection, no schedule. */
    ConsoleSession openSession(ConnectionOptions options) throws Exception;
}
