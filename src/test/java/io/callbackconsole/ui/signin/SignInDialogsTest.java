package io.callbackconsole.ui.signin;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ClientTuning;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.aws.signin.SsoTokenCache;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sign-in dialogs against the IAM Identity Center and STS simulators, the sign-in on a background thread as in the
 * window. Monocle; profiles and caches in a temp folder.
 */
@ExtendWith(ApplicationExtension.class)
class SignInDialogsTest {
    @TempDir
    Path folder;
    SignInWorld world;
    FxTaskExecutor tasks;
    Stage stage;
    final List<URI> opened = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
        stage.show();
    }

    @BeforeEach
    void startTheWorld() {
        world = new SignInWorld(folder);
        tasks = new FxTaskExecutor("sign-in-test", 1, true);
    }

    @AfterEach
    void stopTheWorld() {
        tasks.close();
        world.close();
    }

    private Dialog<Boolean> dialog(FxRobot robot, String profile) {
        ConnectionSignIn signIn = ConnectionSignIn.of(new ConnectionSettings(false, profile, null, List.of(), null,
                null, world.sts.endpoint(), ClientTuning.DEFAULT));
        AtomicReference<Dialog<Boolean>> made = new AtomicReference<>();
        robot.interact(() -> {
            Dialog<Boolean> dialog = new SignInDialogs(stage, tasks, opened::add).dialogFor(signIn).orElseThrow();
            dialog.show();
            made.set(dialog);
        });
        return made.get();
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
    }

    @Test
    void theSsoDialogShowsACopyableCodeAndClosesSignedInOnceApproved(FxRobot robot) throws Exception {
        Dialog<Boolean> dialog = dialog(robot, "sso-dev");
        TextField code = (TextField) dialog.getDialogPane().lookup("#ssoUserCode");
        TextField page = (TextField) dialog.getDialogPane().lookup("#ssoPage");
        waitFor(() -> !code.getText().isEmpty());
        assertThat(code.getText()).isEqualTo(world.identityCenter.waitingUserCode().orElseThrow());
        assertThat(page.getText()).contains("user_code=" + code.getText());

        robot.clickOn("#ssoCopyCode");
        AtomicReference<String> clipboard = new AtomicReference<>();
        robot.interact(() -> clipboard.set(javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        assertThat(clipboard.get()).isEqualTo(code.getText());
        robot.clickOn("#ssoOpenPage");
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).toString()).endsWith("user_code=" + code.getText());

        world.identityCenter.approve(code.getText());
        waitFor(() -> !dialog.isShowing());
        assertThat(dialog.getResult()).isTrue();
        assertThat(new SsoTokenCache(world.caches().ssoTokens()).load("corp")).isPresent();
    }

    @Test
    void cancellingTheSsoDialogStopsWaitingAndCachesNothing(FxRobot robot) throws Exception {
        Dialog<Boolean> dialog = dialog(robot, "sso-dev");
        TextField code = (TextField) dialog.getDialogPane().lookup("#ssoUserCode");
        waitFor(() -> !code.getText().isEmpty());
        robot.clickOn("#ssoCancel");
        assertThat(dialog.isShowing()).isFalse();
        assertThat(dialog.getResult()).isFalse();
        world.identityCenter.approve(code.getText()); // too late: nobody polls any more
        Thread.sleep(2500);
        assertThat(new SsoTokenCache(world.caches().ssoTokens()).load("corp")).isEmpty();
    }

    @Test
    void anExpiredSsoCodeIsSaidInTheDialog(FxRobot robot) throws Exception {
        world.identityCenter.deviceCodeLifetime(java.time.Duration.ofSeconds(2));
        Dialog<Boolean> dialog = dialog(robot, "sso-dev");
        Label status = (Label) dialog.getDialogPane().lookup("#ssoStatus");
        waitFor(() -> status.getText().contains("expired"));
        assertThat(status.getText()).contains("The sign-in code expired before it was approved");
        assertThat(dialog.isShowing()).isTrue();
    }

    @Test
    void theMfaDialogTakesSixDigitsOnlyAndSaysWhenTheCodeIsRefused(FxRobot robot) throws Exception {
        Dialog<Boolean> dialog = dialog(robot, "mfa");
        TextField code = (TextField) dialog.getDialogPane().lookup("#mfaCode");
        Label status = (Label) dialog.getDialogPane().lookup("#mfaStatus");
        javafx.scene.Node signIn = dialog.getDialogPane().lookup("#mfaSignIn");

        robot.clickOn(code).write("12a3");
        assertThat(code.getText()).isEqualTo("123");
        assertThat(signIn.isDisabled()).isTrue();
        assertThat(status.getText()).isEqualTo("The code is 6 digits.");
        robot.write("9999999");
        assertThat(code.getText()).isEqualTo("123999");

        robot.clickOn(signIn);
        waitFor(() -> status.getText().contains("refused"));
        assertThat(status.getText()).contains("AWS refused the MFA code").doesNotContain("123999");
        assertThat(dialog.isShowing()).isTrue();
        assertThat(code.getText()).isEmpty();

        robot.clickOn(code).write("123456");
        robot.clickOn(signIn);
        waitFor(() -> !dialog.isShowing());
        assertThat(dialog.getResult()).isTrue();
        assertThat(ConnectionSignIn.of(new ConnectionSettings(false, "mfa", null, List.of(), null, null,
                world.sts.endpoint(), ClientTuning.DEFAULT)).signedIn()).isTrue();
    }
}
