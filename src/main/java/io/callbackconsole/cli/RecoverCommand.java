package io.callbackconsole.cli;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionRecovery;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Settles decisions that a crash or a lost answer left without a known outcome. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Settle decisions without a known outcome (the console stopped mid-submission, or no answer came):",
                "each is sent again with its own client request token, which SageMaker applies at most once."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Nothing was unsettled, or every decision is settled now (accepted or refused).",
            "3:Some decisions are still unsettled: AWS could not be reached.",
            "5:The local history cannot be opened."})
public final class RecoverCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dry-run", description = "Only list the unsettled decisions; send nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    public RecoverCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ConsoleSession session = CommandSessions.open(environment, connection)) {
            if (dryRun) {
                List<Submission> unsettled = session.unsettledSubmissions();
                unsettled.forEach(s -> out.printf("%s  %s  %s  unsettled%n", s.token(),
                        s.action().name().toLowerCase(java.util.Locale.ROOT), s.requestToken()));
                out.flush();
                return ExitCodes.OK;
            }
            int exitCode = ExitCodes.OK;
            for (SubmissionRecovery.Recovered recovered : session.recoverUnsettled()) {
                Submission s = recovered.submission();
                String result = describe(recovered.outcome());
                out.printf("%s  %s  %s  %s%n", s.token(), s.action().name().toLowerCase(java.util.Locale.ROOT),
                        s.requestToken(), result);
                if (!recovered.settled()) {
                    exitCode = ExitCodes.AWS_UNREACHABLE;
                }
            }
            out.flush();
            return exitCode;
        }
    }

    private static String describe(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return "accepted  " + accepted.returnedExecutionArn();
        }
        if (outcome instanceof Outcome.Refused refused) {
            return "refused  " + refused.errorCode();
        }
        return "unknown  " + ((Outcome.Unknown) outcome).errorCode();
    }
}
