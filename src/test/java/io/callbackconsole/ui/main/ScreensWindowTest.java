package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.openTab;
import static io.callbackconsole.ui.main.MainWindowTest.rowsOnFx;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.testing.Screenshots;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.PendingRow;
import java.time.Duration;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.table.TableRowExpanderColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's main screens at 1280×800 in the theme operators get, each in the state the README shows and checked
 * in that state: several rows selected, the Quarantine tab, History with a retried decision expanded, and Connect….
 * With {@code -Dcallbackconsole.screenshots=assets/screenshots} it also draws those pictures.
 */
@ExtendWith(ApplicationExtension.class)
class ScreensWindowTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    MainViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        sandbox = sandboxSession.sandbox();
        model = new MainViewModel(new ConsoleEnvironment(requested -> {
            ConsoleSession session = sandboxSession.opener().open(requested);
            // Unanswered decisions are sent again within a second or two, so a retried decision settles in the test.
            session.decisions().retryUnknownOutcomes(Duration.ofSeconds(1), Duration.ofSeconds(2));
            return session;
        }, sandboxSession.connection(), settings -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    TableView<PendingRow> threeRows(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3 && rowsOnFx(pending).stream()
                .allMatch(r -> r.executionStatus().equals("Executing")));
        waitUntil(() -> text(robot, "#connectionLabel").startsWith("SANDBOX (callback-sandbox)"));
        return pending;
    }

    @Test
    void oneRowSelectedNamesItsTargetOnTheButtonInTheLightAndTheDarkTheme(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = threeRows(robot);
        PendingRow row = rowsOnFx(pending).stream().filter(r -> r.pipelineName().equals("manual-approval"))
                .findFirst().orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));
        robot.clickOn("#reasonField").write("Recall below 0.82 on the holdout set, see OPS-4127");
        waitUntil(() -> !robot.lookup("#submitButton").queryButton().isDisabled());
        assertThat(robot.lookup("#submitButton").queryButton().getText())
                .isEqualTo("Fail " + row.token() + " (manual-approval / ManualReview)");
        // The count beside the ages of the waiting tokens: the sandbox's steps have just started.
        assertThat(text(robot, "#pendingCount")).isEqualTo("3 waiting");
        assertThat(text(robot, "#ageDistributionText")).isEqualTo("Ages: 3 under 5 min; none over their age alarm");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "pending-light"));
        try {
            robot.clickOn("View").clickOn("Theme").clickOn("Dark");
            waitUntil(() -> io.callbackconsole.ui.theme.ConsoleTheme.DARK.userAgentStylesheet()
                    .equals(javafx.application.Application.getUserAgentStylesheet()));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "pending-dark"));
        } finally {
            // The theme is the whole application's: the next tests start light again.
            robot.interact(io.callbackconsole.ui.theme.ConsoleTheme.LIGHT::apply);
        }
    }

    @Test
    void severalRowsSelectedOfferOnlyTheBulkFailureWithItsOwnReason(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = threeRows(robot);
        robot.interact(() -> pending.getSelectionModel().selectAll());

        waitUntil(() -> robot.lookup("#bulkFailButton").queryButton().getText().equals("Fail 3 selected…"));
        assertThat(text(robot, "#detailSelectionCount")).startsWith("3 selected.");
        Node decision = robot.lookup("#decisionPane").query();
        assertThat(decision.isVisible() && decision.isManaged()).as("no single-row decision beside the bulk one")
                .isFalse();
        robot.clickOn("#bulkReasonField").write("Upstream feature store outage, rerun after INC-2291 is closed");
        waitUntil(() -> !robot.lookup("#bulkFailButton").queryButton().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "pending-several"));
    }

    @Test
    void aMessageWithoutAUsableTokenIsKeptInQuarantineWithWhyAndItsRawBody(FxRobot robot) throws Exception {
        threeRows(robot);
        String queue = sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst()
                .orElseThrow();
        sandbox.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("{\"token\":\"abc-def_gh\",\"pipelineExecution"
                + "Arn\":\"arn:aws:sagemaker:us-east-2:000000000000:pipeline/manual-approval/execution/e4\","
                + "\"arguments\":{},\"status\":\"Executing\"}"));
        sandbox.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("not json at all"));

        openTab(robot, "#quarantineTab");
        @SuppressWarnings("unchecked")
        TableView<QuarantinedMessage> quarantined = robot.lookup("#quarantineTable").queryAs(TableView.class);
        waitUntil(() -> quarantined.getItems().size() == 2);
        QuarantinedMessage badToken = quarantined.getItems().stream()
                .filter(m -> m.message().body().contains("abc-def_gh")).findFirst().orElseThrow();
        robot.interact(() -> quarantined.getSelectionModel().select(badToken));
        TextArea raw = robot.lookup("#quarantineRawBody").queryAs(TextArea.class);
        waitUntil(() -> raw.getText().contains("abc-def_gh"));
        assertThat(badToken.reason()).contains("\"abc-def_gh\"");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.Label why = robot.lookup("#quarantineWhy").queryAs(javafx.scene.control.Label.class);
        assertThat(drawn(why)).as("why and where, never cut").isEqualTo(why.getText()).contains(queue);
        assertThat(quarantined.getColumns()).allSatisfy(column -> assertThat(column.getWidth())
                .as(column.getText()).isGreaterThanOrEqualTo(headerWidth(quarantined, column)));
        robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "quarantine"));
    }

    @Test
    void historyShowsOneRowPerDecisionAndARetriedOneExpandsToItsAttempts(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = threeRows(robot);
        List<PendingRow> rows = List.copyOf(pending.getItems());
        // The first answer is lost twice (applied, no answer), then the background retry gets one.
        sandbox.simulator().faults().inject("SendPipelineExecutionStepFailure",
                SimulatorFaults.Kind.DROP_AFTER_APPLY, 12);
        fail(robot, pending, rows.get(0), "Drift in the amount column above 4 %, see OPS-4127");
        waitUntil(() -> text(robot, "#retryStatus").contains("attempt 2"));
        sandbox.simulator().faults().clear();
        waitUntil(() -> text(robot, "#submissionResult").startsWith("Step failed")
                || rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(rows.get(0).token())));
        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(rows.get(0).token())));
        fail(robot, pending, rows.get(1), "Threshold review by the data-quality owner: rejected");
        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(rows.get(1).token())));

        openTab(robot, "#historyTab");
        @SuppressWarnings("unchecked")
        TableView<DecisionRecord> decisions = robot.lookup("#decisionTable").queryAs(TableView.class);
        waitUntil(() -> decisions.getItems().size() == 2 && decisions.getItems().stream()
                .allMatch(d -> d != null && "ACCEPTED".equals(d.get(DecisionColumn.OUTCOME))));
        DecisionRecord retried = decisions.getItems().stream()
                .filter(d -> rows.get(0).token().equals(d.get(DecisionColumn.CALLBACK_TOKEN))).findFirst()
                .orElseThrow();
        assertThat(Integer.parseInt(retried.get(DecisionColumn.ATTEMPTS))).as("sent again until answered")
                .isGreaterThanOrEqualTo(2);
        @SuppressWarnings("unchecked")
        TableRowExpanderColumn<DecisionRecord> expander = (TableRowExpanderColumn<DecisionRecord>)
                decisions.getColumns().get(0);
        robot.interact(() -> {
            expander.toggleExpanded(decisions.getItems().indexOf(retried));
            decisions.getSelectionModel().select(retried);
        });
        @SuppressWarnings("unchecked")
        TableView<Object> events = robot.lookup("#decisionEvents").queryAs(TableView.class);
        waitUntil(() -> events.getItems().size() >= 3);
        waitUntil(() -> robot.lookup("#historyDetail").queryAs(TextArea.class).getText()
                .contains(rows.get(0).token()));
        // The chart above the table counts the same two decisions, on today's bar, and is in the picture.
        Node chart = robot.lookup("#decisionChart").query();
        waitUntil(() -> chart.getAccessibleText() != null
                && chart.getAccessibleText().contains(": 2 decisions — 2 ACCEPTED;"));
        assertThat(stage.getScene().getRoot().sceneToLocal(chart.localToScene(chart.getBoundsInLocal())).getMaxY())
                .as("the chart is on screen, above the table").isLessThan(stage.getScene().getHeight() / 2);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "history"));
    }

    /** The text a labeled control draws (its skin's text node), which ends in "…" where it is cut. */
    static String drawn(javafx.scene.control.Labeled labeled) {
        javafx.scene.text.Text text = (javafx.scene.text.Text) labeled.lookup(".text");
        return text == null ? "" : text.getText();
    }

    static void assertLabelsWhole(javafx.scene.Parent root) {
        List<javafx.scene.control.Label> labels = root.lookupAll(".label").stream()
                .filter(n -> n instanceof javafx.scene.control.Label && n.isVisible())
                .map(n -> (javafx.scene.control.Label) n)
                .filter(l -> l.getText() != null && !l.getText().isEmpty()).toList();
        assertThat(labels).isNotEmpty().allSatisfy(label -> assertThat(drawn(label)).as("label " + label.getText())
                .isEqualTo(label.getText()));
    }

    /** The width a column's header needs to show its title whole. */
    static double headerWidth(TableView<?> table, javafx.scene.control.TableColumn<?, ?> column) {
        return table.lookupAll(".column-header").stream()
                .filter(h -> h instanceof javafx.scene.control.skin.TableColumnHeader header
                        && header.getTableColumn() == column)
                .map(h -> ((javafx.scene.control.skin.TableColumnHeader) h).prefWidth(-1)).findFirst().orElse(0.0);
    }

    private void fail(FxRobot robot, TableView<PendingRow> pending, PendingRow row, String reason) throws Exception {
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(pending.getItems()
                .stream().filter(r -> r.token().equals(row.token())).findFirst().orElseThrow())));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));
        robot.clickOn("#reasonField").write(reason);
        robot.clickOn("#submitButton");
    }

    @Test
    void connectShowsEveryFieldOfAnAwsConnectionAndItsEnvironmentMark(FxRobot robot) throws Exception {
        threeRows(robot);
        robot.clickOn("#connectButton");
        waitUntil(() -> robot.lookup("#connectSandbox").tryQuery().isPresent());
        CheckBox sandboxChoice = robot.lookup("#connectSandbox").queryAs(CheckBox.class);
        assertThat(sandboxChoice.isSelected()).as("connected to the sandbox").isTrue();
        robot.interact(() -> sandboxChoice.setSelected(false));
        @SuppressWarnings("unchecked")
        ComboBox<String> profile = robot.lookup("#connectProfile").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<io.callbackconsole.domain.EnvironmentMark> environment =
                robot.lookup("#connectEnvironment").queryAs(ComboBox.class);
        robot.interact(() -> {
            profile.getEditor().setText("ops-prod");
            robot.lookup("#connectRegion").queryAs(TextField.class).setText("us-east-2");
            robot.lookup("#connectQueues").queryAs(TextArea.class).setText(
                    "https://sqs.us-east-2.amazonaws.com/123456789012/manual-review\n"
                            + "https://sqs.us-east-2.amazonaws.com/123456789012/release-approvals");
            environment.setValue(io.callbackconsole.domain.EnvironmentMark.PRODUCTION);
        });
        DialogPane dialog = (DialogPane) robot.lookup("#connectSandbox").query().getScene().getRoot();
        javafx.scene.control.Label problem = (javafx.scene.control.Label) dialog.lookup("#connectProblem");
        waitUntil(() -> problem.getText().isEmpty());
        Button ok = (Button) dialog.lookupButton(javafx.scene.control.ButtonType.OK);
        assertThat(ok.isDisabled()).as("a complete connection can be chosen").isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        assertLabelsWhole(dialog);
        robot.interact(() -> Screenshots.saveIfAsked(dialog.getScene(), "connect"));
        // After an error too: the problem line takes its room, the labels keep theirs.
        robot.interact(() -> robot.lookup("#connectRegion").queryAs(TextField.class).setText("Frankfurt"));
        waitUntil(() -> !problem.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(ok.isDisabled()).isTrue();
        assertLabelsWhole(dialog);
        robot.interact(() -> ((Window) dialog.getScene().getWindow()).hide());
    }

    @Test
    void approveShowsTheStepsDescriptionAboveItsDeclaredOutputs(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = threeRows(robot);
        PendingRow row = rowsOnFx(pending).stream().filter(r -> "ManualReview".equals(r.stepName())).findFirst()
                .orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));
        robot.clickOn("#approveButton");
        waitUntil(() -> robot.lookup("#output-approved").tryQuery().isPresent());
        DialogPane dialog = (DialogPane) robot.lookup("#output-approved").query().getScene().getRoot();

        assertThat(robot.lookup("#stepDescription").queryAs(TextArea.class).getText())
                .startsWith("Check the preprocessed data before training");
        assertThat(robot.lookup("#output-reviewer").queryAs(TextField.class).getText()).isEqualTo("sandbox");
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ScrollPane outputs = dialog.lookupAll(".scroll-pane").stream()
                .map(javafx.scene.control.ScrollPane.class::cast)
                .filter(p -> p.getContent() instanceof javafx.scene.layout.VBox).findFirst().orElseThrow();
        assertThat(outputs.getViewportBounds().getHeight()).as("both outputs and their hints in view, unscrolled")
                .isGreaterThanOrEqualTo(((javafx.scene.layout.Region) outputs.getContent()).getHeight());
        assertLabelsWhole(dialog);
        robot.interact(() -> Screenshots.saveIfAsked(dialog.getScene(), "approve"));
        robot.interact(() -> ((Window) dialog.getScene().getWindow()).hide());
    }
}
