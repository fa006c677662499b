package io.callbackconsole.triage;

import io.callbackconsole.aws.ConnectionSettings;

/**
 * Opens a {@link ConsoleSession} for a connection; for the sandbox it first starts the sandbox itself. Blocking: the
 * GUI calls it on a background thread.
 */
@FunctionalInterface
public interface SessionOpener {
    ConsoleSession open(ConnectionSettings connection) throws Exception;
}
