package io.callbackconsole.cli;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.SignInFailed;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Signs a profile in, as {@code aws sso login} does, into the same cache: SSO profiles through the browser, and
 * MFA-protected assume-role profiles with a code ({@code --mfa-code}, or asked on the terminal).
 */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Sign in the connection's profile: an IAM Identity Center (SSO) profile in the browser, into the "
                + "cache the AWS CLI uses (~/.aws/sso/cache); an assume-role profile with mfa_serial with a code from "
                + "its device (--mfa-code, or asked on the terminal), cached in ~/.aws/cli/cache until it expires."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Signed in.",
            "2:Bad input: no such profile, a profile that needs no sign-in, a malformed code.",
            "3:The sign-in failed: refused, expired, cancelled, or AWS could not be reached."})
public final class LoginCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--no-browser", description = "Print the sign-in page and code only; do not open a browser.")
    boolean noBrowser;

    @Spec
    CommandSpec spec;

    public LoginCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ConnectionSettings settings = environment.connection(connection);
        ConnectionSignIn signIn;
        try {
            signIn = ConnectionSignIn.of(settings);
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
        if (!signIn.needsSignIn()) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "Profile \"" + DisplayText.escape(settings.profile())
                    + "\" signs in without the console (keys, credential_process, web identity, or a role without "
                    + "MFA); there is nothing to sign in to.");
        }
        TerminalPrompts prompts = new TerminalPrompts(out, connection.mfaCode().orElse(null), System.console(),
                !noBrowser);
        try {
            signIn.signIn(prompts, () -> Thread.currentThread().isInterrupted());
        } catch (CredentialProblem e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, e.getMessage());
        } catch (SignInFailed e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, e.getMessage() + " Nothing was cached; run login "
                    + "again.");
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, "The sign-in failed: " + DisplayText.escape(
                    new io.callbackconsole.aws.AwsErrorExplainer(settings.profile()).explain(e).explanation()));
        }
        SignInProfile profile = signIn.profile();
        out.println(profile.kind() == SignInProfile.Kind.SSO
                ? "Signed in to " + DisplayText.escape(profile.sso().describe()) + " for profile "
                        + DisplayText.escape(profile.name()) + "."
                : "Assumed " + DisplayText.escape(profile.mfaRole().roleArn()) + " with MFA for profile "
                        + DisplayText.escape(profile.name()) + "; the session is cached until it expires.");
        out.flush();
        return ExitCodes.OK;
    }
}
