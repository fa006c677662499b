package io.callbackconsole.cli;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionRecovery;
import io.callbackconsole.triage.SubmissionResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Settles decisions that a crash or a lost answer left without a known outcome. */
@Command(name = "recover", mixinStandardHelpOptions = true)
public final class RecoverCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dry-run")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    public RecoverCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ConsoleSession session = CommandSessions.open(environment, connection, spec.commandLine().getErr())) {
            if (dryRun) {
                reportOtherConnections(session, err);
                List<Submission> unsettled = session.recovery().unsettledSubmissions();
                unsettled.forEach(s -> out.printf("%s  %s  %s  unsettled%n", s.token(),
                        s.action().name().toLowerCase(java.util.Locale.ROOT), s.requestToken()));
                out.flush();
                return ExitCodes.OK;
            }
            AtomicInteger exitCode = new AtomicInteger(ExitCodes.OK);
            receiveIfDismissalsAreUnsettled(session);
            SubmissionRecovery.Run run;
            try {
                // Each line is printed as it is settled, so an error later still leaves what was done on screen.
                run = session.recovery().recoverUnsettled(recovered -> {
                    Submission s = recovered.submission();
                    out.printf("%s  %s  %s  %s%n", s.token(), s.action().name().toLowerCase(java.util.Locale.ROOT),
                            s.requestToken(), describe(recovered.result()));
                    out.flush();
                    exitCode.accumulateAndGet(exitCodeOf(recovered.result()), Math::max);
                });
            } catch (HistoryUnavailableException e) {
                err.println(TerminalWords.text("recover.stopped", e.getMessage()));
                return ExitCodes.HISTORY_UNAVAILABLE;
            }
            reportOtherConnections(session, err);
            if (run.notTried() > 0) {
                err.println(TerminalWords.text("recover.notTried", run.notTried()));
                exitCode.accumulateAndGet(ExitCodes.AWS_UNREACHABLE, Math::max);
            }
            return exitCode.get();
        }
    }

    /**
     * A dismissal is settled by deleting its message with a receipt handle of this run: the messages are received
     * once first when one is unsettled (and handed back when the session closes), so one still on its queue is seen.
     */
    private static void receiveIfDismissalsAreUnsettled(ConsoleSession session) {
        if (session.recovery().unsettledSubmissions().stream().anyMatch(s -> s.action() == Action.DISMISS)) {
            session.pending().pollOnce();
        }
    }

    /** Other connections' unsettled decisions are never sent from here: they are named, with what to do. */
    private static void reportOtherConnections(ConsoleSession session, PrintWriter err) {
        for (HistoryStore.UnsettledElsewhere elsewhere : session.recovery().unsettledElsewhere()) {
            err.println(TerminalWords.text("recover.unsettledElsewhere", elsewhere.decisions(),
                    DisplayText.escape(elsewhere.connection().describe())));
        }
        err.flush();
    }

    private static int exitCodeOf(SubmissionResult result) {
        return switch (result.status()) {
            case ANSWERED_NOT_RECORDED -> ExitCodes.HISTORY_UNAVAILABLE;
            case UNKNOWN -> ExitCodes.AWS_UNREACHABLE;
            case ACCEPTED_OTHER_EXECUTION -> ExitCodes.OTHER_EXECUTION;
            default -> ExitCodes.OK;
        };
    }

    private static String describe(SubmissionResult result) {
        Outcome outcome = result.outcome();
        if (result.status() == SubmissionResult.Status.ANSWERED_NOT_RECORDED) {
            return "answered, not recorded  " + outcome.kind().toLowerCase(java.util.Locale.ROOT);
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            return (result.status() == SubmissionResult.Status.ACCEPTED ? "accepted  " : "accepted for another "
                    + "execution  ") + accepted.returnedExecutionArn();
        }
        if (outcome instanceof Outcome.Refused refused) {
            return "refused  " + refused.errorCode();
        }
        return outcome instanceof Outcome.Unknown unknown ? "unknown  " + unknown.errorCode() : "not repeated";
    }
}
