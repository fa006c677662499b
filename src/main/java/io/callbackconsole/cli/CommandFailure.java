package io.callbackconsole.cli;

/**
 * A command cannot go on: its message is one sentence for stderr, its exit code one of {@link ExitCodes}. The
 * launcher's exception handler prints it without a stack trace.
 */
public final class CommandFailure extends RuntimeException {
    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
