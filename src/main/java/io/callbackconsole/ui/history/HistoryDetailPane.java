package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.DecisionRecord;
import javafx.scene.control.TextArea;

/** The History tab's right-hand pane: every field of the decision or raw row last selected, read-only. */
final class HistoryDetailPane extends TextArea {
    HistoryDetailPane() {
        setId("historyDetail");
        setEditable(false);
        setWrapText(true);
        getStyleClass().add("monospace");
    }

    void show(AuditRecord record) {
        setText(AuditRecordText.details(record));
    }

    void show(DecisionRecord decision) {
        setText(DecisionRecordText.details(decision));
    }

    void showNothing() {
        setText("");
    }
}
