package io.callbackconsole.ui.signin;

import io.callbackconsole.aws.signin.CredentialPrompts;
import java.util.function.BooleanSupplier;

/**
 * The blocking sign-in a dialog runs on a background thread: in the product, {@code ConnectionSignIn::signIn} of the
 * connection to sign in. The window implements nothing more than passing it in.
 */
@FunctionalInterface
public interface SignInWork {
    void signIn(CredentialPrompts prompts, BooleanSupplier cancelled) throws Exception;
}
