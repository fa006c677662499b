package io.callbackconsole.ui;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.triage.SessionOpener;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the launcher hands the GUI: how to open a session, the connection to start with, how to save a connection the
 * operator chose, and where profile names come from. Tests hand it their own sandbox.
 */
public record ConsoleEnvironment(
        SessionOpener opener,
        ConnectionSettings initialConnection,
        ConnectionSaver saver,
        Supplier<List<String>> profileNames,
        String version) {

    /** Persists a real-AWS connection chosen in the dialog so the next start uses it. Blocking; not on the FX thread. */
    @FunctionalInterface
    public interface ConnectionSaver {
        void save(ConnectionSettings settings) throws Exception;
    }
}
