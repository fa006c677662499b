package io.callbackconsole.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the console keeps its settings and history: {@code --data-dir}, else {@code CALLBACK_CONSOLE_HOME}, else the
 * operating system's folder for application data. Never next to the program, which may be read-only.
 */
public record AppDirectories(Path dataDir) {
    public static final String HOME_VARIABLE = "CALLBACK_CONSOLE_HOME";

    public static AppDirectories resolve(Path dataDirOption) {
        return resolve(dataDirOption, System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
    }

    static AppDirectories resolve(Path dataDirOption, Map<String, String> env, String osName, String userHome) {
        if (dataDirOption != null) {
            return new AppDirectories(dataDirOption.toAbsolutePath());
        }
        String home = env.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return new AppDirectories(Path.of(home).toAbsolutePath());
        }
        return new AppDirectories(osDefault(env, osName == null ? "" : osName.toLowerCase(Locale.ROOT), userHome));
    }

    private static Path osDefault(Map<String, String> env, String os, String userHome) {
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return appData != null && !appData.isBlank()
                    ? Path.of(appData, "Callback Console")
                    : Path.of(userHome, "AppData", "Roaming", "Callback Console");
        }
        if (os.startsWith("mac")) {
            return Path.of(userHome, "Library", "Application Support", "Callback Console");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "callback-console")
                : Path.of(userHome, ".config", "callback-console");
    }

    /** The history of the AWS connections made from this data directory; each row names its connection. */
    public Path historyFile() {
        return dataDir.resolve("history.db");
    }

    /**
     * The sandbox's own history, apart from the AWS connections' one: a sandbox (or {@code --smoke}) run never writes
     * into the history an operator keeps for AWS, and its decisions are never listed as unsettled there.
     */
    public Path sandboxHistoryFile() {
        return dataDir.resolve("sandbox").resolve("history.db");
    }

    /** {@link #sandboxHistoryFile()} for the sandbox, else {@link #historyFile()}. */
    public Path historyFile(boolean sandbox) {
        return sandbox ? sandboxHistoryFile() : historyFile();
    }

    public Path settingsFile() {
        return dataDir.resolve("settings.json");
    }
}
