package io.callbackconsole.cli;

import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.triage.ConsoleSession;

/** Opens a command's session, turning each way that can fail into a {@link CommandFailure}. */
final class CommandSessions {
    private CommandSessions() {
    }

    static ConsoleSession open(CommandEnvironment environment, ConnectionOptions options) {
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
