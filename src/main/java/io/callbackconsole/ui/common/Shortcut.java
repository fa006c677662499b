package io.callbackconsole.ui.common;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the window, in one list: the window's accelerators, the buttons' tooltips and the Help
 * sheet all read it, so what the sheet promises is what the keys do. Ctrl is Cmd on macOS ({@code SHORTCUT}).
 */
public enum Shortcut {
    FAIL("Fail the selected step with the reason typed (in a reason field; the bulk one fails the selection)",
            new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN)),
    APPROVE("Approve the selected step…", combination(KeyCode.A)),
    RELEASE("Hand the selected token's message back to its queue", combination(KeyCode.R)),
    DISMISS("Dismiss the selected stale token…", combination(KeyCode.D)),
    GIVE_UP("Give up retrying the selected token's unanswered decision…", combination(KeyCode.G)),
    FIND_WAITING("Find waiting: ask SageMaker for every callback step still waiting", combination(KeyCode.W)),
    REFRESH("Poll the queues now", new KeyCodeCombination(KeyCode.F5)),
    FIND("Filter the Pending table; on the History tab, search the history",
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN)),
    CLEAR_FILTER("Clear the filter (in the filter field)", new KeyCodeCombination(KeyCode.ESCAPE)),
    COPY_TOKEN("Copy the selected tokens (in the Pending table)",
            new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN)),
    PENDING_TAB("Show the Pending tab", new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.SHORTCUT_DOWN)),
    QUARANTINE_TAB("Show the Quarantine tab", new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.SHORTCUT_DOWN)),
    HISTORY_TAB("Show the History tab", new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.SHORTCUT_DOWN)),
    CONNECT("Connect… to another account, region or the sandbox", combination(KeyCode.O)),
    PREFERENCES("Preferences…: age alarms, notifications, Find waiting days, bulk concurrency, theme",
            new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN)),
    HELP("Show these keyboard shortcuts", new KeyCodeCombination(KeyCode.F1)),
    QUIT("Quit the console", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));

    private final String description;
    private final KeyCombination keys;

    Shortcut(String description, KeyCombination keys) {
        this.description = description;
        this.keys = keys;
    }

    /** Ctrl+Shift+key: the decision actions sit apart from the text-editing keys a reason field takes. */
    private static KeyCombination combination(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    public KeyCombination keys() {
        return keys;
    }

    public String description() {
        return description;
    }

    /** "Ctrl+Shift+A" (or the platform's own way of writing it). */
    public String keysText() {
        return keys.getDisplayText();
    }

    /** A button's tooltip: what it does, then its keys. */
    public String tooltip(String what) {
        return what + " (" + keysText() + ")";
    }
}
