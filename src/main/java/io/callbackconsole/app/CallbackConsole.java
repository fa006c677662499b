package io.callbackconsole.app;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.cli.ApproveCommand;
import io.callbackconsole.cli.CommandEnvironment;
import io.callbackconsole.cli.CommandFailure;
import io.callbackconsole.cli.ConnectionOptions;
import io.callbackconsole.cli.FailCommand;
import io.callbackconsole.cli.HistoryCommand;
import io.callbackconsole.cli.LoginCommand;
import io.callbackconsole.cli.PendingCommand;
import io.callbackconsole.cli.RecoverCommand;
import io.callbackconsole.cli.ScriptCommand;
import io.callbackconsole.cli.TerminalWords;
import io.callbackconsole.cli.VerifyCommand;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.ConsoleLaunch;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.SmokeCheck;
import io.callbackconsole.ui.WindowClosings;
import io.callbackconsole.ui.preferences.StartPreferences;
import io.callbackconsole.ui.theme.SystemColorScheme;
import io.callbackconsole.ui.theme.ThemeChoice;
import io.callbackconsole.ui.theme.ThemeSettings;
import io.callbackconsole.ui.theme.ThemeStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The program's entry point: with no command it opens the GUI (the sandbox unless a connection is configured);
 * {@code sandbox} runs the sandbox alone. It does not extend {@code Application}, so the jar starts with JavaFX on the
 * plain class path. Its help and every command's are in {@code io/callbackconsole/cli/help.properties} (see
 * {@link #commandLine}): a translation is a file beside it.
 */
@Command(name = "callback-console", mixinStandardHelpOptions = true, versionProvider = CallbackConsole.Version.class)
public final class CallbackConsole implements Callable<Integer> {
    /**
     * The commands, in the order help lists them. Added in code rather than in {@code @Command}, so a line that opens
     * the window does not pay for their models (about 0.08 s of picocli reflection while JavaFX starts).
     */
    static final List<Class<?>> COMMANDS = List.of(PendingCommand.class, FailCommand.class, ApproveCommand.class,
            HistoryCommand.class, VerifyCommand.class, RecoverCommand.class, LoginCommand.class, SandboxCommand.class);

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--smoke")
    boolean smoke;

    @Option(names = "--smoke-history", hidden = true)
    boolean smokeHistory;

    @Option(names = "--smoke-timeout", paramLabel = "SECONDS", defaultValue = "120")
    int smokeTimeoutSeconds;

    /** The GUI's launch: started early by {@link #main} for a line that certainly opens the window. */
    private final ConsoleLaunch gui;
    /** The sandbox {@link #main} started for a line certainly on it; null otherwise (a sandbox launch starts it). */
    private final CompletableFuture<Sandbox> launchSandbox;

    CallbackConsole(ConsoleLaunch gui, CompletableFuture<Sandbox> launchSandbox) {
        this.gui = gui;
        this.launchSandbox = launchSandbox;
    }

    public static void main(String[] args) {
        boolean opensWindow = WindowLaunchPreview.certainlyOpensWindow(args);
        ConsoleLaunch gui = new ConsoleLaunch();
        CompletableFuture<Sandbox> sandbox = null;
        if (opensWindow) {
            // JavaFX starts while picocli reads the line (below) and the window's environment is set up.
            gui.startEarly();
            if (FirstFrameOverlap.sandbox() && WindowLaunchPreview.certainlyOnSandbox(args)) {
                // So does the sandbox: its first rows wait for ElasticMQ and the simulator, not for the window. Its
                // log lines before the log file is set up reach stderr only.
                sandbox = SandboxOrAwsSessions.startSandbox(Sandbox::start);
            }
        }
        // A line that certainly opens the window names no command: picocli reads it the same without them.
        int exitCode = commandLine(!opensWindow, gui, sandbox).execute(args);
        // ElasticMQ's actor system and the AWS clients keep threads; the program ends when its command does.
        System.exit(exitCode);
    }

    /**
     * The command tree, with commands built on the launch environment and failures printed as one sentence.
     *
     * @param withCommands false only for a line that names no command (help then lists none)
     * @param gui          the launch the window opens in, when the line opens it
     */
    static CommandLine commandLine(boolean withCommands, ConsoleLaunch gui) {
        return commandLine(withCommands, gui, null);
    }

    /** As {@link #commandLine(boolean, ConsoleLaunch)}, with the sandbox {@link #main} started (null: none). */
    private static CommandLine commandLine(boolean withCommands, ConsoleLaunch gui,
                                           CompletableFuture<Sandbox> launchSandbox) {
        LaunchEnvironment environment = new LaunchEnvironment();
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine commandLine = new CommandLine(new CallbackConsole(gui, launchSandbox), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                // Commands that work on the launch environment take it in their constructor.
                try {
                    return type.getConstructor(CommandEnvironment.class).newInstance(environment);
                } catch (NoSuchMethodException noEnvironment) {
                    return defaults.create(type);
                }
            }
        });
        if (withCommands) {
            COMMANDS.forEach(commandLine::addSubcommand);
            // The help of every command, the subcommands' too. Only a line with commands can ask for help: a line
            // that opens the window does not load the bundle (a JVM's first ResourceBundle takes about 30 ms).
            commandLine.setResourceBundle(ResourceBundle.getBundle(TerminalWords.HELP_BUNDLE));
        }
        commandLine.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult command = parseResult;
            while (command.subcommand() != null) {
                command = command.subcommand();
            }
            if (command.commandSpec().userObject() instanceof ScriptCommand) {
                // Logging never mixes into what scripts read on stderr.
                LogFile.silenceConsole();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        commandLine.setExecutionExceptionHandler((failure, line, parseResult) -> {
            if (failure instanceof CommandFailure commandFailure) {
                line.getErr().println(commandFailure.getMessage());
                return commandFailure.exitCode();
            }
            throw failure;
        });
        return commandLine;
    }

    @Override
    public Integer call() throws Exception {
        AppDirectories directories = AppDirectories.resolve(connection.dataDir());
        SettingsStore settings = new SettingsStore(directories.settingsFile());
        // A damaged file does not stop the start: set aside, the defaults are used, and the window says so once.
        String settingsNotice = smoke ? "" : settings.setAsideIfDamaged().orElse("");
        ConnectionSettings initial;
        io.callbackconsole.history.TeamHistoryLocation launchHistory;
        try {
            java.util.Optional<ConnectionSettings> saved = smoke ? java.util.Optional.empty() : settings.load();
            // The saved connection's history comes along; the flags name none (--history wins in the opener).
            initial = smoke ? ConnectionSettings.sandboxToStart() : connection.resolve(saved)
                    .withHistoryUrl(saved.map(ConnectionSettings::historyUrl).orElse(null));
            launchHistory = connection.teamHistory().orElse(null);
        } catch (SettingsStore.SettingsException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (CommandFailure e) {
            System.err.println(e.getMessage());
            return e.exitCode();
        }
        CallbackPoller.PollerSettings pollerSettings = connection.pollerSettings();
        // Everything that can refuse the command line has passed: the window opens. JavaFX starts now (unless main
        // started it already), on its own thread, while this one sets up logging and the window's environment.
        gui.startEarly();
        try {
            return showWindow(directories, settings, initial, pollerSettings, launchHistory, settingsNotice);
        } finally {
            gui.abandon();
        }
    }

    private int showWindow(AppDirectories directories, SettingsStore settings, ConnectionSettings initial,
            CallbackPoller.PollerSettings pollerSettings, io.callbackconsole.history.TeamHistoryLocation launchHistory,
            String settingsNotice) {
        // Before the log file and the history are created in it, so both are created owner-only.
        List<java.nio.file.Path> tightened = List.of();
        java.io.IOException notPrepared = null;
        try {
            tightened = OwnerOnlyFiles.prepare(directories);
        } catch (java.io.IOException e) {
            notPrepared = e;
        }
        LogFile.start(directories);
        String version = ConsoleVersion.current();
        Logger log = LoggerFactory.getLogger(CallbackConsole.class);
        log.info("Callback Console {} ({}), data in {}",
                version, ConsoleVersion.build(), directories.dataDir());
        AotCacheUse.ofThisJvm().ifPresent(use -> {
            if (AotCacheUse.used(use)) {
                log.info("{}", use);
            } else {
                log.warn("{}", use);
            }
        });
        if (!settingsNotice.isEmpty()) {
            log.warn("{}", settingsNotice);
        }
        if (notPrepared != null) {
            log.warn("Cannot make the data directory {} owner-only: {}", directories.dataDir(), notPrepared.toString());
        } else if (!tightened.isEmpty()) {
            log.info(OwnerOnlyFiles.reportOf(tightened));
        }
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(directories, version, pollerSettings, launchHistory);
        // Beside the first frame only where cores are to spare (FirstFrameOverlap); else once the window connects.
        boolean clientsEarly = FirstFrameOverlap.awsClients();
        if (launchSandbox != null) {
            // Started by main; its connection's clients are made once it is up.
            sessions.adoptEarlySandbox(launchSandbox, initial.tuning(), clientsEarly);
        } else if (initial.sandbox() && FirstFrameOverlap.sandbox()) {
            // ElasticMQ, the simulator and the seed executions start beside JavaFX, not after the window is shown,
            // and the clients of its connection are made after it.
            sessions.startSandboxEarly(initial.tuning(), clientsEarly);
        } else if (clientsEarly) {
            // The SDK loads and the connection's clients are built while JavaFX starts and draws the first frame.
            sessions.startAwsClientsEarly(initial);
        }
        ConsoleEnvironment environment = new ConsoleEnvironment(sessions, initial, settings::save,
                AwsClientFactory::profileNames, version, new WindowClosings(), new EnvironmentMarks() {
                    @Override
                    public Map<String, EnvironmentMark> load() throws SettingsStore.SettingsException {
                        return settings.loadMarks();
                    }

                    @Override
                    public void save(String profileKey, EnvironmentMark mark) throws SettingsStore.SettingsException {
                        settings.saveMark(profileKey, mark);
                    }
                }, sessions, settings.columnChoices(), themeSettings(settings, SystemColorScheme.ofThisMachine()),
                StartPreferences.read(settings.preferencesStore(), settingsNotice));
        if (smoke) {
            int status = new SmokeCheck(Duration.ofSeconds(smokeTimeoutSeconds), System.out, System.err,
                    smokeHistory).run(gui, environment);
            environment.closings().awaitClosed(10_000);
            sessions.discardEarlySandbox();
            return status;
        }
        log.debug("Handing JavaFX the window's environment {} ms after the JVM started",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        gui.show(environment);
        environment.closings().awaitClosed(10_000);
        sessions.discardEarlySandbox();
        return 0;
    }

    /** The theme to start in, read here (off the FX thread, while JavaFX starts) so the first frame is drawn in it. */
    static ThemeSettings themeSettings(SettingsStore settings, SystemColorScheme system) {
        return ThemeSettings.read(new ThemeStore() {
            @Override
            public ThemeChoice load() throws SettingsStore.SettingsException {
                return settings.loadTheme();
            }

            @Override
            public void save(ThemeChoice choice) throws SettingsStore.SettingsException {
                settings.saveTheme(choice);
            }
        }, system);
    }

    /** {@code --version}: the version and build from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Callback Console " + ConsoleVersion.current(), ConsoleVersion.build()};
        }
    }
}
