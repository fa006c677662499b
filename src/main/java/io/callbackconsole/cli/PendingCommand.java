package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.triage.WaitingCallbackDiscovery;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the callbacks waiting on the configured queues. The messages are released again when the command ends. */
@Command(name = "pending", mixinStandardHelpOptions = true,
        description = "Poll the configured queues and print the callbacks waiting for a decision.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Success (also when nothing is pending).",
            "3:A queue could not be polled (the reason is on stderr).",
            "5:The local history cannot be opened."})
public final class PendingCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "One JSON object per callback and line (fields: token, pipelineExecutionArn, pipelineName, stepName, status, stale, receivedAt, queueUrl, arguments, staleReason, stepStatus, executionStatus, foundViaSageMaker, contextProblem).")
    boolean json;

    @Option(names = "--discover", description = "Also ask SageMaker which callback steps wait (ListPipelines → executions → steps), finding tokens whose message is gone.")
    boolean discover;

    @Option(names = "--discover-days", paramLabel = "DAYS", description = "With --discover: executions started within this many days. Default: ${DEFAULT-VALUE}.")
    int discoverDays = 7;

    @Option(names = "--wait", paramLabel = "SECONDS", description = "Keep polling up to this long until at least one callback is pending. Default: ${DEFAULT-VALUE}.")
    int waitSeconds = 0;

    @Spec
    CommandSpec spec;

    public PendingCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (waitSeconds < 0) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "--wait takes a number of seconds, 0 or more.");
        }
        if (discoverDays < 1) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "--discover-days takes a number of days, 1 or more.");
        }
        try (ConsoleSession session = CommandSessions.open(environment, connection)) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(waitSeconds));
            PendingSnapshot snapshot = session.pollOnce();
            while (snapshot.pending().isEmpty() && snapshot.pollState().phase() != PollState.Phase.FAILING
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                snapshot = session.pollOnce();
            }
            if (discover) {
                WaitingCallbackDiscovery.Result found = session.findWaitingCallbacks(Duration.ofDays(discoverDays),
                        progress -> { }, () -> false);
                found.problems().forEach(problem -> spec.commandLine().getErr().println("Discovery: "
                        + DisplayText.escape(problem)));
                snapshot = session.pollOnce();
            }
            print(snapshot);
            if (snapshot.pollState().phase() == PollState.Phase.FAILING) {
                spec.commandLine().getErr().println("Cannot poll: "
                        + DisplayText.escape(snapshot.pollState().problem()));
                return ExitCodes.AWS_UNREACHABLE;
            }
            return ExitCodes.OK;
        }
    }

    private void print(PendingSnapshot snapshot) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            snapshot.pending().forEach(callback -> out.println(
                    PendingCallbackJson.of(callback, snapshot.contextOf(callback.token()))));
        } else {
            printTable(out, snapshot);
            if (!snapshot.quarantined().isEmpty()) {
                spec.commandLine().getErr().println(snapshot.quarantined().size()
                        + " message(s) are not callback messages and were left on their queues.");
            }
        }
        out.flush();
    }

    /** One line per pending callback under the column titles. */
    static void printTable(PrintWriter out, PendingSnapshot snapshot) {
        String row = "%-10s  %-9s  %-24s  %-20s  %-14s  %-20s  %s%n";
        out.printf(row, "TOKEN", "STATUS", "PIPELINE", "STEP", "EXECUTION", "RECEIVED", "ARGUMENTS / STALE");
        for (PendingCallback callback : snapshot.pending()) {
            CallbackContext context = snapshot.contextOf(callback.token());
            // Names, arguments and SageMaker's words come from outside: shown escaped, so each row stays one
            // line and a control character cannot redraw the terminal.
            out.printf(row, callback.token(), DisplayText.escape(callback.message().statusText()),
                    DisplayText.escape(callback.executionArn().pipelineName()),
                    context.step() == null ? "-" : DisplayText.escape(context.step().stepName()),
                    DisplayText.escape(callback.executionArn().executionId()),
                    callback.lastReceivedAt().toString().substring(0, 19) + "Z",
                    DisplayText.escape(context.stale() ? "STALE: " + context.staleReason()
                            : callback.message().argumentsSummary()));
        }
    }
}
