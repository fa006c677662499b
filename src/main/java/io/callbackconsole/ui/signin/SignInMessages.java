package io.callbackconsole.ui.signin;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.SignInFailed;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.ui.common.WindowWords;

/** How a failed sign-in reads in a dialog: the same sentences as the command line's, escaped for a label. */
final class SignInMessages {
    private SignInMessages() {
    }

    static String of(Throwable failure, String profile) {
        String text;
        if (failure instanceof CredentialProblem | failure instanceof SignInFailed
                | failure instanceof InvalidInputException) {
            text = failure.getMessage();
        } else {
            text = WindowWords.text("signin.failed", new AwsErrorExplainer(profile).explain(failure).explanation());
        }
        return DisplayText.escape(text);
    }
}
