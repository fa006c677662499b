package io.callbackconsole.ui.signin;

import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.DeviceCode;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the 6-digit code of an MFA device and assumes the profile's role with it, in the background. Only digits
 * can be typed, at most six; Sign in is enabled at six. A refused code is said in the dialog, which stays open for the
 * next code; it closes with {@code true} once the session is cached. The code is held only by the text field and the
 * sign-in call.
 */
public final class MfaCodeDialog extends Dialog<Boolean> {
    private final TextField code = new TextField();
    private final Label status = new Label();
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public MfaCodeDialog(Window owner, String profile, String mfaSerial, SignInWork work, TaskExecutor tasks) {
        initOwner(owner);
        setTitle(WindowWords.text("signin.mfa.title"));
        setHeaderText(WindowWords.text("signin.mfa.header", DisplayText.escape(profile),
                DisplayText.escape(mfaSerial)));
        code.setId("mfaCode");
        code.setPromptText(WindowWords.text("signin.mfa.prompt"));
        code.setPrefColumnCount(8);
        code.setTextFormatter(new TextFormatter<String>(change ->
                change.getControlNewText().matches("[0-9]{0,6}") ? change : null));
        status.setId("mfaStatus");
        status.setWrapText(true);
        status.setMaxWidth(460);
        VBox content = new VBox(8, code, status);
        content.setPadding(new Insets(12));
        getDialogPane().setContent(content);
        ButtonType signIn = new ButtonType(WindowWords.text("signin.mfa.signIn"), javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(signIn, ButtonType.CANCEL);
        Node signInButton = getDialogPane().lookupButton(signIn);
        signInButton.setId("mfaSignIn");
        signInButton.disableProperty().bind(busy.or(code.textProperty().length().isNotEqualTo(6)));
        code.textProperty().addListener((o, was, now) -> {
            if (!busy.get()) {
                status.setText(now.length() == 6 || now.isEmpty() ? "" : WindowWords.text("signin.mfa.sixDigits"));
            }
        });
        setResultConverter(button -> Boolean.FALSE);
        // Sign in runs in the background; the dialog stays open until it succeeds, so a wrong code can be retyped.
        signInButton.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            String typed = code.getText();
            busy.set(true);
            status.setText(WindowWords.text("signin.mfa.signingIn"));
            tasks.execute(BackgroundTask.ofAction(() -> work.signIn(new CredentialPrompts() {
                @Override
                public Optional<String> mfaCode(String p, String serial) {
                    return Optional.of(typed);
                }

                @Override
                public void showDeviceCode(String p, DeviceCode deviceCode) {
                }
            }, () -> false)).named("MFA sign-in of " + profile)
                    .onSuccess(done -> {
                        setResult(Boolean.TRUE);
                        close();
                    })
                    .onFailure(error -> {
                        busy.set(false);
                        code.clear();
                        status.setText(SignInMessages.of(error, profile));
                    }));
        });
    }
}
