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

    static PendingSnapshot snapshotWithContexts(Map<Integer, CallbackContext> contexts) {
        List<io.callbackconsole.domain.PendingCallback> pending = contexts.keySet().stream().sorted()
                .map(i -> callback(i, 1)).toList();
        Map<CallbackToken, CallbackContext> byToken = new java.util.HashMap<>();
        contexts.forEach((i, c) -> byToken.put(CallbackToken.of(token(i)), c));
        return new PendingSnapshot(pending, List.of(), new PollState(PollState.Phase.POLLING, 1, T0, null), T0,
                byToken);
    }

    /** SageMaker's answer for token i: its execution and its callback step with these statuses. */
    static CallbackContext found(int i, String executionStatus, String stepStatus, String staleReason) {
        var step = new io.callbackconsole.domain.CallbackStepState("ManualReview", null, stepStatus, T0, null, 1,
                token(i), null, null);
        var execution = new io.callbackconsole.domain.PipelineContext(callback(i, 1).executionArn(), "p" + i, null,
                null, executionStatus, null, T0, T0, null, List.of(), List.of(step), List.of(), T0);
        return new CallbackContext(CallbackContext.Lookup.FOUND, execution, step, staleReason, null);
    }

    @Test
    void statusExecutionStatusAndStepStatusAreOneColumnThatNamesEachDifference(FxRobot robot) throws Exception {
        Map<Integer, CallbackContext> contexts = new java.util.LinkedHashMap<>();
        contexts.put(0, found(0, "Executing", "Executing", null));
        contexts.put(1, found(1, "Executing", "Failed", null));
        contexts.put(2, found(2, "Stopped", "Executing", null));
        contexts.put(3, found(3, "Executing", "Failed", "step Failed at 00:10"));
        contexts.put(4, new CallbackContext(CallbackContext.Lookup.FAILED, null, null, null, "throttled"));
        contexts.put(5, CallbackContext.notLookedUp());
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotWithContexts(contexts)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> statusCell(robot, 5) != null);

        assertThat(table(robot).getColumns()).extracting(TableColumn::getText)
                .doesNotContain("Execution status", "Step status");
        assertThat(statusCell(robot, 0).getText()).as("all three agree").isEqualTo("Executing");
        assertThat(statusCell(robot, 1).getText()).isEqualTo("Executing · step Failed");
        assertThat(statusCell(robot, 2).getText()).isEqualTo("Executing · execution Stopped");
        assertThat(statusCell(robot, 3).getText()).as("said once").isEqualTo("Stale: step Failed at 00:10");
        assertThat(statusCell(robot, 4).getText()).isEqualTo("Executing · look-up failed");
        assertThat(statusCell(robot, 5).getText()).as("not looked up yet: no difference known")
                .isEqualTo("Executing");
        robot.interact(() -> model.table().filterProperty().set("step failed"));
        assertThat(model.table().filteredRows()).extracting(PendingRow::token).containsExactly(token(1), token(3));
    }

    @Test
    void theTokenColumnStaysInViewWhenTheTableScrollsSideways(FxRobot robot) throws Exception {
        TableView<PendingRow> table = table(robot);
        robot.interact(() -> {
            model.table().shownColumnsProperty().set(Set.copyOf(PendingTableViewModel.ALL_COLUMNS));
            PendingSnapshots.apply(model.table(), PendingSnapshots.snapshotOf(10, 3));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(robot, "Pipeline", 0) != null);
        javafx.scene.control.ScrollBar sideways = robot.lookup("#pendingTable .scroll-bar")
                .queryAllAs(javafx.scene.control.ScrollBar.class).stream()
                .filter(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL).findFirst().orElseThrow();
        assertThat(sideways.isVisible()).as("every column does not fit at 1280×800").isTrue();
        double tokenX = sceneX(cell(robot, "Token", 0));
        double pipelineX = sceneX(cell(robot, "Pipeline", 0));
        double headerX = sceneX(header(robot, "Token"));

        robot.interact(() -> {
            table.getSelectionModel().select(1);
            sideways.setValue(sideways.getMax());
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> io.callbackconsole.testing.Screenshots.saveIfAsked(stage.getScene(),
                "pending-scrolled-sideways"));

        assertThat(sideways.getMax()).isGreaterThan(100);
        TableCell<?, ?> token = cell(robot, "Token", 0);
        assertThat(sceneX(token)).as("the token cell did not move").isCloseTo(tokenX,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(token.getText()).isEqualTo(token(0));
        assertThat(sceneX(header(robot, "Token"))).as("nor its header").isCloseTo(headerX,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(sceneX(cell(robot, "Pipeline", 0))).as("the other columns scrolled")
                .isLessThan(pipelineX - 100);
        assertThat(token.getViewOrder()).as("drawn over the columns passing beneath").isLessThan(0);
        assertThat(token.getBackground()).as("opaque, so they do not show through").isNotNull();
        assertThat(token.getBackground().getFills()).anySatisfy(fill ->
                assertThat(((Color) fill.getFill()).getOpacity()).isEqualTo(1.0));

        robot.interact(() -> {
            TableColumn<PendingRow, ?> tokenColumn = table.getColumns().get(0);
            tokenColumn.setVisible(false);
            table.getColumns().remove(tokenColumn);
            table.getColumns().add(2, tokenColumn);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getColumns().get(0).getText()).as("the pinned column stays first and shown")
                .isEqualTo("Token");
        assertThat(table.getColumns().get(0).isVisible()).isTrue();
    }

    static double sceneX(javafx.scene.Node node) {
        return node.localToScene(node.getBoundsInLocal()).getMinX();
    }

    TableCell<?, ?> cell(FxRobot robot, String column, int i) {
        return robot.lookup("#pendingTable .table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() != null && c.getTableColumn().getText().equals(column)
                        && c.getTableRow() != null && c.getTableRow().getItem() instanceof PendingRow row
                        && row.token().equals(token(i)) && c.isVisible())
                .findFirst().orElse(null);
    }

    javafx.scene.Node header(FxRobot robot, String column) {
        return robot.lookup("#pendingTable .column-header").queryAllAs(
                javafx.scene.control.skin.TableColumnHeader.class).stream()
                .filter(h -> h.getTableColumn() != null && h.getTableColumn().getText().equals(column))
                .findFirst().orElseThrow();
    }
}
