package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Signed out of P" state: an SSO profile without a cached sign-in (profiles in a temp folder, {@link SignInWorld})
 * is refused before opening, and a poll that starts failing checks the sign-in once per failing stretch.
 */
class SignInStateTest {
    static final PollState POLLING = new PollState(PollState.Phase.POLLING, 1, Instant.now(), null);
    static final PollState FAILING = new PollState(PollState.Phase.FAILING, 1, Instant.now(), "ExpiredToken");

    @TempDir
    Path folder;

    SignInWorld world;
    ConnectionSettings sso;
    final SignInState state = new SignInState();
    final AtomicInteger checks = new AtomicInteger();
    /** Runs on the calling thread, counting the sign-in checks. */
    final TaskExecutor counting = new TaskExecutor() {
        final CurrentThreadTaskExecutor inline = new CurrentThreadTaskExecutor();

        @Override
        public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
            checks.incrementAndGet();
            return inline.execute(task);
        }
    };

    @BeforeEach
    void world() {
        world = new SignInWorld(folder);
        sso = new ConnectionSettings(false, "sso-dev", "us-east-2", List.of(), null, null, world.sts.endpoint());
    }

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aProfileWithoutItsSignInIsRefusedAndTheBannerNamesItAndWhy() {
        assertThatThrownBy(() -> SignInState.refuseWithoutSignIn(sso)).isInstanceOfSatisfying(
                SignInState.SignInNeeded.class, needed -> state.ask(needed));

        assertThat(state.noticeProperty().get()).startsWith("Signed out of sso-dev: Not signed in to AWS SSO")
                .contains("Sign in, and the console connects again");
        assertThat(state.neededProperty().get().profile().name()).isEqualTo("sso-dev");

        state.clear();
        assertThat(state.noticeProperty().get()).isEmpty();
        assertThat(state.neededProperty().get()).isNull();
    }

    @Test
    void theSandboxAndTheDefaultChainNeedNoSignIn() {
        SignInState.refuseWithoutSignIn(ConnectionSettings.sandboxToStart());
        SignInState.refuseWithoutSignIn(new ConnectionSettings(false, null, "us-east-2", List.of(), null, null, null));
    }

    @Test
    void aPollThatStartsFailingChecksTheSignInOnceAndSaysSo() {
        state.checkAfterPoll(POLLING, FAILING, sso, counting, () -> true);

        assertThat(checks).hasValue(1);
        assertThat(state.noticeProperty().get()).startsWith("Signed out of sso-dev:");

        state.clear();
        state.checkAfterPoll(FAILING, FAILING, sso, counting, () -> true);
        state.checkAfterPoll(FAILING, POLLING, sso, counting, () -> true);
        assertThat(checks).as("no check while it goes on failing, nor when it recovers").hasValue(1);
        assertThat(state.noticeProperty().get()).isEmpty();
    }

    @Test
    void aCheckThatFinishesAfterTheConnectionChangedShowsNothing() {
        state.checkAfterPoll(null, FAILING, sso, counting, () -> false);

        assertThat(checks).hasValue(1);
        assertThat(state.noticeProperty().get()).isEmpty();
    }

    @Test
    void aBulkRunStoppedByAnExpiredTokenOffersToSignInAgainThoughTheCachedSessionLooksUsable() throws Exception {
        // Issue 21: AWS refused the MFA session (ExpiredTokenException) while its cache file still looks valid.
        ConnectionSettings mfa = new ConnectionSettings(false, "mfa", "us-east-2", List.of(), null, null,
                world.sts.endpoint());
        io.callbackconsole.aws.ConnectionSignIn.of(mfa).signIn(new io.callbackconsole.aws.signin.CredentialPrompts() {
            @Override
            public java.util.Optional<String> mfaCode(String profile, String serial) {
                return java.util.Optional.of("123456");
            }

            @Override
            public void showDeviceCode(String profile, io.callbackconsole.aws.signin.DeviceCode code) {
            }
        }, () -> false);
        SignInState.refuseWithoutSignIn(mfa); // the cache says signed in

        state.checkAfterSignedOut(mfa, "ExpiredTokenException", counting, () -> true);

        assertThat(checks).hasValue(1);
        assertThat(state.noticeProperty().get()).startsWith("Signed out of mfa:").contains("MFA");
        assertThat(state.neededProperty().get().profile().name()).isEqualTo("mfa");
    }

    @Test
    void aBulkRunStoppedSignedOutOfAnSsoProfileWithoutItsSignInSaysSo() {
        state.checkAfterSignedOut(sso, "CredentialsExpired", counting, () -> true);

        assertThat(state.noticeProperty().get()).startsWith("Signed out of sso-dev: Not signed in to AWS SSO");
    }

    @Test
    void aBulkRunStoppedSignedOutOfTheSandboxOrAfterTheConnectionChangedShowsNoBanner() {
        state.checkAfterSignedOut(ConnectionSettings.sandboxToStart(), "ExpiredTokenException", counting, () -> true);
        assertThat(checks).as("the sandbox has nothing to sign in to").hasValue(0);
        state.checkAfterSignedOut(sso, "ExpiredTokenException", counting, () -> false);

        assertThat(state.noticeProperty().get()).isEmpty();
    }

    @Test
    void aFailingPollOfAConnectionThatNeedsNoSignInLeavesTheBannerEmpty() {
        state.checkAfterPoll(POLLING, FAILING, ConnectionSettings.sandboxToStart(), counting, () -> true);

        assertThat(state.noticeProperty().get()).isEmpty();
    }
}
