package io.callbackconsole.ui.main;

import io.callbackconsole.ui.preferences.WindowLayout;
import java.util.List;
import javafx.geometry.Rectangle2D;

/**
 * Where the window opens: where it was last, unless that is off every screen now (a monitor unplugged, a smaller
 * display): then on the primary screen, centred, no larger than it. A window partly off a screen keeps its place when
 * enough of its title bar is on one to grab it.
 */
final class WindowPlacement {
    /** How much of the title bar must be on a screen to drag the window back: a strip this high and wide. */
    static final double GRAB = 48;

    private WindowPlacement() {
    }

    /** {@code saved} as it may open on {@code screens} (their visual bounds), the first being the primary. */
    static WindowLayout onScreen(WindowLayout saved, List<Rectangle2D> screens) {
        for (Rectangle2D screen : screens) {
            Rectangle2D titleBar = new Rectangle2D(saved.x(), saved.y(), saved.width(), GRAB);
            if (intersection(titleBar, screen) >= GRAB * GRAB && saved.y() >= screen.getMinY()) {
                return new WindowLayout(saved.x(), saved.y(), Math.min(saved.width(), screen.getWidth()),
                        Math.min(saved.height(), screen.getHeight()), saved.maximized(), saved.pendingDivider());
            }
        }
        Rectangle2D primary = screens.get(0);
        double width = Math.min(saved.width(), primary.getWidth());
        double height = Math.min(saved.height(), primary.getHeight());
        return new WindowLayout(primary.getMinX() + (primary.getWidth() - width) / 2,
                primary.getMinY() + (primary.getHeight() - height) / 2, width, height, saved.maximized(),
                saved.pendingDivider());
    }

    private static double intersection(Rectangle2D a, Rectangle2D b) {
        double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
        double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }
}
