package io.callbackconsole.cli;

import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.OutputParameter;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.SubmissionResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Approves a waiting callback step (SendPipelineExecutionStepSuccess) with output parameters, checked against the API
 * limits at once and against the step's declared outputs before anything is journaled or sent.
 */
@Command(name = "approve", mixinStandardHelpOptions = true)
public final class ApproveCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Parameters(paramLabel = "TOKEN", descriptionKey = "token")
    String token;

    @Option(names = "--output", paramLabel = "NAME=VALUE")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--yes")
    boolean yes;

    @Spec
    CommandSpec spec;

    public ApproveCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        CallbackToken callbackToken;
        Map<String, String> typed;
        try {
            callbackToken = CallbackToken.of(token);
            typed = parseOutputs();
            List<OutputParameter> values = typed.entrySet().stream()
                    .map(e -> new OutputParameter(e.getKey(), e.getValue())).toList();
            List<String> problems = OutputParameters.problemsWith(values);
            if (!problems.isEmpty()) {
                throw new InvalidInputException(String.join(" ", problems));
            }
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
        try (ConsoleSession session = CommandSessions.open(environment, connection, spec.commandLine().getErr())) {
            PendingSnapshot snapshot = session.pending().pollOnce();
            if (snapshot.pending().stream().noneMatch(p -> p.token().equals(callbackToken))) {
                throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("approve.notPending", callbackToken,
                        session.connection().queueUrls().size()));
            }
            OutputParameters parameters = checkedAgainstDeclaration(snapshot.contextOf(callbackToken), typed);
            Confirmation.require(yes, parameters.values().isEmpty()
                    ? TerminalWords.text("approve.confirm", callbackToken)
                    : TerminalWords.text("approve.confirmWithOutputs", callbackToken, parameters.summary()));
            SubmissionResult result = session.decisions().approve(callbackToken, parameters);
            if (result.outcome() instanceof Outcome.Accepted accepted) {
                spec.commandLine().getOut().println(accepted.returnedExecutionArn());
                spec.commandLine().getOut().flush();
            } else {
                spec.commandLine().getErr().println(ResultWording.of(result));
            }
            return ExitCodes.of(result);
        }
    }

    private Map<String, String> parseOutputs() {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String output : outputs) {
            int equals = output.indexOf('=');
            if (equals <= 0) {
                throw new InvalidInputException(TerminalWords.text("approve.outputUnnamed", output));
            }
            String name = output.substring(0, equals);
            if (typed.put(name, output.substring(equals + 1)) != null) {
                throw new InvalidInputException(TerminalWords.text("approve.outputTwice", name));
            }
        }
        return typed;
    }

    /** With the step's declaration known, names must be declared and values of their type; else the limits suffice. */
    private static OutputParameters checkedAgainstDeclaration(CallbackContext context, Map<String, String> typed) {
        CallbackStepState step = context.step();
        if (context.execution() == null || step == null) {
            return new OutputParameters(typed.entrySet().stream()
                    .map(e -> new OutputParameter(e.getKey(), e.getValue())).toList());
        }
        List<DeclaredOutput> declared = context.execution().declaredOutputsOf(step.stepName());
        List<String> undeclared = typed.keySet().stream()
                .filter(name -> declared.stream().noneMatch(d -> d.name().equals(name))).toList();
        if (!undeclared.isEmpty()) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("approve.undeclared", step.stepName(),
                    String.join(", ", undeclared), declared.isEmpty() ? TerminalWords.text("approve.declaresNone")
                    : declared.stream().map(d -> d.name() + " (" + d.type().wireValue() + ")")
                    .collect(Collectors.joining(", "))));
        }
        try {
            return OutputParameters.fromDeclared(declared, typed);
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("approve.badOutput", e.getMessage()));
        }
    }
}
