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
@Command(name = "login", mixinStandardHelpOptions = true)
public final class LoginCommand implements Callable<Integer> {
    private final CommandEnvironment environment;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--no-browser")
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
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("login.nothingToSignIn",
                    DisplayText.escape(settings.profile())));
        }
        TerminalPrompts prompts = new TerminalPrompts(out, connection.mfaCode().orElse(null), System.console(),
                !noBrowser);
        try {
            signIn.signIn(prompts, () -> Thread.currentThread().isInterrupted());
        } catch (CredentialProblem e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, e.getMessage());
        } catch (SignInFailed e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, TerminalWords.text("login.failedNothingCached",
                    e.getMessage()));
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        } catch (RuntimeException e) {
            throw new CommandFailure(ExitCodes.AWS_UNREACHABLE, TerminalWords.text("login.failed", DisplayText.escape(
                    new io.callbackconsole.aws.AwsErrorExplainer(settings.profile()).explain(e).explanation())));
        }
        SignInProfile profile = signIn.profile();
        out.println(profile.kind() == SignInProfile.Kind.SSO
                ? TerminalWords.text("login.signedInSso", DisplayText.escape(profile.sso().describe()),
                        DisplayText.escape(profile.name()))
                : TerminalWords.text("login.assumedWithMfa", DisplayText.escape(profile.mfaRole().roleArn()),
                        DisplayText.escape(profile.name())));
        out.flush();
        return ExitCodes.OK;
    }
}
