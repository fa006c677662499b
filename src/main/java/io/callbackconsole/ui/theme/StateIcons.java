package io.callbackconsole.ui.theme;

import io.callbackconsole.ui.common.WindowWords;

import javafx.scene.AccessibleRole;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The icons that say a row's state besides its colour, so a colour-blind operator (or a grey projector) still tells a
 * stale row, a stop request and a message close to its dead-letter queue from the rest. Each carries its meaning as
 * accessible text and a style class that console.css colours per theme.
 */
public final class StateIcons {
    private StateIcons() {
    }

    /** The step no longer waits: nothing can be answered. */
    public static FontIcon stale() {
        return icon(Feather.SLASH, "state-stale", WindowWords.text("icon.stale"));
    }

    /** The execution waits for an answer to stop. */
    public static FontIcon stopRequested() {
        return icon(Feather.OCTAGON, "state-stop", WindowWords.text("row.stopRequested"));
    }

    /** Few receives are left before SQS moves the message to its dead-letter queue. */
    public static FontIcon nearDeadLetter() {
        return icon(Feather.ALERT_TRIANGLE, "state-dead-letter", WindowWords.text("icon.nearDeadLetter"));
    }

    /** The row arrived since the operator last looked at the table. */
    public static FontIcon newArrival() {
        return icon(Feather.STAR, "state-new", WindowWords.text("icon.new"));
    }

    private static FontIcon icon(Ikon ikon, String styleClass, String meaning) {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().addAll("state-icon", styleClass);
        icon.setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        icon.setAccessibleText(meaning);
        return icon;
    }
}
