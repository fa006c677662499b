package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import java.util.List;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The columns chosen in the Pending table's menu are saved and come back at the next start. */
@ExtendWith(ApplicationExtension.class)
class RememberedColumnsTest {
    PendingCallbacksViewModel model;

    @Start
    void start(Stage stage) {
        model = new PendingCallbacksViewModel();
        stage.setScene(new Scene(new PendingView(model, url -> { }), 1280, 800));
        stage.show();
    }

    @SuppressWarnings("unchecked")
    TableView<PendingRow> table(FxRobot robot) {
        return robot.lookup("#pendingTable").queryAs(TableView.class);
    }

    List<String> shown(FxRobot robot) {
        return table(robot).getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
    }

    @Test
    void theSavedChoiceIsShownAtStartAndEachChangeIsSaved(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        store.save(RememberedColumns.TABLE, List.of("Token", "Queue", "Arguments", "A column of a later version"));

        robot.interact(() -> RememberedColumns.keep(model.table(), store, new CurrentThreadTaskExecutor()));

        assertThat(shown(robot)).containsExactly("Token", "Arguments", "Queue");
        assertThat(store.load(RememberedColumns.TABLE)).as("restoring saves nothing")
                .contains(List.of("Token", "Queue", "Arguments", "A column of a later version"));

        TableColumn<PendingRow, ?> pipeline = table(robot).getColumns().stream()
                .filter(c -> c.getText().equals("Pipeline")).findFirst().orElseThrow();
        robot.interact(() -> pipeline.setVisible(true)); // as the column menu does
        assertThat(store.load(RememberedColumns.TABLE)).contains(List.of("Token", "Pipeline", "Arguments", "Queue"));

        // The next start: a new window's model, the same store.
        PendingTableViewModel next = new PendingTableViewModel();
        robot.interact(() -> RememberedColumns.keep(next, store, new CurrentThreadTaskExecutor()));
        assertThat(next.shownColumnsProperty().get()).containsExactlyInAnyOrder("Token", "Pipeline", "Arguments",
                "Queue");
    }

    @Test
    void aChoiceNamingNoColumnOfThisTableKeepsTheDefault(FxRobot robot) throws Exception {
        ColumnChoices store = ColumnChoices.inMemory();
        store.save(RememberedColumns.TABLE, List.of("Token", "Gone", "Renamed"));

        robot.interact(() -> RememberedColumns.keep(model.table(), store, new CurrentThreadTaskExecutor()));

        assertThat(shown(robot)).containsExactly("Token", "Pipeline", "Step", "Status", "Step age", "Receives");
    }

    @Test
    void aStoreThatCannotBeReadOrWrittenCostsTheChoiceOnly(FxRobot robot) {
        ColumnChoices broken = new ColumnChoices() {
            @Override
            public Optional<List<String>> load(String table) throws Exception {
                throw new java.io.IOException("settings.json: permission denied");
            }

            @Override
            public void save(String table, List<String> shown) throws Exception {
                throw new java.io.IOException("settings.json: read-only file system");
            }
        };
        robot.interact(() -> RememberedColumns.keep(model.table(), broken, new CurrentThreadTaskExecutor()));
        assertThat(shown(robot)).containsExactly("Token", "Pipeline", "Step", "Status", "Step age", "Receives");

        TableColumn<PendingRow, ?> queue = table(robot).getColumns().stream()
                .filter(c -> c.getText().equals("Queue")).findFirst().orElseThrow();
        robot.interact(() -> queue.setVisible(true));
        assertThat(shown(robot)).as("the choice holds for this run").contains("Queue");
    }
}
