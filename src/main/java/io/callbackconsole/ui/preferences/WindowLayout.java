package io.callbackconsole.ui.preferences;

/**
 * Where the window was and how it was divided when the operator last moved it: its bounds, whether it was maximised,
 * and the Pending tab's divider (0 to 1, the table's share).
 */
public record WindowLayout(double x, double y, double width, double height, boolean maximized,
                           double pendingDivider) {
    public WindowLayout {
        if (!(width > 0) || !(height > 0) || !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width)
                || !Double.isFinite(height)) {
            throw new IllegalArgumentException("A window layout needs finite bounds with a positive size");
        }
        if (!(pendingDivider > 0 && pendingDivider < 1)) {
            throw new IllegalArgumentException("The divider is between 0 and 1; got " + pendingDivider);
        }
    }
}
