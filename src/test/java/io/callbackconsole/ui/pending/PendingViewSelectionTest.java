package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.snapshot;
import static io.callbackconsole.ui.pending.PendingSnapshots.snapshotOf;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real table (sorted, filtered, multi-select) keeps the operator's selection through snapshots. Monocle. */
@ExtendWith(ApplicationExtension.class)
class PendingViewSelectionTest {
    PendingCallbacksViewModel model;

    @Start
    void start(Stage stage) {
        model = new PendingCallbacksViewModel();
        stage.setScene(new Scene(new PendingView(model, url -> { }), 1200, 700));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    PendingRow shown(TableView<PendingRow> table, int i) {
        return table.getItems().stream().filter(r -> r.token().equals(token(i))).findFirst().orElseThrow();
    }

    @Test
    void aSnapshotThatChangesOtherRowsKeepsTheSelectedRowsAndTheDetails(FxRobot robot) throws Exception {
        TableView<PendingRow> table = table(robot);
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(1, 5)));
        robot.interact(() -> {
            table.getSelectionModel().select(shown(table, 1));
            table.getSelectionModel().select(shown(table, 3));
        });
        PendingRow focused = shown(table, 3);
        // With two selected the details count them rather than show the last clicked.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#detailSelectionCount").tryQuery()
                .map(n -> ((Label) n).getText().startsWith("2 selected")).orElse(false));
        List<Object> selectionEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> model.table().selectedProperty().addListener((o, was, now) -> selectionEvents.add(now)));

        Map<Integer, Integer> next = new LinkedHashMap<>();
        next.put(0, 4); // changed
        next.put(1, 1);
        next.put(3, 1);
        next.put(4, 2); // changed; token 2 left
        next.put(9, 1); // new
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshot(2, next)));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getSelectionModel().getSelectedItems()).containsExactlyInAnyOrder(shown(table, 1), focused);
        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(focused);
        assertThat(model.table().selectedProperty().get()).isSameAs(focused);
        assertThat(model.table().chosenRows()).containsExactlyInAnyOrder(shown(table, 1), focused);
        assertThat(selectionEvents).as("the focused row never went, not even for a moment").isEmpty();
        assertThat(robot.lookup("#detailSelectionCount").queryAs(Label.class).getText()).startsWith("2 selected");
        assertThat(table.getItems()).extracting(PendingRow::token)
                .containsExactlyInAnyOrder(token(0), token(1), token(3), token(4), token(9));
        assertThat(model.bulk().targets()).hasSize(2);
    }

    @Test
    void aChangeToTheSelectedRowShowsInTheTableAndKeepsItSelected(FxRobot robot) throws Exception {
        TableView<PendingRow> table = table(robot);
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshotOf(1, 3)));
        robot.interact(() -> table.getSelectionModel().select(shown(table, 0)));
        PendingRow focused = shown(table, 0);

        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshot(2, Map.of(0, 7, 1, 1, 2, 1))));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getSelectionModel().getSelectedItem()).isSameAs(focused);
        assertThat(focused.receiveCount()).isEqualTo(7);
        // The cell on screen shows the new count, although the row object is the same.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#pendingTable .table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(cell -> "7".equals(cell.getText())));
    }

    @Test
    void aSortedTableKeepsTheSelectionWhenASnapshotReordersAndRemovesRows(FxRobot robot) throws Exception {
        TableView<PendingRow> table = table(robot);
        robot.interact(() -> {
            PendingSnapshots.apply(model.table(), snapshotOf(1, 4));
            var receives = table.getColumns().stream().filter(c -> c.getText().equals("Receives")).findFirst()
                    .orElseThrow();
            receives.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(receives));
            table.getSelectionModel().select(shown(table, 2));
        });
        PendingRow focused = shown(table, 2);

        // Token 0 is received again and moves to the top; token 1 leaves.
        robot.interact(() -> PendingSnapshots.apply(model.table(), snapshot(2, Map.of(0, 9, 2, 1, 3, 1))));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(table.getItems().get(0).token()).isEqualTo(token(0));
        assertThat(table.getSelectionModel().getSelectedItems()).containsExactly(focused);
        assertThat(model.table().selectedProperty().get()).isSameAs(focused);
    }
}
