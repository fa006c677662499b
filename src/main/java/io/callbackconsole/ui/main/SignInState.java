package io.callbackconsole.ui.main;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialState;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Whether the connection waits on the operator signing in, and what the "Signed out of P" banner says. A profile the
 * console signs in (SSO, an MFA role) without a usable sign-in is not opened; a poll that starts failing checks the
 * sign-in again. FX thread, except {@link #refuseWithoutSignIn}.
 */
final class SignInState {

    /** A profile that must be signed in before a connection can open; what it would fail with. */
    static final class SignInNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ConnectionSignIn signIn;

        SignInNeeded(ConnectionSignIn signIn, CredentialProblem problem) {
            super(problem.getMessage());
            this.signIn = signIn;
        }
    }

    private final ReadOnlyObjectWrapper<ConnectionSignIn> needed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");

    /**
     * Blocking: throws {@link SignInNeeded} for a profile the console signs in without a usable sign-in. Reads the
     * profile and cache files only.
     */
    static void refuseWithoutSignIn(ConnectionSettings settings) {
        if (settings.sandbox() || settings.profile() == null) {
            return;
        }
        ConnectionSignIn signIn;
        try {
            signIn = ConnectionSignIn.of(settings);
        } catch (InvalidInputException e) {
            return; // opening the session says what is wrong with the profile
        }
        Optional<CredentialProblem> missing = signIn.missingSignIn();
        if (missing.isPresent()) {
            throw new SignInNeeded(signIn, missing.get());
        }
    }

    /** The banner that offers to sign in; polling (if any) goes on failing until then. */
    void ask(SignInNeeded why) {
        needed.set(why.signIn);
        notice.set(WindowWords.text("signIn.signedOut", DisplayText.escape(why.signIn.profile().name()),
                DisplayText.escape(why.getMessage())));
    }

    /** A new connection is wanted: whatever the last one needed no longer shows. */
    void clear() {
        needed.set(null);
        notice.set("");
    }

    /**
     * A poll's state changed: when polling just started failing because a sign-in ran out mid-session (an SSO token,
     * an MFA session), say so. The check reads files on {@code tasks}, once per failing stretch, and is shown only
     * while {@code stillCurrent} holds.
     */
    void checkAfterPoll(PollState previous, PollState now, ConnectionSettings settings, TaskExecutor tasks,
            BooleanSupplier stillCurrent) {
        boolean startedFailing = now != null && now.phase() == PollState.Phase.FAILING
                && (previous == null || previous.phase() != PollState.Phase.FAILING);
        if (!startedFailing || settings == null) {
            return;
        }
        tasks.execute(BackgroundTask.of(() -> {
            try {
                refuseWithoutSignIn(settings);
            } catch (SignInNeeded signInNeeded) {
                return Optional.of(signInNeeded);
            }
            return Optional.<SignInNeeded>empty();
        }).named("check the sign-in of " + settings.label()).onSuccess(signInNeeded -> {
            if (stillCurrent.getAsBoolean()) {
                signInNeeded.ifPresent(this::ask);
            }
        }));
    }

    /**
     * A bulk run stopped because AWS said the session is over ({@code code}: ExpiredTokenException, say): the banner
     * offers to sign in again, also when the cached sign-in still looks usable (AWS ended it early, or the profile's
     * clock disagrees). Reads files on {@code tasks}; shown only while {@code stillCurrent} holds. Nothing for a
     * connection the console does not sign in (the sandbox, keys in a profile): the run's summary says what to do.
     */
    void checkAfterSignedOut(ConnectionSettings settings, String code, TaskExecutor tasks,
            BooleanSupplier stillCurrent) {
        if (settings == null || settings.sandbox() || settings.profile() == null) {
            return;
        }
        tasks.execute(BackgroundTask.of(() -> signInNeededAfter(settings, code))
                .named("check the sign-in of " + settings.label() + " after " + code).onSuccess(signInNeeded -> {
                    if (stillCurrent.getAsBoolean()) {
                        signInNeeded.ifPresent(this::ask);
                    }
                }));
    }

    /** Blocking: what signing in again needs after AWS refused the session; empty for a profile without sign-in. */
    static Optional<SignInNeeded> signInNeededAfter(ConnectionSettings settings, String code) {
        try {
            refuseWithoutSignIn(settings);
        } catch (SignInNeeded signInNeeded) {
            return Optional.of(signInNeeded);
        }
        ConnectionSignIn signIn;
        try {
            signIn = ConnectionSignIn.of(settings);
        } catch (InvalidInputException e) {
            return Optional.empty();
        }
        if (!signIn.needsSignIn()) {
            return Optional.empty();
        }
        // The cached sign-in looks usable, but AWS refused it: only a new sign-in helps.
        SignInProfile profile = signIn.profile();
        CredentialProblem problem = profile.kind() == SignInProfile.Kind.SSO
                ? new CredentialProblem(CredentialState.SSO_EXPIRED, profile.name(), profile.sso().describe(), code,
                        null)
                : new CredentialProblem(CredentialState.MFA_REQUIRED, profile.name(), profile.mfaRole().mfaSerial(),
                        code, null);
        return Optional.of(new SignInNeeded(signIn, problem));
    }

    /** The profile to sign in before the connection can work, or null. */
    ReadOnlyObjectProperty<ConnectionSignIn> neededProperty() {
        return needed.getReadOnlyProperty();
    }

    /** "Signed out of ops: …", or "" when no sign-in is needed. */
    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }
}
