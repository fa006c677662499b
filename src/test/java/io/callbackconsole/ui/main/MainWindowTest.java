package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.PendingRow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the window as an operator would, against a real sandbox, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    /** One sandbox for the class; a history of its own for each test. */
    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    MainViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        sandbox = sandboxSession.sandbox();
        ConsoleEnvironment environment = new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                settings -> { }, List::of, "test");
        model = new MainViewModel(environment);
        this.stage = stage;
        MainWindow.show(stage, model);
    }

    @AfterEach
    void closeSession(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    /** The table's rows as the FX thread sees them now: its lists may be read on the FX thread only. */
    static <T> java.util.List<T> rowsOnFx(TableView<T> table) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> java.util.List.copyOf(table.getItems())).get(10, TimeUnit.SECONDS);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    /**
     * Clicks a tab's header and waits until the tab is selected (its content made, for a tab made on first
     * selection). On a machine at load 11 a click on the Quarantine header once selected nothing; an operator would
     * click again, and so does this, once, after 3 s: the tests that open a tab are about what it shows.
     */
    static void openTab(FxRobot robot, String tabId) throws Exception {
        robot.clickOn(tabId);
        if (!selectedWithin(robot, tabId, 3)) {
            System.err.println("A click on " + tabId + " selected nothing within 3 s: clicking it again");
            robot.clickOn(tabId);
            waitUntil(() -> tabSelected(robot, tabId));
        }
    }

    private static boolean selectedWithin(FxRobot robot, String tabId, int seconds) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> tabSelected(robot, tabId));
            return true;
        } catch (java.util.concurrent.TimeoutException notYet) {
            return false;
        }
    }

    private static boolean tabSelected(FxRobot robot, String tabId) throws Exception {
        String id = tabId.substring(1);
        TabPane tabs = robot.lookup(node -> node instanceof TabPane pane
                && pane.getTabs().stream().anyMatch(tab -> id.equals(tab.getId()))).queryAs(TabPane.class);
        return WaitForAsyncUtils.asyncFx(() -> {
            Tab selected = tabs.getSelectionModel().getSelectedItem();
            return selected != null && id.equals(selected.getId());
        }).get(10, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    static <T> TableView<T> table(FxRobot robot, String id) {
        return (TableView<T>) robot.lookup(id).queryAs(TableView.class);
    }

    /** The first laid-out row that shows a callback: rows exist only after the table's next layout pulse. */
    static Node firstPendingRow(FxRobot robot) throws Exception {
        java.util.concurrent.atomic.AtomicReference<Node> found = new java.util.concurrent.atomic.AtomicReference<>();
        waitUntil(() -> {
            robot.lookup("#pendingTable .table-row-cell").queryAllAs(TableRow.class).stream()
                    .filter(row -> row.getItem() != null && row.getIndex() == 0 && row.isVisible())
                    .findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    static String text(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        return node instanceof Label label ? label.getText() : ((TextArea) node).getText();
    }

    @Test
    void anOperatorFailsAStepAndFindsItInTheHistory(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() >= 1);
        // The sandbox's IAM names its account's alias, as IAM would: the header shows it once it is known.
        waitUntil(() -> text(robot, "#connectionLabel").equals(
                "SANDBOX (callback-sandbox) · simulated SageMaker and SQS on this machine"));
        assertThat(text(robot, "#connectionDetails")).startsWith("Nothing here reaches AWS");
        assertThat(robot.lookup("#connectionHeader").query().getStyleClass()).contains("banner-sandbox");
        int callsBefore = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();

        robot.clickOn(firstPendingRow(robot));
        waitUntil(() -> !text(robot, "#detailExecutionArn").isEmpty());
        PendingRow chosen = pending.getSelectionModel().getSelectedItem();
        assertThat(text(robot, "#detailExecutionArn")).isEqualTo(chosen.callback().executionArn().value());
        assertThat(text(robot, "#detailArguments")).startsWith("{");
        assertThat(text(robot, "#detailRawBody")).contains(chosen.token());

        robot.clickOn("#reasonField").write("Data drift above threshold");
        assertThat(text(robot, "#reasonCounter")).isEqualTo("26/256");
        robot.clickOn("#submitButton");

        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(chosen.token())));
        // The row may leave with the next poll a moment before the result is shown.
        waitUntil(() -> text(robot, "#submissionResult").contains(chosen.callback().executionArn().value()));
        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure");
        assertThat(calls).hasSize(callsBefore + 1);
        assertThat(calls.get(calls.size() - 1).requestBody()).contains(chosen.token()).contains("Data drift above threshold");

        openTab(robot, "#historyTab");
        robot.clickOn("#showEvents"); // the raw rows; the tab opens on one row per decision
        TableView<AuditRecord> history = table(robot, "#historyTable");
        // The intent, then its outcome: newest first.
        waitUntil(() -> history.getItems().size() == 2);
        AuditRecord outcome = history.getItems().get(0);
        AuditRecord intent = history.getItems().get(1);
        assertThat(outcome.get(AuditColumn.KIND)).isEqualTo("OUTCOME");
        assertThat(outcome.get(AuditColumn.CALLBACK_TOKEN)).isEqualTo(chosen.token());
        assertThat(outcome.get(AuditColumn.RETURNED_EXECUTION_ARN)).isEqualTo(chosen.callback().executionArn().value());
        assertThat(outcome.get(AuditColumn.OUTCOME)).isEqualTo("ACCEPTED");
        assertThat(outcome.get(AuditColumn.REQUEST_ID)).isNotBlank();
        assertThat(outcome.get(AuditColumn.CALLER_ARN)).isEqualTo(sandbox.stsSimulator().callerArn());
        assertThat(intent.get(AuditColumn.REASON)).isEqualTo("Data drift above threshold");
        assertThat(intent.get(AuditColumn.OPERATOR)).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void aReasonOf257CharactersDisablesSubmitAndSaysWhy(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() >= 1);
        robot.clickOn(firstPendingRow(robot));
        Button submit = robot.lookup("#submitButton").queryButton();
        assertThat(submit.isDisabled()).as("empty reason").isTrue();
        assertThat(text(robot, "#submitBlockedReason")).contains("Type a failure reason");

        TextArea reason = robot.lookup("#reasonField").queryAs(TextArea.class);
        robot.interact(() -> reason.setText("x".repeat(256)));
        assertThat(submit.isDisabled()).isFalse();
        robot.clickOn(reason);
        robot.interact(() -> reason.end());
        robot.write("y");
        assertThat(text(robot, "#reasonCounter")).isEqualTo("257/256");
        assertThat(submit.isDisabled()).isTrue();
        assertThat(text(robot, "#submitBlockedReason")).contains("257 characters").contains("at most 256");

        robot.type(KeyCode.BACK_SPACE);
        assertThat(text(robot, "#reasonCounter")).isEqualTo("256/256");
        assertThat(submit.isDisabled()).isFalse();
    }

    @Test
    void whatTheFirstFrameDoesNotShowIsBuiltWhenItIsFirstShown(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() >= 1);
        TabPane tabs = robot.lookup(node -> node instanceof TabPane pane
                && pane.getTabs().stream().anyMatch(tab -> "historyTab".equals(tab.getId()))).queryAs(TabPane.class);
        Tab quarantineTab = tabs.getTabs().get(1);
        Tab historyTab = tabs.getTabs().get(2);
        assertThat(quarantineTab.getContent()).isNull();
        // Both tabs count the same way: "Pending (N)", "Quarantine (N)".
        assertThat(quarantineTab.getText()).matches("Quarantine \\(\\d+\\)");
        assertThat(historyTab.getContent()).isNull();
        assertThat(robot.lookup("#bulkPane").queryAs(TitledPane.class).getContent()).isNull();
        assertThat(robot.lookup("#detailNoSelection").tryQuery()).isPresent();
        assertThat(robot.lookup("#detailToken").tryQuery()).isEmpty();
        // The icons are read from the jar in the background and follow the window.
        waitUntil(() -> stage.getIcons().size() == 6);
        // Tooltips are made with their buttons (keyboard users and screen readers never hover), keys included.
        Button find = robot.lookup("#findWaitingButton").queryButton();
        assertThat(find.getTooltip()).isNotNull();
        assertThat(find.getTooltip().getText()).endsWith("(Ctrl+Shift+W)");

        robot.clickOn(firstPendingRow(robot));
        waitUntil(() -> pending.getSelectionModel().getSelectedItem() != null);
        PendingRow chosen = pending.getSelectionModel().getSelectedItem();
        waitUntil(() -> text(robot, "#detailToken").equals(chosen.token()));
        assertThat(robot.lookup("#detailNoSelection").tryQuery()).isEmpty();

        robot.clickOn("#quarantineTab");
        assertThat(robot.lookup("#quarantineTable").tryQuery()).isPresent();
        robot.clickOn("#historyTab");
        assertThat(robot.lookup("#historyTable").tryQuery()).isPresent();

        robot.clickOn("#pendingTab");
        robot.moveTo(find);
        assertThat(find.getTooltip().getText()).startsWith("Ask SageMaker for every callback step still waiting");
    }
}
