package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.T0;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Pending table by each pipeline's age alarm (marked, its age in words, sorted first on request) and its new rows
 * (marked by a bar and a star until selected or looked at for a few seconds, counted in the tab title).
 */
@ExtendWith(ApplicationExtension.class)
class PendingAlarmsAndNewRowsViewTest {
    PendingCallbacksViewModel model;

    @Start
    void start(Stage stage) {
        model = PendingViewStage.show(stage);
    }

    static AgeAlarm minutes(int minutes) {
        return new AgeAlarm(Duration.ofMinutes(minutes));
    }

    static Map<Integer, Integer> tokens(int... indices) {
        Map<Integer, Integer> tokens = new LinkedHashMap<>();
        for (int i : indices) {
            tokens.put(i, 1);
        }
        return tokens;
    }

    @SuppressWarnings("unchecked")
    static TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void eachRowIsMarkedByItsPipelinesAlarmAndOverdueFirstSortsThemOnTop(FxRobot robot) throws Exception {
        // Tokens 0, 1, 2 of pipelines p0, p1, p2, all sent at T0, seen 40 min later; p1's alarm is 30 min.
        robot.interact(() -> {
            model.table().ageAlarms(new AgeAlarms(minutes(60), Map.of("p1", minutes(30))));
            PendingSnapshots.apply(model.table(), PendingSnapshots.snapshot(40 * 60, tokens(0, 1, 2)));
        });
        waitUntil(() -> Lookups.row(robot, 2) != null);
        assertThat(Lookups.row(robot, 1).getStyleClass()).contains("overdue-row");
        assertThat(Lookups.row(robot, 0).getStyleClass()).doesNotContain("overdue-row");
        assertThat(Lookups.cell(robot, "Step age", 1).getText()).isEqualTo("40 min · over 30 min");
        assertThat(Lookups.cell(robot, "Step age", 0).getText()).isEqualTo("40 min");
        assertThat(table(robot).getItems()).extracting(PendingRow::token)
                .containsExactly(token(0), token(1), token(2));

        robot.clickOn("#overdueFirstToggle");
        assertThat(robot.lookup("#overdueFirstToggle").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(table(robot).getItems()).extracting(PendingRow::token)
                .containsExactly(token(1), token(0), token(2));

        // New thresholds apply at once: the default down to 20 min marks every row.
        robot.interact(() -> model.table().ageAlarms(new AgeAlarms(minutes(20), Map.of("p1", minutes(30)))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Lookups.row(robot, 0).getStyleClass()).contains("overdue-row");
        assertThat(Lookups.cell(robot, "Step age", 0).getText()).isEqualTo("40 min · over 20 min");
    }

    @Test
    void aNewRowIsMarkedUntilSelectedAndTheTabCountsIt(FxRobot robot) throws Exception {
        robot.interact(() -> PendingSnapshots.apply(model.table(), PendingSnapshots.snapshot(1, tokens(0, 1))));
        robot.interact(() -> PendingSnapshots.apply(model.table(), PendingSnapshots.snapshot(2, tokens(0, 1, 2))));
        waitUntil(() -> Lookups.row(robot, 2) != null);
        assertThat(Lookups.row(robot, 0).getStyleClass()).as("waiting when the connection opened: not news")
                .doesNotContain("new-row");
        assertThat(Lookups.row(robot, 2).getStyleClass()).contains("new-row");
        TableCell<?, ?> tokenCell = Lookups.cell(robot, "Token", 2);
        assertThat(tokenCell.getGraphic()).as("not by colour alone").isInstanceOf(FontIcon.class);
        assertThat(tokenCell.getGraphic().getAccessibleText()).isEqualTo("New since you last looked");
        assertThat(Lookups.cell(robot, "Token", 0).getGraphic()).isNull();
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (3 · 1 new)");

        // Not looking (another tab, another window in front): still new after the look would have counted.
        Thread.sleep(PendingTablePane.SEEN_AFTER.toMillis() + 500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Lookups.row(robot, 2).getStyleClass()).contains("new-row");

        robot.interact(() -> table(robot).getSelectionModel().select(Lookups.row(robot, 2).getIndex()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Lookups.row(robot, 2).getStyleClass()).doesNotContain("new-row");
        assertThat(Lookups.cell(robot, "Token", 2).getGraphic()).isNull();
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (3)");
    }

    @Test
    void aNewRowOnScreenWhileTheOperatorLooksIsSeenAfterAFewSeconds(FxRobot robot) throws Exception {
        robot.interact(() -> PendingSnapshots.apply(model.table(), PendingSnapshots.snapshot(1, tokens(0))));
        robot.interact(() -> PendingSnapshots.apply(model.table(), PendingSnapshots.snapshot(2, tokens(0, 1))));
        waitUntil(() -> Lookups.row(robot, 1) != null);
        robot.interact(() -> model.table().lookingProperty().set(true));
        waitUntil(() -> !Lookups.row(robot, 1).getStyleClass().contains("new-row"));
        assertThat(model.tabTitleProperty().get()).isEqualTo("Pending (2)");
    }

    /** The table's row and cell of a token. */
    static final class Lookups {
        static TableRow<?> row(FxRobot robot, int i) {
            return robot.lookup("#pendingTable .table-row-cell").queryAllAs(TableRow.class).stream()
                    .filter(r -> r.getItem() instanceof PendingRow row && row.token().equals(token(i)))
                    .findFirst().orElse(null);
        }

        static TableCell<?, ?> cell(FxRobot robot, String column, int i) {
            return robot.lookup("#pendingTable .table-cell").queryAllAs(TableCell.class).stream()
                    .filter(c -> c.getTableColumn().getText().equals(column) && c.getTableRow() != null
                            && c.getTableRow().getItem() instanceof PendingRow row && row.token().equals(token(i)))
                    .findFirst().orElse(null);
        }
    }
}
