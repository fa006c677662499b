package io.callbackconsole.ui.common;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the window, in one list: the window's accelerators, the buttons' tooltips and the Help
 * sheet all read it, so what the sheet promises is what the keys do. Ctrl is Cmd on macOS ({@code SHORTCUT}).
 */
public enum Shortcut {
    FAIL(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    APPROVE(combination(KeyCode.A)),
    RELEASE(combination(KeyCode.R)),
    DISMISS(combination(KeyCode.D)),
    GIVE_UP(combination(KeyCode.G)),
    FIND_WAITING(combination(KeyCode.W)),
    REFRESH(new KeyCodeCombination(KeyCode.F5)),
    FIND(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN)),
    CLEAR_FILTER(new KeyCodeCombination(KeyCode.ESCAPE)),
    COPY_TOKEN(new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN)),
    PENDING_TAB(new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN)),
    QUARANTINE_TAB(new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN)),
    HISTORY_TAB(new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN)),
    CONNECT(combination(KeyCode.O)),
    PREFERENCES(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN)),
    HELP(new KeyCodeCombination(KeyCode.F1)),
    QUIT(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));

    private final KeyCombination keys;

    Shortcut(KeyCombination keys) {
        this.keys = keys;
    }

    /** Ctrl+Shift+key: the decision actions sit apart from the text-editing keys a reason field takes. */
    private static KeyCombination combination(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    public KeyCombination keys() {
        return keys;
    }

    /** What the keys do, as the Help sheet says it. */
    public String description() {
        return switch (this) {
            case FAIL -> WindowWords.text("shortcut.fail");
            case APPROVE -> WindowWords.text("shortcut.approve");
            case RELEASE -> WindowWords.text("shortcut.release");
            case DISMISS -> WindowWords.text("shortcut.dismiss");
            case GIVE_UP -> WindowWords.text("shortcut.giveup");
            case FIND_WAITING -> WindowWords.text("shortcut.findwaiting");
            case REFRESH -> WindowWords.text("shortcut.refresh");
            case FIND -> WindowWords.text("shortcut.find");
            case CLEAR_FILTER -> WindowWords.text("shortcut.clearfilter");
            case COPY_TOKEN -> WindowWords.text("shortcut.copytoken");
            case PENDING_TAB -> WindowWords.text("shortcut.pendingtab");
            case QUARANTINE_TAB -> WindowWords.text("shortcut.quarantinetab");
            case HISTORY_TAB -> WindowWords.text("shortcut.historytab");
            case CONNECT -> WindowWords.text("shortcut.connect");
            case PREFERENCES -> WindowWords.text("shortcut.preferences");
            case HELP -> WindowWords.text("shortcut.help");
            case QUIT -> WindowWords.text("shortcut.quit");
        };
    }

    /** "Ctrl+Shift+A" (or the platform's own way of writing it). */
    public String keysText() {
        return keys.getDisplayText();
    }

    /** A button's tooltip: what it does, then its keys. */
    public String tooltip(String what) {
        return WindowWords.text("shortcut.tooltip", what, keysText());
    }
}
