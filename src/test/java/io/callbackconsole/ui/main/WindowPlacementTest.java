package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.preferences.WindowLayout;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** The window opens where it was, unless no screen shows enough of its title bar to grab it. */
class WindowPlacementTest {
    static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1440, 900);
    static final Rectangle2D MONITOR = new Rectangle2D(1440, 0, 2560, 1440);

    @Test
    void whereItWasOnAScreenStillThere() {
        WindowLayout onMonitor = new WindowLayout(2000, 100, 1280, 800, false, 0.6);
        assertThat(WindowPlacement.onScreen(onMonitor, List.of(LAPTOP, MONITOR))).isEqualTo(onMonitor);
    }

    @Test
    void onAMonitorUnpluggedSinceItOpensCentredOnThePrimaryNoLargerThanIt() {
        WindowLayout onMonitor = new WindowLayout(2000, 100, 2000, 1200, true, 0.6);
        assertThat(WindowPlacement.onScreen(onMonitor, List.of(LAPTOP)))
                .isEqualTo(new WindowLayout(0, 0, 1440, 900, true, 0.6));
        WindowLayout small = new WindowLayout(5000, 3000, 1000, 600, false, 0.5);
        assertThat(WindowPlacement.onScreen(small, List.of(LAPTOP)))
                .isEqualTo(new WindowLayout(220, 150, 1000, 600, false, 0.5));
    }

    @Test
    void aTitleBarAboveTheScreenOrAlmostOffItIsBroughtBack() {
        assertThat(WindowPlacement.onScreen(new WindowLayout(100, -300, 1000, 600, false, 0.5), List.of(LAPTOP)).y())
                .isEqualTo(150);
        assertThat(WindowPlacement.onScreen(new WindowLayout(1420, 100, 1000, 600, false, 0.5), List.of(LAPTOP)).x())
                .as("20 px of title bar cannot be grabbed").isEqualTo(220);
        assertThat(WindowPlacement.onScreen(new WindowLayout(1300, 100, 1000, 600, false, 0.5), List.of(LAPTOP)).x())
                .as("140 px can").isEqualTo(1300);
    }
}
