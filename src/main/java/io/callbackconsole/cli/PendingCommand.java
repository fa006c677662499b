package io.callbackconsole.cli;

import io.callbackconsole.aws.CallDeadline;
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
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the callbacks waiting on the configured queues. The messages are released again when the command ends. */
@Command(name = "pending", mixinStandardHelpOptions = true)
public final class PendingCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json")
    boolean json;

    @Option(names = "--discover")
    boolean discover;

    @Option(names = "--discover-days", paramLabel = "DAYS")
    int discoverDays = 7;

    @Option(names = "--wait", paramLabel = "SECONDS")
    int waitSeconds = 0;

    @Spec
    CommandSpec spec;

    public PendingCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (waitSeconds < 0) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("pending.wait"));
        }
        if (discoverDays < 1) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("pending.discoverDays"));
        }
        // A poll that started before --wait ran out may finish: one receive per queue, each bounded by its own
        // deadline, plus one more for the rest of the poll (redrive policy, leases). No poll may hang the command.
        Duration oneReceive = Duration.ofSeconds(connection.pollerSettings().waitSeconds())
                .plus(connection.clientTuning().sqs().perAttempt());
        try (ConsoleSession session = CommandSessions.open(environment, connection, spec.commandLine().getErr())) {
            Duration onePoll = oneReceive.multipliedBy(Math.max(1, session.connection().queueUrls().size()) + 1L);
            ExecutorService polls = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "pending-poll");
                thread.setDaemon(true);
                return thread;
            });
            try {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(waitSeconds));
                Instant giveUp = deadline.plus(onePoll);
                Optional<PendingSnapshot> polled = pollBefore(session, polls, giveUp);
                while (polled.isPresent() && polled.get().pending().isEmpty()
                        && polled.get().pollState().phase() != PollState.Phase.FAILING
                        && Instant.now().isBefore(deadline)) {
                    Thread.sleep(Math.max(1, Math.min(500, Duration.between(Instant.now(), deadline).toMillis())));
                    polled = pollBefore(session, polls, giveUp);
                }
                String allowed = TerminalWords.text("pending.allowedWait", CallDeadline.seconds(
                        Duration.ofSeconds(waitSeconds).plus(onePoll)), waitSeconds, CallDeadline.seconds(onePoll));
                if (polled.isPresent() && discover) {
                    WaitingCallbackDiscovery.Result found = session.discovery().findWaitingCallbacks(
                            Duration.ofDays(discoverDays),
                            progress -> { }, () -> false);
                    found.problems().forEach(problem -> spec.commandLine().getErr().println(TerminalWords.text(
                            "pending.discoveryProblem", DisplayText.escape(problem))));
                    polled = pollBefore(session, polls, Instant.now().plus(onePoll));
                    allowed = TerminalWords.text("pending.allowedAfterDiscovery", CallDeadline.seconds(onePoll));
                }
                if (polled.isEmpty()) {
                    spec.commandLine().getErr().println(TerminalWords.text("pending.noAnswer", allowed));
                    return ExitCodes.AWS_UNREACHABLE;
                }
                PendingSnapshot snapshot = polled.get();
                print(snapshot);
                if (snapshot.pollState().phase() == PollState.Phase.FAILING) {
                    spec.commandLine().getErr().println(TerminalWords.text("pending.cannotPoll",
                            DisplayText.escape(snapshot.pollState().problem())));
                    return ExitCodes.AWS_UNREACHABLE;
                }
                return ExitCodes.OK;
            } finally {
                polls.shutdownNow();
            }
        }
    }

    /**
     * One poll of every queue, or empty when it has not finished by {@code giveUp}: the poller's own thread goes on
     * until the receive's deadline ends it, and closing the session waits for that.
     */
    private static Optional<PendingSnapshot> pollBefore(ConsoleSession session, ExecutorService polls, Instant giveUp)
            throws InterruptedException {
        Future<PendingSnapshot> poll = polls.submit(session.pending()::pollOnce);
        try {
            return Optional.of(poll.get(Math.max(0, Duration.between(Instant.now(), giveUp).toMillis()),
                    TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            poll.cancel(true);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
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
                spec.commandLine().getErr().println(TerminalWords.text("pending.quarantined",
                        snapshot.quarantined().size()));
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
