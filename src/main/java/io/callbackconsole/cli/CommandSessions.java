package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.triage.ConsoleSession;
import java.io.PrintWriter;

/** Opens a command's session, turning each way that can fail into a {@link CommandFailure}. */
final class CommandSessions {
    private CommandSessions() {
    }

    /**
     * Opens the session; when STS did not say who acts, says so on {@code err} first, since every decision of the
     * command is then recorded without the AWS principal.
     */
    static ConsoleSession open(CommandEnvironment environment, ConnectionOptions options, PrintWriter err) {
        ConsoleSession session = open(environment, options);
        session.identityProblem().ifPresent(problem -> err.println("warning: " + DisplayText.escape(problem)
                + " Decisions are recorded without the AWS principal, and this connection is known by its profile"
                + " and region rather than its account."));
        return session;
    }

    private static ConsoleSession open(CommandEnvironment environment, ConnectionOptions options) {
        try {
            return environment.openSession(options);
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (CommandFailure e) {
            throw e;
        } catch (Exception e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, "Cannot open the connection: " + e.getMessage());
        }
    }
}
