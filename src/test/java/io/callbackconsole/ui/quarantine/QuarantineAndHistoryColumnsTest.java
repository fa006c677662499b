package io.callbackconsole.ui.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import io.callbackconsole.ui.history.HistoryView;
import io.callbackconsole.ui.history.HistoryViewModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Quarantine and History tables keep their columns' order, visibility and widths across starts too. */
@ExtendWith(ApplicationExtension.class)
class QuarantineAndHistoryColumnsTest {
    StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }

    TableView<?> open(FxRobot robot, Node view, String tableId) {
        robot.interact(() -> root.getChildren().setAll(view));
        return robot.lookup(tableId).queryAs(TableView.class);
    }

    static List<String> shown(TableView<?> table) {
        return table.getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
    }

    /** Moves the column {@code title} to the front and makes it {@code width} wide, as the mouse would. */
    static <S> void moveFirstAndWiden(TableView<S> table, String title, double width) {
        TableColumn<S, ?> column = table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst()
                .orElseThrow();
        table.getColumns().remove(column);
        table.getColumns().add(0, column);
        table.resizeColumn(column, width - column.getWidth());
    }

    /** Waits until {@code store} holds {@code width} for the column: a resize is saved once it settles. */
    static void savedWidth(ColumnChoices store, String table, String id, double width) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> store.load(table).orElseThrow().columns().stream()
                .anyMatch(c -> c.id().equals(id) && c.width() != null && c.width() == width));
    }

    QuarantineView quarantine(ColumnChoices store) {
        QuarantineView view = new QuarantineView(new QuarantineViewModel());
        view.rememberColumns(store, new CurrentThreadTaskExecutor());
        return view;
    }

    HistoryView history(ColumnChoices store) {
        HistoryView view = new HistoryView(new HistoryViewModel());
        view.rememberColumns(store, new CurrentThreadTaskExecutor());
        return view;
    }

    @Test
    void quarantineColumnsComeBack(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        TableView<?> table = open(robot, quarantine(store), "#quarantineTable");
        robot.interact(() -> moveFirstAndWiden(table, "Message id", 250));
        savedWidth(store, "quarantine", "messageId", 250); // the resize is saved once it settles

        TableView<?> next = open(robot, quarantine(store), "#quarantineTable");

        assertThat(next).isNotSameAs(table);
        assertThat(shown(next)).containsExactly("Message id", "Reason refused", "Queue", "Received at", "Receives");
        assertThat(next.getColumns().get(0).getWidth()).isEqualTo(250);
    }

    @Test
    void historyColumnsComeBackPerTable(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        HistoryView first = history(store);
        TableView<?> events = open(robot, first, "#historyTable");
        robot.interact(() -> {
            moveFirstAndWiden(events, "Caller ARN", 400);
            events.getColumns().stream().filter(c -> c.getText().equals("Seq")).findFirst().orElseThrow()
                    .setVisible(false);
        });
        savedWidth(store, "historyEvents", "CALLER_ARN", 400);
        List<String> eventsShown = shown(events);
        List<String> decisionsShown = shown(robot.lookup("#decisionTable").queryAs(TableView.class));

        open(robot, history(store), "#historyTable");
        TableView<?> nextEvents = robot.lookup("#historyTable").queryAs(TableView.class);

        assertThat(nextEvents).isNotSameAs(events);
        assertThat(shown(nextEvents)).isEqualTo(eventsShown).startsWith("Caller ARN").doesNotContain("Seq");
        assertThat(nextEvents.getColumns().get(0).getWidth()).isEqualTo(400);
        assertThat(shown(robot.lookup("#decisionTable").queryAs(TableView.class))).as("the other table is its own")
                .isEqualTo(decisionsShown);
    }
}
