package io.callbackconsole.cli;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.SubmissionResult;
import java.io.PrintWriter;
import io.callbackconsole.triage.BulkSubmission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
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
@Command(name = "fail", mixinStandardHelpOptions = true)
public final class FailCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "0..1", paramLabel = "TOKEN", descriptionKey = "token")
    String token;

    @Option(names = "--reason", required = true, paramLabel = "TEXT")
    String reason;

    @Option(names = "--pipeline", paramLabel = "NAME")
    String pipeline;

    @Option(names = "--all-stale")
    boolean allStale;

    @Option(names = "--concurrency", paramLabel = "N")
    int concurrency = BulkSubmission.DEFAULT_CONCURRENCY;

    @Option(names = "--yes")
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
        int targetsNamed = (token == null ? 0 : 1) + (pipeline == null ? 0 : 1) + (allStale ? 1 : 0);
        if (targetsNamed != 1) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("fail.oneTarget"));
        }
        if (concurrency < 1 || concurrency > BulkSubmission.MAX_CONCURRENCY) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("fail.concurrency",
                    BulkSubmission.MAX_CONCURRENCY, concurrency));
        }
        CallbackToken callbackToken = token == null ? null : validToken();
        if (callbackToken != null) {
            Confirmation.require(yes, TerminalWords.text("fail.confirmOne", callbackToken, failureReason));
        }
        try (ConsoleSession session = CommandSessions.open(environment, connection, spec.commandLine().getErr())) {
            // One poll, so that the token's message is held and can be deleted once the outcome is on record.
            PendingSnapshot snapshot = session.pending().pollOnce();
            if (callbackToken != null) {
                return report(session.decisions().submitFailureByToken(callbackToken, failureReason));
            }
            if (allStale) {
                return dismissStale(session, snapshot, failureReason);
            }
            // A stale token with an unsettled decision is the protocol's: that decision's own call may be why the
            // step no longer waits, so it is repeated with its request token, or the token is named as unsettled.
            Set<CallbackToken> unsettled = session.recovery().unsettledSubmissions().stream().map(Submission::token)
                    .collect(Collectors.toSet());
            List<PendingCallback> targets = snapshot.pending().stream()
                    .filter(p -> p.executionArn().pipelineName().equals(pipeline))
                    .filter(p -> !snapshot.contextOf(p.token()).stale() || unsettled.contains(p.token())).toList();
            if (targets.isEmpty()) {
                spec.commandLine().getErr().println(TerminalWords.text("fail.nothingPending", pipeline,
                        session.connection().queueUrls().size()));
                return ExitCodes.OK;
            }
            Confirmation.require(yes, TerminalWords.text("fail.confirmBulk", ResultWording.bulkQuestion(targets),
                    failureReason));
            try {
                session.decisions().ensureHistoryRoomFor(targets.size());
            } catch (HistoryUnavailableException e) {
                throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, TerminalWords.text("fail.noHistoryRoom",
                        e.getMessage()));
            }
            AtomicInteger worst = new AtomicInteger(ExitCodes.OK);
            BulkSubmission.Summary summary = session.decisions().submitFailures(targets.stream()
                    .map(PendingCallback::token)
                    .toList(), failureReason, concurrency, outcome -> {
                        synchronized (this) {
                            worst.accumulateAndGet(outcome.sent() ? report(outcome.result()) : ExitCodes.BAD_INPUT,
                                    Math::max);
                        }
                    }, () -> false);
            if (!summary.allAccepted()) {
                spec.commandLine().getErr().println(ResultWording.summary(summary));
            }
            if (summary.breakerOpened() || summary.signedOut()) {
                worst.accumulateAndGet(ExitCodes.AWS_UNREACHABLE, Math::max);
            }
            return worst.get();
        }
    }

    private int dismissStale(ConsoleSession session, PendingSnapshot snapshot, FailureReason reason) {
        List<PendingCallback> stale = snapshot.pending().stream()
                .filter(p -> snapshot.contextOf(p.token()).stale()).toList();
        if (stale.isEmpty()) {
            spec.commandLine().getErr().println(TerminalWords.text("fail.nothingStale"));
            return ExitCodes.OK;
        }
        Confirmation.require(yes, TerminalWords.text("fail.confirmDismissStale", stale.size(), reason));
        int worst = ExitCodes.OK;
        for (PendingCallback callback : stale) {
            String why = snapshot.contextOf(callback.token()).staleReason() + "; " + reason.text();
            SubmissionResult result = session.decisions().dismiss(callback.token(), why);
            PrintWriter out = spec.commandLine().getOut();
            if (result.accepted()) {
                out.println(callback.token() + "  dismissed  " + callback.executionArn());
                out.flush();
            } else {
                spec.commandLine().getErr().println(ResultWording.of(result));
            }
            worst = Math.max(worst, ExitCodes.of(result));
        }
        return worst;
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

    /**
     * Prints the ARN on stdout (for scripts) only for a decision SageMaker accepted and the history recorded; anything
     * else is one sentence on stderr that says what happens next.
     */
    private int report(SubmissionResult result) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        switch (result.status()) {
            case ACCEPTED -> {
                out.println(((Outcome.Accepted) result.outcome()).returnedExecutionArn());
                out.flush();
            }
            case ANSWERED_NOT_RECORDED -> err.println(TerminalWords.text("fail.answeredNotRecorded",
                    result.submission().token(), ResultWording.of(result)));
            case UNKNOWN -> err.println(TerminalWords.text("fail.unsettled", ResultWording.of(result)));
            default -> err.println(ResultWording.of(result));
        }
        err.flush();
        return ExitCodes.of(result);
    }
}
