package io.callbackconsole.ui.main;

import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.history.HistoryView;
import io.callbackconsole.ui.pending.PendingView;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * Puts {@link Shortcut}'s keys on the window. An action key presses its button, so it does exactly what a click does:
 * the same confirmation, and nothing when the button is hidden or off (several rows selected, a decision being sent).
 */
final class WindowShortcuts {
    private final Scene scene;
    private final TabPane tabs;
    private final Tab pendingTab;

    private WindowShortcuts(Scene scene, TabPane tabs, Tab pendingTab) {
        this.scene = scene;
        this.tabs = tabs;
        this.pendingTab = pendingTab;
    }

    static void install(Scene scene, TabPane tabs, PendingView pendingView, Runnable refresh, Runnable help,
                        Runnable quit) {
        Tab pendingTab = tabs.getTabs().get(0);
        Tab historyTab = tabs.getTabs().get(2);
        WindowShortcuts shortcuts = new WindowShortcuts(scene, tabs, pendingTab);
        var keys = scene.getAccelerators();
        keys.put(Shortcut.APPROVE.keys(), () -> shortcuts.pressOnPending("#approveButton"));
        keys.put(Shortcut.RELEASE.keys(), () -> shortcuts.pressOnPending("#releaseButton"));
        keys.put(Shortcut.DISMISS.keys(), () -> shortcuts.pressOnPending("#dismissButton"));
        keys.put(Shortcut.GIVE_UP.keys(), () -> shortcuts.pressOnPending("#giveUpButton"));
        keys.put(Shortcut.FIND_WAITING.keys(), () -> shortcuts.pressOnPending("#findWaitingButton"));
        keys.put(Shortcut.CONNECT.keys(), () -> shortcuts.press("#connectButton"));
        keys.put(Shortcut.REFRESH.keys(), refresh);
        keys.put(Shortcut.FIND.keys(), () -> {
            // The History tab's content exists once the tab was first shown, which it is when it is selected.
            if (historyTab.isSelected() && historyTab.getContent() instanceof HistoryView history) {
                history.focusSearch();
            } else {
                tabs.getSelectionModel().select(pendingTab);
                pendingView.focusFilter();
            }
        });
        keys.put(Shortcut.PENDING_TAB.keys(), () -> tabs.getSelectionModel().select(0));
        keys.put(Shortcut.QUARANTINE_TAB.keys(), () -> tabs.getSelectionModel().select(1));
        keys.put(Shortcut.HISTORY_TAB.keys(), () -> tabs.getSelectionModel().select(2));
        keys.put(Shortcut.HELP.keys(), help);
        keys.put(Shortcut.QUIT.keys(), quit);
    }

    /** Presses a button of the Pending tab while that tab is the one shown: no decision on a tab out of sight. */
    private void pressOnPending(String id) {
        if (tabs.getSelectionModel().getSelectedItem() == pendingTab) {
            press(id);
        }
    }

    private void press(String id) {
        Node node = scene.lookup(id);
        if (node instanceof Button button && button.isVisible() && button.isManaged() && !button.isDisabled()) {
            button.fire();
        }
    }
}
