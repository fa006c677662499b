package io.callbackconsole.cli;

import static io.callbackconsole.testing.TestPollerSettings.NO_SCHEDULE;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.triage.ConsoleSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Commands run in the test's JVM on a sandbox and a history file of the test's, as the launcher would wire them. */
final class InProcessCommands {
    /** What a command line left: its exit code and what it printed. */
    record Run(int exitCode, String stdout, String stderr) {
    }

    private InProcessCommands() {
    }

    /** Runs {@code command} (a picocli command object) with {@code args}. */
    static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exitCode = line.execute(args);
        io.callbackconsole.testing.Transcript.record(java.util.List.of(args), exitCode, out.toString(), err.toString());
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The sandbox as the commands' connection, whatever their options say, and {@code history} as their history. */
    static CommandEnvironment on(Sandbox sandbox, Path history) {
        ConnectionSettings connection = new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null);
        return new CommandEnvironment() {
            @Override
            public ConnectionSettings connection(ConnectionOptions options) {
                return connection;
            }

            @Override
            public Path historyFile(Path dataDirOption, boolean sandboxHistory) {
                return history;
            }

            @Override
            public ConsoleSession openSession(ConnectionOptions options) {
                return ConsoleSession.open(connection, history, "test", NO_SCHEDULE);
            }
        };
    }
}
