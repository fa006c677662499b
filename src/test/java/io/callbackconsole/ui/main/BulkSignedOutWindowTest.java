package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.BulkFailViewModel;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.pending.PendingView;
import java.util.List;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 21 in the window: the session expires in the middle of a bulk failure (the sandbox answers
 * ExpiredTokenException after two calls). Every row's outcome says what became of it, the rows not sent stay in the
 * table, and the same bulk on the rows left, after the sign-in, fails them.
 */
@ExtendWith(ApplicationExtension.class)
class BulkSignedOutWindowTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";

    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    static Sandbox sandbox;

    MainViewModel model;

    @BeforeAll
    static void startSandbox() {
        sandbox = sandboxSession.sandbox();
        for (int i = 0; i < 5; i++) {
            sandbox.simulator().startExecution("manual-approval", Map.of());
        }
    }

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                settings -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void closeSession(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    @Test
    void anExpiredSessionMidBulkLeavesTheRowsNotSentInTheTableSaysSignedOutAndTheSameBulkFailsThemLater(
            FxRobot robot) throws Exception {
        TableView<PendingRow> pending = MainWindowTest.table(robot, "#pendingTable");
        MainWindowTest.waitUntil(() -> pending.getItems().size() >= 6);
        robot.lookup(".pending-view").queryAs(PendingView.class).confirmWith(question -> true);
        BulkFailViewModel bulk = model.pending().bulk();
        robot.interact(() -> {
            bulk.concurrencyProperty().set(1);
            pending.getSelectionModel().selectAll();
        });
        MainWindowTest.waitUntil(() -> bulk.targets().size() >= 6);
        List<String> targets = bulk.targets().stream().map(PendingRow::token).toList();
        robot.clickOn("#bulkReasonField").write("Rejected in bulk");
        Button failSelected = robot.lookup("#bulkFailButton").queryButton();
        MainWindowTest.waitUntil(() -> !failSelected.isDisabled());
        sandbox.simulator().faults().expireAfter(FAILURE, 2);

        robot.clickOn(failSelected);

        MainWindowTest.waitUntil(() -> !bulk.runningProperty().get()
                && MainWindowTest.text(robot, "#bulkSummary").contains("signed out"));
        int left = targets.size() - 3;
        assertThat(MainWindowTest.text(robot, "#bulkSummary")).isEqualTo("2 of " + targets.size() + " steps failed"
                + " as asked; 1 refused (the rows stay; see each reason); " + left + " not sent (signed out: sign in"
                + " again, then fail the rows left).");
        TableView<BulkFailViewModel.BulkRow> outcomes = MainWindowTest.table(robot, "#bulkOutcomes");
        assertThat(outcomes.getItems()).filteredOn(BulkFailViewModel.BulkRow::ok).hasSize(2);
        assertThat(outcomes.getItems()).filteredOn(r -> r.outcome().startsWith("refused:")).singleElement()
                .satisfies(r -> assertThat(r.outcome()).contains("ExpiredTokenException"));
        assertThat(outcomes.getItems()).filteredOn(r -> r.outcome().startsWith("not sent: Token "))
                .hasSize(left).allSatisfy(r -> assertThat(r.outcome()).contains("session of this connection is over"));
        assertThat(outcomes.getItems()).as("no row left waiting").allSatisfy(r -> assertThat(r.settled()).isTrue());
        List<String> notDone = outcomes.getItems().stream().filter(r -> !r.ok()).map(BulkFailViewModel.BulkRow::token)
                .toList();
        MainWindowTest.waitUntil(() -> MainWindowTest.rowsOnFx(pending).stream().filter(r -> notDone.contains(r.token())).count()
                == notDone.size() && MainWindowTest.rowsOnFx(pending).stream().noneMatch(r -> !notDone.contains(r.token())
                && targets.contains(r.token())));

        // Signed in again: the same bulk on the rows left.
        sandbox.simulator().faults().clear();
        robot.interact(() -> {
            pending.getSelectionModel().clearSelection();
            pending.getItems().stream().filter(r -> notDone.contains(r.token()))
                    .forEach(r -> pending.getSelectionModel().select(r));
        });
        MainWindowTest.waitUntil(() -> bulk.targets().size() == notDone.size());
        robot.clickOn("#bulkReasonField").write("Rejected in bulk");
        MainWindowTest.waitUntil(() -> !failSelected.isDisabled());
        robot.clickOn(failSelected);

        MainWindowTest.waitUntil(() -> !bulk.runningProperty().get() && MainWindowTest.text(robot, "#bulkSummary")
                .equals(notDone.size() + " of " + notDone.size() + " steps failed as asked."));
        MainWindowTest.waitUntil(() -> MainWindowTest.rowsOnFx(pending).stream().noneMatch(r -> targets.contains(r.token())));
    }
}
