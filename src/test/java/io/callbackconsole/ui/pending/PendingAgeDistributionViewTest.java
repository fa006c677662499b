package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The count of waiting tokens beside the spread of their ages on the Pending tab: each snapshot (the clock the ages
 * are read against) counts them again, an overdue row is marked against its own pipeline's alarm, and the numbers are
 * in words, not in the bars' colours alone.
 */
@ExtendWith(ApplicationExtension.class)
class PendingAgeDistributionViewTest {
    PendingCallbacksViewModel model;

    @Start
    void start(Stage stage) {
        model = PendingViewStage.show(stage);
    }

    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** The bar columns, one per span; each holds its overdue part on top of its on-time part. */
    private static List<VBox> columns(FxRobot robot) {
        return robot.lookup("#ageDistributionBars").queryAs(HBox.class).getChildren().stream()
                .map(VBox.class::cast).toList();
    }

    private static double height(VBox column, int part) {
        return ((Region) column.getChildren().get(part)).getHeight();
    }

    private static String tooltip(Node node) {
        return ((Tooltip) node.getProperties().get("javafx.scene.control.Tooltip")).getText();
    }

    @Test
    void countsTheAgesOfEachSnapshotAndMarksTheRowPastItsPipelinesAlarm(FxRobot robot) {
        // "fast" alarms after 10 min: its 20-min-old token is overdue, the other 20-min-old one is not (30 min).
        robot.interact(() -> {
            model.table().ageAlarms(new AgeAlarms(AgeAlarm.DEFAULT, Map.of("fast", new AgeAlarm(min(10)))));
            PendingSnapshots.apply(model.table(), AgedRows.snapshot(List.of("nightly", "nightly", "fast", "nightly"),
                    List.of(min(1), min(2), min(20), min(20))));
        });
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#pendingCount")).isEqualTo("4 waiting");
        assertThat(text(robot, "#ageDistributionText"))
                .isEqualTo("Ages: 2 under 5 min, 2 5–30 min; 1 over its age alarm");
        assertThat(robot.lookup("#ageDistribution").query().getAccessibleText())
                .isEqualTo("4 waiting. Ages: 2 under 5 min, 2 5–30 min; 1 over its age alarm");
        List<VBox> columns = columns(robot);
        assertThat(columns).hasSize(5);
        assertThat(tooltip(columns.get(1))).isEqualTo("5–30 min: 2 tokens, 1 of them over its age alarm");
        assertThat(columns.get(1).getAccessibleText()).isEqualTo(tooltip(columns.get(1)));
        // Two rows each: both bars full height, the second half overdue; empty spans draw nothing.
        assertThat(height(columns.get(0), 0) + height(columns.get(0), 1)).isEqualTo(AgeDistributionBar.BAR_HEIGHT);
        assertThat(height(columns.get(0), 0)).as("none overdue under 5 min").isZero();
        assertThat(height(columns.get(1), 0)).isEqualTo(AgeDistributionBar.BAR_HEIGHT / 2);
        assertThat(height(columns.get(1), 1)).isEqualTo(AgeDistributionBar.BAR_HEIGHT / 2);
        assertThat(height(columns.get(4), 0) + height(columns.get(4), 1)).isZero();

        // Forty minutes on, the same tokens: every one has aged into the next span, and the 20-min ones are overdue.
        robot.interact(() -> PendingSnapshots.apply(model.table(), AgedRows.snapshot(AgedRows.NOW.plus(min(40)),
                List.of("nightly", "nightly", "fast", "nightly"), List.of(min(1), min(2), min(20), min(20)))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#ageDistributionText")).isEqualTo("Ages: 4 30 min–2 h; 4 over their age alarm");
        assertThat(height(columns.get(2), 0)).as("all overdue").isEqualTo(AgeDistributionBar.BAR_HEIGHT);

        // A longer default alarm applies at once, without waiting for the next poll.
        robot.interact(() -> model.table().ageAlarms(new AgeAlarms(new AgeAlarm(Duration.ofHours(1)),
                Map.of("fast", new AgeAlarm(min(10))))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#ageDistributionText")).isEqualTo("Ages: 4 30 min–2 h; 2 over their age alarm");

        robot.interact(() -> model.table().clear("Not connected."));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#pendingCount")).isEqualTo("0 waiting");
        assertThat(text(robot, "#ageDistributionText")).isEqualTo("No tokens waiting");
    }
}
