package io.callbackconsole.ui.main;

import static io.callbackconsole.testing.TestPollerSettings.FAST;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.ConsoleEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A profile the console signs in (IAM Identity Center here) without a cached sign-in is not opened: the window says
 * "Signed out of sso-dev" with the reason and offers Sign in…, which opens the device-code dialog. Profiles and
 * caches live in a temp folder ({@link SignInWorld}); nothing reaches AWS.
 */
@ExtendWith(ApplicationExtension.class)
class SignInWindowTest {
    @TempDir
    Path folder;

    SignInWorld world;
    MainViewModel model;
    final AtomicInteger sessionsOpened = new AtomicInteger();

    @Start
    void start(Stage stage) {
        world = new SignInWorld(folder);
        ConnectionSettings sso = new ConnectionSettings(false, "sso-dev", "us-east-2", List.of(), null, null,
                world.sts.endpoint());
        model = new MainViewModel(new ConsoleEnvironment(connection -> {
            sessionsOpened.incrementAndGet();
            return ConsoleSession.open(connection, folder.resolve("history.db"), "test", FAST);
        }, sso, settings -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
        world.close();
    }

    @Test
    void anSsoProfileWithoutASignInAsksToSignInAndOpensTheDeviceCodeDialog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#signInBar").query().isVisible());

        assertThat(robot.lookup("#signInNotice").queryAs(Label.class).getText())
                .startsWith("Signed out of sso-dev: Not signed in to AWS SSO").contains("nothing was sent");
        assertThat(sessionsOpened).as("nothing is opened, so nothing is sent, before the sign-in").hasValue(0);
        assertThat(robot.lookup("#connectProblem").queryAs(Label.class).isVisible()).isFalse();

        robot.clickOn("#signInButton");
        // The device-code dialog registers a client and shows the code the operator types in the browser.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#ssoUserCode").tryQuery().isPresent()
                && !robot.lookup("#ssoUserCode").queryAs(javafx.scene.control.TextField.class).getText().isBlank());
        robot.clickOn("#ssoCancel");
        assertThat(sessionsOpened).as("a cancelled sign-in opens nothing").hasValue(0);
    }
}
