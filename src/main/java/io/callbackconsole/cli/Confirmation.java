package io.callbackconsole.cli;

import java.io.Console;

/** Asks the operator on the terminal before a command changes anything; scripts answer with {@code --yes}. */
final class Confirmation {
    private Confirmation() {
    }

    /**
     * Returns when confirmed; otherwise throws a bad-input {@link CommandFailure}, also when there is no terminal to
     * ask on and {@code yes} was not given.
     */
    static void require(boolean yes, String question) {
        if (yes) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "Not confirmed: there is no terminal to ask on. "
                    + "Add --yes to go ahead without asking; nothing was sent.");
        }
        String answer = console.readLine("%s [y/N] ", question);
        if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "Not confirmed; nothing was sent.");
        }
    }
}
