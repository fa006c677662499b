package io.callbackconsole.ui;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.triage.SessionOpener;
import io.callbackconsole.ui.preferences.StartPreferences;
import io.callbackconsole.ui.theme.ThemeSettings;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the launcher hands the GUI: how to open a session, the connection to start with, how to save a connection the
 * operator chose, where profile names come from, where the window's closing work can be waited for, where the
 * profiles' environment marks are kept, where the tables' column choices are, the theme to start in, and the
 * preferences and window layout read at start. Tests hand it
 * their own sandbox.
 */
public record ConsoleEnvironment(
        SessionOpener opener,
        ConnectionSettings initialConnection,
        ConnectionSaver saver,
        Supplier<List<String>> profileNames,
        String version,
        WindowClosings closings,
        EnvironmentMarks marks,
        OwnPipelines ownPipelines,
        ColumnChoices columns,
        ThemeSettings theme,
        StartPreferences preferences) {

    /** With preferences kept in memory only, starting on the defaults. */
    public ConsoleEnvironment(SessionOpener opener, ConnectionSettings initialConnection, ConnectionSaver saver,
                              Supplier<List<String>> profileNames, String version, WindowClosings closings,
                              EnvironmentMarks marks, OwnPipelines ownPipelines, ColumnChoices columns,
                              ThemeSettings theme) {
        this(opener, initialConnection, saver, profileNames, version, closings, marks, ownPipelines, columns, theme,
                StartPreferences.inMemory());
    }

    /** With column choices kept in memory only, in the light theme, its choice kept in memory only. */
    public ConsoleEnvironment(SessionOpener opener, ConnectionSettings initialConnection, ConnectionSaver saver,
                              Supplier<List<String>> profileNames, String version, WindowClosings closings,
                              EnvironmentMarks marks, OwnPipelines ownPipelines) {
        this(opener, initialConnection, saver, profileNames, version, closings, marks, ownPipelines,
                ColumnChoices.inMemory(), ThemeSettings.light());
    }

    /** With column choices kept in memory only. */
    public ConsoleEnvironment(SessionOpener opener, ConnectionSettings initialConnection, ConnectionSaver saver,
                              Supplier<List<String>> profileNames, String version, WindowClosings closings,
                              EnvironmentMarks marks, OwnPipelines ownPipelines, ThemeSettings theme) {
        this(opener, initialConnection, saver, profileNames, version, closings, marks, ownPipelines,
                ColumnChoices.inMemory(), theme);
    }

    /** In the light theme, its choice kept in memory only. */
    public ConsoleEnvironment(SessionOpener opener, ConnectionSettings initialConnection, ConnectionSaver saver,
                              Supplier<List<String>> profileNames, String version, WindowClosings closings,
                              EnvironmentMarks marks, OwnPipelines ownPipelines, ColumnChoices columns) {
        this(opener, initialConnection, saver, profileNames, version, closings, marks, ownPipelines, columns,
                ThemeSettings.light());
    }

    /** With marks kept in memory only. */
    public ConsoleEnvironment(SessionOpener opener, ConnectionSettings initialConnection, ConnectionSaver saver,
                              Supplier<List<String>> profileNames, String version) {
        this(opener, initialConnection, saver, profileNames, version, EnvironmentMarks.inMemory());
    }

    public ConsoleEnvironment(SessionOpener opener, ConnectionSettings initialConnection, ConnectionSaver saver,
                              Supplier<List<String>> profileNames, String version, EnvironmentMarks marks) {
        this(opener, initialConnection, saver, profileNames, version, new WindowClosings(), marks,
                OwnPipelines.none());
    }

    /** Persists a real-AWS connection chosen in the dialog so the next start uses it. Blocking; not on the FX thread. */
    @FunctionalInterface
    public interface ConnectionSaver {
        void save(ConnectionSettings settings) throws Exception;
    }
}
