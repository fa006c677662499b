package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.T0;
import static io.callbackconsole.ui.pending.PendingSnapshots.callback;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.theme.ConsoleTheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The pending table at 1280×800 with the console's stylesheet: what fits, what it chooses, how it reads. */
@ExtendWith(ApplicationExtension.class)
class PendingTableLayoutTest {
    PendingCallbacksViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new PendingCallbacksViewModel();
        ConsoleTheme.LIGHT.apply();
        Scene scene = new Scene(new PendingView(model, url -> { }), 1280, 800);
        scene.getStylesheets().add(PendingView.class.getResource("/io/callbackconsole/ui/console.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
    }

    @SuppressWarnings("unchecked")
    TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    @Test
    void theDefaultColumnsFitAndExtraWidthGoesToTheTable(FxRobot robot) throws Exception {
        TableView<PendingRow> table = table(robot);
        assertThat(table.getVisibleLeafColumns()).extracting(TableColumn::getText)
                .containsExactly("Token", "Pipeline", "Step", "Status", "Step age", "Receives");
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getWidth).sum();
        assertThat(columns).as("no sideways scrolling at 1280×800").isLessThanOrEqualTo(table.getWidth());

        // Narrower, then back to 1280 (the headless screen is no wider): the table takes the difference.
        robot.interact(() -> stage.setWidth(1080));
        WaitForAsyncUtils.waitForFxEvents();
        SplitPane split = robot.lookup(".split-pane").queryAs(SplitPane.class);
        double rightBefore = split.getItems().get(1).getBoundsInParent().getWidth();
        double tableBefore = table.getWidth();
        robot.interact(() -> stage.setWidth(1280));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getWidth()).isGreaterThan(tableBefore + 150);
        assertThat(split.getItems().get(1).getBoundsInParent().getWidth()).isCloseTo(rightBefore,
                org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void theColumnChoiceLivesInTheViewModelSoSettingsCanSaveAndRestoreIt(FxRobot robot) {
        TableView<PendingRow> table = table(robot);
        assertThat(table.isTableMenuButtonVisible()).isTrue();
        TableColumn<PendingRow, ?> queue = table.getColumns().stream().filter(c -> c.getText().equals("Queue"))
                .findFirst().orElseThrow();
        assertThat(queue.isVisible()).isFalse();

        robot.interact(() -> queue.setVisible(true));
        assertThat(model.table().shownColumnsProperty().get()).contains("Queue", "Token");

        robot.interact(() -> model.table().shownColumnsProperty().set(Set.of("Token", "Arguments")));
        assertThat(table.getVisibleLeafColumns()).extracting(TableColumn::getText)
                .containsExactly("Token", "Arguments");
    }

    @Test
    void aTruncatedCellHasItsFullTextInATooltipAndASelectedStaleRowIsReadable(FxRobot robot) throws Exception {
        CallbackContext stale = new CallbackContext(CallbackContext.Lookup.FOUND, null, null,
                "step Succeeded at 2030-01-01 00:00:00", null);
        PendingSnapshot snapshot = new PendingSnapshot(List.of(callback(0, 1), callback(1, 1)), List.of(),
                new PollState(PollState.Phase.POLLING, 1, T0, null), T0,
                Map.of(CallbackToken.of(token(0)), stale));
        robot.interact(() -> {
            PendingSnapshots.apply(model.table(), snapshot);
            table(robot).getSelectionModel().select(0);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> statusCell(robot, 0) != null);

        TableCell<?, ?> status = statusCell(robot, 0);
        assertThat(status.getText()).startsWith("Stale: step Succeeded");
        assertThat(status.getTooltip().getText()).isEqualTo(status.getText());
        Text text = (Text) status.lookup(".text");
        // The theme's selected text (Primer light's -color-fg-default), not the muted grey of a stale row.
        assertThat(text.getFill()).as("not grey on the selection").isEqualTo(Color.web("#24292f"));
        assertThat(text.isStrikethrough()).isTrue();
    }

    TableCell<?, ?> statusCell(FxRobot robot, int i) {
        return robot.lookup("#pendingTable .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn().getText().equals("Status") && c.getTableRow() != null
                        && c.getTableRow().getItem() instanceof PendingRow row && row.token().equals(token(i))
                        && c.lookup(".text") != null)
                .findFirst().orElse(null);
    }
}
