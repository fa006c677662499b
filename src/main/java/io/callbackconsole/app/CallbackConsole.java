package io.callbackconsole.app;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.cli.ConnectionOptions;
import io.callbackconsole.cli.SandboxCommand;
import io.callbackconsole.ui.ConsoleApplication;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.main.MainViewModel;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The program's entry point: with no command it opens the GUI (the sandbox unless a connection is configured);
 * {@code sandbox} runs the sandbox alone. It does not extend {@code Application}, so the jar starts with JavaFX on the
 * plain class path.
 */
@Command(name = "callback-console", mixinStandardHelpOptions = true, versionProvider = CallbackConsole.Version.class,
        subcommands = SandboxCommand.class,
        description = {"Operations console for Amazon SageMaker Pipelines callback steps.",
                "With no command, opens the console window."})
public final class CallbackConsole implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new CallbackConsole()).execute(args);
        // ElasticMQ's actor system and the AWS clients keep threads; the program ends when its command does.
        System.exit(exitCode);
    }

    @Override
    public Integer call() throws Exception {
        AppDirectories directories = AppDirectories.resolve(connection.dataDir());
        SettingsStore settings = new SettingsStore(directories.settingsFile());
        ConnectionSettings initial;
        try {
            initial = connection.resolve(settings.load());
        } catch (SettingsStore.SettingsException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        String version = ConsoleVersion.current();
        ConsoleEnvironment environment = new ConsoleEnvironment(
                new SandboxOrAwsSessions(directories.historyFile(), version), initial, settings::save,
                AwsClientFactory::profileNames, version);
        ConsoleApplication.launch(environment);
        MainViewModel.awaitClosed(10_000);
        return 0;
    }

    /** {@code --version}: the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Callback Console " + ConsoleVersion.current()};
        }
    }
}
