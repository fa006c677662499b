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
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("confirm.noTerminal"));
        }
        String answer = console.readLine("%s", TerminalWords.text("confirm.question", question));
        if (answer == null || !yes(answer.trim())) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("confirm.refused"));
        }
    }

    /** "y" and "yes" always confirm, whatever the language; a translation may add its own answers. */
    static boolean yes(String answer) {
        if (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes")) {
            return true;
        }
        for (String word : TerminalWords.text("confirm.yesAnswers").split(",")) {
            if (answer.equalsIgnoreCase(word.strip())) {
                return true;
            }
        }
        return false;
    }
}
