package io.callbackconsole.cli;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.SubmissionResult;
import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Fails one callback step, or every pending one of a pipeline, through the same journal as the window: validate,
 * journal the intent, call SageMaker, journal the outcome, delete the message when this command holds it.
 */
@Command(name = "fail", mixinStandardHelpOptions = true,
        description = {"Fail a waiting callback step (SendPipelineExecutionStepFailure) and print the execution ARN.",
                "Asks for confirmation on a terminal; scripts pass --yes."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Success.",
            "1:AWS refused the call (the error code and request id are on stderr).",
            "2:Bad input (usage, token, reason), or not confirmed; nothing was sent or journaled.",
            "3:AWS could not be reached, or credentials are missing or expired.",
            "5:The local history cannot be written, so nothing was sent."})
public final class FailCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "0..1", paramLabel = "TOKEN", description = "The 10-character callback token.")
    String token;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the step fails (at most 256 characters); SageMaker shows it as the step's failure reason.")
    String reason;

    @Option(names = "--pipeline", paramLabel = "NAME", description = "Instead of one TOKEN: fail every pending callback of this pipeline.")
    String pipeline;

    @Option(names = "--yes", description = "Do not ask for confirmation (required without a terminal).")
    boolean yes;

    @Spec
    CommandSpec spec;

    public FailCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        // Everything the operator typed is checked before anything is journaled or sent.
        FailureReason failureReason = validReason();
        if ((token == null) == (pipeline == null)) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "Name either one TOKEN or --pipeline NAME.");
        }
        CallbackToken callbackToken = token == null ? null : validToken();
        if (callbackToken != null) {
            confirm("Fail the step of token " + callbackToken + " with reason \"" + failureReason + "\"?");
        }
        try (ConsoleSession session = CommandSessions.open(environment, connection)) {
            // One poll, so that the token's message is held and can be deleted once the outcome is on record.
            PendingSnapshot snapshot = session.pollOnce();
            if (callbackToken != null) {
                return report(session.submitFailureByToken(callbackToken, failureReason));
            }
            List<PendingCallback> targets = snapshot.pending().stream()
                    .filter(p -> p.executionArn().pipelineName().equals(pipeline)).toList();
            if (targets.isEmpty()) {
                spec.commandLine().getErr().println("No callback of pipeline " + pipeline + " is pending on "
                        + session.connection().queueUrls().size() + " queue(s); nothing was sent.");
                return ExitCodes.OK;
            }
            confirm("Fail " + targets.size() + " callback step(s) of pipeline " + pipeline + " with reason \""
                    + failureReason + "\"?");
            int worst = ExitCodes.OK;
            for (PendingCallback target : targets) {
                worst = Math.max(worst, report(session.submitFailure(target.token(), failureReason)));
            }
            return worst;
        }
    }

    private FailureReason validReason() {
        try {
            return FailureReason.of(reason);
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    private CallbackToken validToken() {
        try {
            return CallbackToken.of(token);
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    private void confirm(String question) {
        if (yes) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "Not confirmed: there is no terminal to ask on. "
                    + "Add --yes to fail without asking; nothing was sent.");
        }
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "Not confirmed; nothing was sent.");
        }
    }

    /** Prints the ARN on stdout (for scripts) or one sentence with the error code and request id on stderr. */
    private int report(SubmissionResult result) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (result.outcome() instanceof Outcome.Accepted accepted) {
            out.println(accepted.returnedExecutionArn());
            out.flush();
        } else {
            err.println(result.message());
            err.flush();
        }
        return ExitCodes.of(result);
    }
}
