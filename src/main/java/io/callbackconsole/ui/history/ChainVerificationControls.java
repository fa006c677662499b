package io.callbackconsole.ui.history;

import io.callbackconsole.ui.common.WindowWords;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;

/**
 * Verify chain on the History tab as controls: the noted head to check, the button, and the line that says what the
 * walk found (marked when it failed). The tab places them.
 */
final class ChainVerificationControls {
    private final TextField notedHead = new TextField();
    private final Button verify = new Button(WindowWords.text("history.verify"));
    private final Label result = new Label();

    ChainVerificationControls(HistoryViewModel model) {
        ChainVerificationModel verification = model.verification();
        // A head noted earlier (an export's header, a verify a colleague ran, a ticket) is the check that the file
        // was not cut back or rewritten since, which the chain alone cannot tell.
        notedHead.setId("notedHead");
        notedHead.setPromptText(WindowWords.text("history.verify.notedHead.prompt"));
        notedHead.setPrefColumnCount(18);
        notedHead.setTooltip(new Tooltip(WindowWords.text("history.verify.notedHead.tooltip")));
        notedHead.setAccessibleText(WindowWords.text("history.verify.notedHead"));
        verify.setId("verifyButton");
        verify.disableProperty().bind(model.busyProperty());
        verify.setOnAction(e -> model.verify(notedHead.getText()));
        notedHead.setOnAction(e -> verify.fire());
        result.setId("verifyResult");
        result.textProperty().bind(verification.resultProperty());
        verification.failedProperty().addListener((obs, old, failed) -> {
            result.getStyleClass().removeAll("counter-over");
            if (failed) {
                result.getStyleClass().add("counter-over");
            }
        });
    }

    TextField notedHead() {
        return notedHead;
    }

    Button verifyButton() {
        return verify;
    }

    Label result() {
        return result;
    }
}
