package io.callbackconsole.ui.common;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;

/**
 * The confirmation of an action that cannot be undone. Cancel is its default button, so Enter pressed out of habit
 * does nothing; the action takes a click (or Space) on OK.
 */
public final class ConfirmationAlert {
    private ConfirmationAlert() {
    }

    public static Alert of(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        Button ok = (Button) alert.getDialogPane().lookupButton(ButtonType.OK);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        ok.setDefaultButton(false);
        cancel.setDefaultButton(true);
        // Focus starts on Cancel too: Space on a focused OK would otherwise confirm.
        alert.setOnShown(e -> cancel.requestFocus());
        return alert;
    }

    /** Asks and waits; true only when the operator pressed OK. */
    public static boolean confirmed(String question) {
        return of(question).showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }
}
