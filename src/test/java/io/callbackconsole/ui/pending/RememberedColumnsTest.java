package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.ColumnChoices.SavedColumn;
import io.callbackconsole.ui.ColumnChoices.SavedColumns;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** How the operator leaves the Pending table's columns (order, visibility, width) is saved and comes back. */
@ExtendWith(ApplicationExtension.class)
class RememberedColumnsTest {
    StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane();
        stage.setScene(new Scene(root, 1280, 800));
        stage.show();
    }

    /** A Pending view on a new model, as a start builds it, its columns kept in {@code store}. */
    TableView<PendingRow> open(FxRobot robot, ColumnChoices store) {
        robot.interact(() -> {
            PendingView view = new PendingView(new PendingCallbacksViewModel(), url -> { });
            view.rememberColumns(store, new CurrentThreadTaskExecutor());
            root.getChildren().setAll(view);
        });
        WaitForAsyncUtils.waitForFxEvents();
        return table(robot);
    }

    @SuppressWarnings("unchecked")
    TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    static List<String> shown(TableView<PendingRow> table) {
        return table.getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
    }

    static TableColumn<PendingRow, ?> column(TableView<PendingRow> table, String title) {
        return table.getColumns().stream().filter(c -> c.getText().equals(title)).findFirst().orElseThrow();
    }

    Bounds headerOf(FxRobot robot, String title) {
        TableColumnHeader header = robot.lookup(".column-header").match(n -> n instanceof TableColumnHeader h
                && h.getTableColumn() != null && title.equals(h.getTableColumn().getText()))
                .queryAs(TableColumnHeader.class);
        return header.localToScreen(header.getBoundsInLocal());
    }

    @Test
    void aColumnMovedAndResizedWithTheMouseComesBackAtTheNextStart(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        TableView<PendingRow> table = open(robot, store);
        double stepWidth = column(table, "Step").getWidth();

        // Widen "Step" by its header's right edge, then drag "Status" before "Pipeline".
        Bounds step = headerOf(robot, "Step");
        robot.drag(step.getMaxX() - 1, step.getCenterY(), MouseButton.PRIMARY).moveBy(60, 0).drop();
        Bounds status = headerOf(robot, "Status");
        Bounds pipeline = headerOf(robot, "Pipeline");
        robot.drag(status.getCenterX(), status.getCenterY(), MouseButton.PRIMARY)
                .moveTo(robot.point(pipeline.getMinX() + 20, pipeline.getCenterY())).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(table)).as("the mouse did move it").containsExactly("Token", "Status", "Pipeline", "Step",
                "Step age", "Receives");
        double widened = column(table, "Step").getWidth();
        assertThat(widened).as("the mouse did widen it").isGreaterThan(stepWidth + 40);
        // The resize is saved once it settles.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> store.load(PendingTablePane.REMEMBERED_AS)
                .orElseThrow().columns().stream().anyMatch(c -> c.id().equals("Step") && c.width() == widened));

        TableView<PendingRow> next = open(robot, store);

        assertThat(next).isNotSameAs(table);
        assertThat(shown(next)).containsExactly("Token", "Status", "Pipeline", "Step", "Step age", "Receives");
        assertThat(column(next, "Step").getWidth()).isEqualTo(widened);
        assertThat(column(next, "Pipeline").getWidth()).as("the others keep theirs").isEqualTo(150);
    }

    @Test
    void aResizeTheWindowClosesOnBeforeItSettledIsSaved(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        Stage[] window = new Stage[1];
        @SuppressWarnings("unchecked")
        TableView<PendingRow>[] table = new TableView[1];
        robot.interact(() -> {
            PendingView view = new PendingView(new PendingCallbacksViewModel(), url -> { });
            view.rememberColumns(store, new CurrentThreadTaskExecutor());
            window[0] = new Stage();
            window[0].setScene(new Scene(view, 1280, 800));
            window[0].show();
            table[0] = view.lookupAll("#pendingTable").stream().map(n -> (TableView<PendingRow>) n)
                    .findFirst().orElseThrow();
        });
        WaitForAsyncUtils.waitForFxEvents();

        robot.interact(() -> {
            column(table[0], "Step").setPrefWidth(333);
            table[0].layout();
            window[0].hide(); // well within the time a resize takes to settle
        });

        assertThat(store.load(PendingTablePane.REMEMBERED_AS).orElseThrow().columns())
                .filteredOn(c -> c.id().equals("Step")).extracting(SavedColumn::width).containsExactly(333.0);
    }

    @Test
    void aColumnShownFromTheMenuIsSavedAtOnceAndRestoringSavesNothing(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        SavedColumns older = SavedColumns.shownOnly(List.of("Token", "Queue", "Arguments", "A column of a later version"));
        store.save(PendingTablePane.REMEMBERED_AS, older);

        TableView<PendingRow> table = open(robot, store);

        assertThat(shown(table)).as("an older file's choice, in the default order")
                .containsExactly("Token", "Arguments", "Queue");
        assertThat(store.load(PendingTablePane.REMEMBERED_AS)).as("restoring saves nothing").contains(older);

        robot.interact(() -> column(table, "Pipeline").setVisible(true)); // as the column menu does
        SavedColumns saved = store.load(PendingTablePane.REMEMBERED_AS).orElseThrow();
        assertThat(saved.arranged()).isTrue();
        assertThat(saved.columns()).filteredOn(SavedColumn::shown).extracting(SavedColumn::id)
                .containsExactly("Token", "Pipeline", "Arguments", "Queue");
        assertThat(saved.columns()).extracting(SavedColumn::id).as("every column, in the table's order")
                .containsExactlyElementsOf(PendingTableViewModel.ALL_COLUMNS);

        assertThat(shown(open(robot, store))).containsExactly("Token", "Pipeline", "Arguments", "Queue");
    }

    @Test
    void aChoiceNamingNoColumnOfThisTableKeepsTheDefault(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        store.save(PendingTablePane.REMEMBERED_AS, SavedColumns.shownOnly(List.of("Token", "Gone", "Renamed")));

        assertThat(shown(open(robot, store))).containsExactly("Token", "Pipeline", "Step", "Status", "Step age",
                "Receives");
    }

    @Test
    void aWidthBeyondTheColumnsBoundsIsClamped(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        store.save(PendingTablePane.REMEMBERED_AS, new SavedColumns(List.of(new SavedColumn("Pipeline", true, 1e9),
                new SavedColumn("Step", true, -40.0)), true));

        TableView<PendingRow> table = open(robot, store);

        assertThat(column(table, "Pipeline").getWidth()).isEqualTo(column(table, "Pipeline").getMaxWidth());
        assertThat(column(table, "Step").getWidth()).isEqualTo(column(table, "Step").getMinWidth());
        assertThat(shown(table)).as("the columns the file leaves out keep their place")
                .containsExactly("Token", "Pipeline", "Step", "Status", "Step age", "Receives");
    }

    @Test
    void aStoreThatCannotBeReadOrWrittenCostsTheChoiceOnly(FxRobot robot) {
        ColumnChoices broken = new ColumnChoices() {
            @Override
            public Optional<SavedColumns> load(String table) throws Exception {
                throw new java.io.IOException("settings.json: permission denied");
            }

            @Override
            public void save(String table, SavedColumns columns) throws Exception {
                throw new java.io.IOException("settings.json: read-only file system");
            }
        };
        TableView<PendingRow> table = open(robot, broken);
        assertThat(shown(table)).containsExactly("Token", "Pipeline", "Step", "Status", "Step age", "Receives");

        robot.interact(() -> column(table, "Queue").setVisible(true));
        assertThat(shown(table)).as("the choice holds for this run").contains("Queue");
    }
}
