package io.callbackconsole.cli;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.triage.ConsoleSession;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * Opens a command's session, turning each way that can fail into a {@link CommandFailure}. A profile the console signs
 * in (SSO, an MFA role) is checked first: an MFA role is signed in with {@code --mfa-code} or a code asked on the
 * terminal; a missing SSO sign-in ends the command (exit 3) with what to run, before anything is sent.
 */
final class CommandSessions {
    private CommandSessions() {
    }

    /**
     * Opens the session; when STS did not say who acts, says so on {@code err} first, since every decision of the
     * command is then recorded without the AWS principal.
     */
    static ConsoleSession open(CommandEnvironment environment, ConnectionOptions options, PrintWriter err) {
        ConsoleSession session = open(environment, options);
        session.history().teamPrivileges().ifPresent(privileges -> err.println(TerminalWords.text(
                "session.roleCouldRewrite", DisplayText.escape(privileges.role()),
                String.join(", ", privileges.rewritingPrivileges()), DisplayText.escape(session.history().location()),
                DisplayText.escape(privileges.revokeRewriting()))));
        session.identity().problem().ifPresent(problem -> err.println(TerminalWords.text(
                "session.noIdentity", DisplayText.escape(problem))));
        return session;
    }

    private static ConsoleSession open(CommandEnvironment environment, ConnectionOptions options) {
        try {
            // A wrong --history is refused before anything else is opened or signed in.
            options.teamHistory();
            signInIfNeeded(environment.connection(options), options);
            return environment.openSession(options);
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (CommandFailure e) {
            throw e;
        } catch (CredentialProblem e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, e.getMessage());
        } catch (Exception e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, TerminalWords.text("session.cannotOpen",
                    e.getMessage()));
        }
    }

    private static void signInIfNeeded(ConnectionSettings settings, ConnectionOptions options)
            throws InterruptedException {
        if (settings.sandbox() || settings.profile() == null) {
            return;
        }
        ConnectionSignIn signIn = ConnectionSignIn.of(settings);
        Optional<CredentialProblem> missing = signIn.missingSignIn();
        if (missing.isEmpty()) {
            return;
        }
        if (signIn.profile().kind() != SignInProfile.Kind.MFA_ROLE) {
            throw missing.get();
        }
        // The terminal prompt writes to the terminal itself; nothing goes to stdout, which scripts read.
        signIn.signIn(new TerminalPrompts(new PrintWriter(System.err, true), options.mfaCode().orElse(null),
                System.console(), false), () -> false);
    }
}
