package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.BulkFailViewModel;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.pending.PendingView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An operator selects several rows, types one reason, confirms, and watches the per-row outcomes arrive. */
@ExtendWith(ApplicationExtension.class)
class BulkFailWindowTest {
    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    static Sandbox sandbox;

    MainViewModel model;

    @BeforeAll
    static void startSandbox() {
        sandbox = sandboxSession.sandbox();
        for (int i = 0; i < 3; i++) {
            sandbox.simulator().startExecution("manual-approval", Map.of());
        }
    }

    @Start
    void start(Stage stage) {
        ConsoleEnvironment environment = new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                settings -> { }, List::of, "test");
        model = new MainViewModel(environment);
        MainWindow.show(stage, model);
    }

    @AfterEach
    void closeSession(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    /** The laid-out table row at this index. */
    static TableRow<?> row(FxRobot robot, int index) throws Exception {
        AtomicReference<TableRow<?>> found = new AtomicReference<>();
        MainWindowTest.waitUntil(() -> {
            robot.lookup("#pendingTable .table-row-cell").queryAllAs(TableRow.class).stream()
                    .filter(r -> r.getItem() != null && r.getIndex() == index && r.isVisible())
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    @Test
    void threeSelectedRowsAreFailedWithOneReasonAfterAConfirmationThatCountsThem(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = MainWindowTest.table(robot, "#pendingTable");
        MainWindowTest.waitUntil(() -> pending.getItems().size() >= 4);
        List<String> questions = new ArrayList<>();
        robot.lookup(".pending-view").queryAs(PendingView.class).confirmWith(question -> {
            questions.add(question);
            return true;
        });
        int callsBefore = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();

        robot.clickOn(row(robot, 0));
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        MainWindowTest.waitUntil(() -> pending.getSelectionModel().getSelectedItems().size() == 3);
        List<String> chosen = pending.getSelectionModel().getSelectedItems().stream().map(PendingRow::token).toList();
        Button failSelected = robot.lookup("#bulkFailButton").queryButton();
        assertThat(failSelected.getText()).isEqualTo("Fail 3 selected…");
        assertThat(failSelected.isDisabled()).as("no reason yet").isTrue();
        assertThat(MainWindowTest.text(robot, "#bulkBlockedReason")).contains("Type a failure reason");
        // The bulk decision is the only one offered: the details count the rows instead of showing the last clicked.
        assertThat(MainWindowTest.text(robot, "#detailSelectionCount")).startsWith("3 selected");
        assertThat(robot.lookup("#decisionPane").queryAs(javafx.scene.control.TitledPane.class).isVisible()).isFalse();

        robot.clickOn("#bulkReasonField").write("Batch rejected: bad input data");
        // The multi-selection survives the snapshots that arrive meanwhile.
        MainWindowTest.waitUntil(() -> !failSelected.isDisabled());
        robot.clickOn(failSelected);

        MainWindowTest.waitUntil(() -> MainWindowTest.text(robot, "#bulkSummary").equals("3 of 3 steps failed as asked."));
        assertThat(questions).singleElement().satisfies(q -> assertThat(q)
                .startsWith("Fail 3 callback steps of ").contains("manual-approval")
                .contains("\"Batch rejected: bad input data\"").contains("At most 4 are sent at a time"));
        TableView<BulkFailViewModel.BulkRow> outcomes = MainWindowTest.table(robot, "#bulkOutcomes");
        assertThat(outcomes.getItems()).extracting(BulkFailViewModel.BulkRow::token)
                .containsExactlyInAnyOrderElementsOf(chosen);
        assertThat(outcomes.getItems()).allSatisfy(r -> {
            assertThat(r.ok()).isTrue();
            assertThat(r.outcome()).isEqualTo("failed the step");
        });
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).hasSize(callsBefore + 3);
        MainWindowTest.waitUntil(() -> MainWindowTest.rowsOnFx(pending).stream().noneMatch(r -> chosen.contains(r.token())));
    }
}
