package io.callbackconsole.ui.signin;

import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.DeviceCode;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/**
 * Signs an SSO profile in from the window: starts the device authorization in the background, shows the page to open
 * and the code it must show (both selectable, the code copyable), opens the page in the browser when asked, waits with
 * a progress indicator, and closes with {@code true} once the sign-in is cached. Cancel stops the waiting; a failure
 * is shown in the dialog, in the command line's words. Nothing here blocks the FX thread.
 */
public final class SsoSignInDialog extends Dialog<Boolean> {
    private final TextField page = new TextField();
    private final TextField userCode = new TextField();
    private final Label status = new Label(WindowWords.text("signin.sso.starting"));
    private final ProgressIndicator progress = new ProgressIndicator();
    private final Button openPage = new Button(WindowWords.text("signin.sso.openPage"));
    private final Button copyCode = new Button(WindowWords.text("signin.sso.copyCode"));
    private BackgroundTask<Void> running;
    private URI pageToOpen;

    /**
     * @param browser opens a page in the user's browser (the window passes {@code HostServices::showDocument})
     */
    public SsoSignInDialog(Window owner, String profile, SignInWork work, TaskExecutor tasks, Consumer<URI> browser) {
        initOwner(owner);
        setTitle(WindowWords.text("signin.sso.title"));
        setHeaderText(WindowWords.text("signin.sso.header", DisplayText.escape(profile)));
        page.setId("ssoPage");
        page.setEditable(false);
        page.setPrefColumnCount(40);
        userCode.setId("ssoUserCode");
        userCode.setEditable(false);
        userCode.setPrefColumnCount(12);
        status.setId("ssoStatus");
        status.setWrapText(true);
        status.setMaxWidth(520);
        progress.setId("ssoProgress");
        progress.setPrefSize(24, 24);
        openPage.setId("ssoOpenPage");
        openPage.setDisable(true);
        openPage.setOnAction(e -> {
            if (pageToOpen != null) {
                browser.accept(pageToOpen);
            }
        });
        copyCode.setId("ssoCopyCode");
        copyCode.setDisable(true);
        copyCode.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(userCode.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label(WindowWords.text("signin.sso.page")), page, openPage);
        grid.addRow(1, new Label(WindowWords.text("signin.sso.code")), userCode, copyCode);
        grid.add(new HBox(8, progress, status), 0, 2, 3, 1);
        getDialogPane().setContent(grid);
        ButtonType cancel = new ButtonType(WindowWords.text("signin.sso.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        getDialogPane().getButtonTypes().add(cancel);
        getDialogPane().lookupButton(cancel).setId("ssoCancel");
        setResultConverter(button -> Boolean.FALSE);
        setOnHidden(e -> {
            if (running != null) {
                running.cancel();
            }
        });

        running = tasks.execute(BackgroundTask.<Void, DeviceCode>of((control, shown) -> {
            work.signIn(new CredentialPrompts() {
                @Override
                public Optional<String> mfaCode(String p, String serial) {
                    return Optional.empty();
                }

                @Override
                public void showDeviceCode(String p, DeviceCode code) {
                    shown.accept(code);
                }
            }, control::isCancelled);
            return null;
        }, this::show).named("SSO sign-in of " + profile)
                .onSuccess(done -> {
                    setResult(Boolean.TRUE);
                    close();
                })
                .onFailure(error -> {
                    progress.setVisible(false);
                    status.setText(SignInMessages.of(error, profile));
                }));
    }

    private void show(List<DeviceCode> codes) {
        DeviceCode code = codes.get(codes.size() - 1);
        pageToOpen = code.pageToOpen();
        page.setText(DisplayText.escape(code.pageToOpen().toString()));
        userCode.setText(DisplayText.escape(code.userCode()));
        openPage.setDisable(false);
        copyCode.setDisable(false);
        status.setText(WindowWords.text("signin.sso.waiting"));
    }
}
