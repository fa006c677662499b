package io.callbackconsole.ui.main;

import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.common.WindowWords;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/** Help → Keyboard shortcuts: every {@link Shortcut}, its keys beside what it does. */
final class KeyboardSheet {
    private KeyboardSheet() {
    }

    static Alert of(Window owner) {
        GridPane sheet = new GridPane();
        sheet.setId("keyboardSheet");
        sheet.setHgap(16);
        sheet.setVgap(6);
        sheet.setPadding(new Insets(12));
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        sheet.getColumnConstraints().addAll(keys, new ColumnConstraints());
        int row = 0;
        for (Shortcut shortcut : Shortcut.values()) {
            Label combination = new Label(shortcut.keysText());
            combination.getStyleClass().add("shortcut-keys");
            Label what = new Label(shortcut.description());
            what.setWrapText(true);
            what.setMinHeight(Region.USE_PREF_SIZE);
            sheet.addRow(row++, combination, what);
        }
        Alert alert = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        alert.initOwner(owner);
        alert.setTitle(WindowWords.text("keyboard.title"));
        alert.setHeaderText(WindowWords.text("keyboard.title"));
        alert.getDialogPane().setContent(sheet);
        alert.getDialogPane().setPrefWidth(640);
        return alert;
    }
}
