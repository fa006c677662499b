package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.rowsOnFx;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.PendingRow;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Rows shown before SageMaker has answered say that their context is being looked up, and Approve, which needs the
 * step's declared outputs, waits for it; the simulator holds every DescribePipelineExecution until the test lets go.
 */
@ExtendWith(ApplicationExtension.class)
class ContextLookingUpWindowTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    final CountDownLatch sageMakerAnswers = new CountDownLatch(1);
    MainViewModel model;

    @Start
    void start(Stage stage) {
        Sandbox sandbox = sandboxSession.sandbox();
        sandbox.simulator().faults().beforeApply("DescribePipelineExecution", body -> {
            try {
                sageMakerAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        model = new MainViewModel(new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                settings -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        sageMakerAnswers.countDown();
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    @Test
    void aRowWhoseContextIsLookedUpSaysSoAndApproveWaitsForIt(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3);
        PendingRow row = rowsOnFx(pending).stream().filter(r -> r.pipelineName().equals("manual-approval"))
                .findFirst().orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));

        assertThat(cellsOf(robot, row)).as("the Step and Started by cells").contains("looking up…");
        assertThat(text(robot, "#detailStep")).isEqualTo("looking up…");
        assertThat(text(robot, "#detailLookup")).isEqualTo("Looking up…");
        Button approve = robot.lookup("#approveButton").queryButton();
        assertThat(approve.isDisabled()).as("no declared outputs to offer yet").isTrue();
        assertThat(text(robot, "#approveWaitsReason")).contains("declared outputs are being looked up");
        assertThat(robot.lookup("#submitButton").queryButton().getText()).as("Fail names the token")
                .startsWith("Fail " + row.token());

        sageMakerAnswers.countDown();
        waitUntil(() -> text(robot, "#detailStep").startsWith("ManualReview · Executing"));
        waitUntil(() -> !approve.isDisabled());
        waitUntil(() -> cellsOf(robot, row).contains("ManualReview"));
        assertThat(cellsOf(robot, row)).doesNotContain("looking up…");
        assertThat(robot.lookup("#approveWaitsReason").queryLabeled().isVisible()).isFalse();
        assertThat(robot.lookup("#submitButton").queryButton().getText())
                .isEqualTo("Fail " + row.token() + " (manual-approval / ManualReview)");
    }

    /** The texts of the laid-out cells of {@code row}'s table row. */
    static List<String> cellsOf(FxRobot robot, PendingRow row) throws Exception {
        waitUntil(() -> robot.lookup("#pendingTable .table-row-cell").queryAllAs(TableRow.class).stream()
                .anyMatch(r -> r.getItem() == row));
        return robot.lookup("#pendingTable .table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(r -> r.getItem() == row).findFirst().orElseThrow()
                .lookupAll(".table-cell").stream().map(cell -> ((Labeled) cell).getText()).filter(t -> t != null)
                .toList();
    }
}
