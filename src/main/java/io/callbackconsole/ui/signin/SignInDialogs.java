package io.callbackconsole.ui.signin;

import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/**
 * What the window calls to sign a connection in: the dialog its profile needs, an {@link SsoSignInDialog} or an
 * {@link MfaCodeDialog}, each closing with {@code true} once signed in. The window makes the {@link ConnectionSignIn}
 * off the FX thread (it reads the profile files), then calls this on the FX thread.
 */
public final class SignInDialogs {
    private final Window owner;
    private final TaskExecutor tasks;
    private final Consumer<URI> browser;

    /** @param browser opens a page in the browser ({@code HostServices::showDocument}) */
    public SignInDialogs(Window owner, TaskExecutor tasks, Consumer<URI> browser) {
        this.owner = owner;
        this.tasks = tasks;
        this.browser = browser;
    }

    /** The dialog that signs {@code signIn}'s profile in; empty when the profile needs no sign-in. */
    public Optional<Dialog<Boolean>> dialogFor(ConnectionSignIn signIn) {
        SignInProfile profile = signIn.profile();
        return switch (profile.kind()) {
            case SSO -> Optional.of(new SsoSignInDialog(owner, profile.name(), signIn::signIn, tasks, browser));
            case MFA_ROLE -> Optional.of(new MfaCodeDialog(owner, profile.name(), profile.mfaRole().mfaSerial(),
                    signIn::signIn, tasks));
            case SDK -> Optional.empty();
        };
    }
}
