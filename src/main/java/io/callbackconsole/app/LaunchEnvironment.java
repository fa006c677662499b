package io.callbackconsole.app;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.cli.CommandEnvironment;
import io.callbackconsole.cli.CommandFailure;
import io.callbackconsole.cli.ConnectionOptions;
import io.callbackconsole.cli.ExitCodes;
import io.callbackconsole.cli.TerminalWords;
import io.callbackconsole.triage.ConsoleSession;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Resolves a command's connection from its flags and the saved settings of its data directory, and opens sessions. */
final class LaunchEnvironment implements CommandEnvironment {

    @Override
    public ConnectionSettings connection(ConnectionOptions options) {
        SettingsStore settings = new SettingsStore(AppDirectories.resolve(options.dataDir()).settingsFile());
        try {
            return options.resolve(settings.load());
        } catch (SettingsStore.SettingsException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    @Override
    public Path historyFile(Path dataDirOption, boolean sandbox) {
        return AppDirectories.resolve(dataDirOption).historyFile(sandbox);
    }

    @Override
    public ConsoleSession openSession(ConnectionOptions options) {
        AppDirectories directories = AppDirectories.resolve(options.dataDir());
        try {
            String report = OwnerOnlyFiles.reportOf(OwnerOnlyFiles.prepare(directories));
            if (report != null) {
                LoggerFactory.getLogger(LaunchEnvironment.class).info(report);
            }
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, TerminalWords.text("launch.dataDirNotPrepared",
                    directories.dataDir(), e));
        }
        return new SandboxOrAwsSessions(directories, ConsoleVersion.current(), options.pollerSettings(),
                options.teamHistory().orElse(null)).open(connection(options));
    }
}
