package io.callbackconsole.ui.history;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** Puts what a History table copies (a cell, a row, a decision) on the system clipboard as plain text. */
final class HistoryClipboard {
    private HistoryClipboard() {
    }

    static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
