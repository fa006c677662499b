package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.openTab;
import static io.callbackconsole.ui.main.MainWindowTest.rowsOnFx;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.PipelineParameter;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.DecisionNotice;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.pending.PendingView;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The pipeline context, stale rows and stop acknowledgements on screen, against a fresh sandbox per test. */
@ExtendWith(ApplicationExtension.class)
class PendingContextWindowTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    MainViewModel model;

    @Start
    void start(Stage stage) {
        sandbox = sandboxSession.sandbox();
        ConnectionSettings local = sandboxSession.connection();
        ConsoleEnvironment environment = new ConsoleEnvironment(connection -> {
            ConsoleSession session = sandboxSession.opener().open(connection);
            // Slow enough that a test reads the next retry before it is due.
            session.decisions().retryUnknownOutcomes(Duration.ofSeconds(30), Duration.ofSeconds(60));
            return session;
        }, local, settings -> { }, List::of, "test");
        model = new MainViewModel(environment);
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    /** The manual-approval row once its context is looked up, selected. */
    PendingRow selectManualApproval(FxRobot robot, java.util.function.Predicate<PendingRow> ready) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> r.pipelineName().equals("manual-approval")
                && ready.test(r)));
        PendingRow row = rowsOnFx(pending).stream().filter(r -> r.pipelineName().equals("manual-approval")
                && ready.test(r)).findFirst().orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));
        return row;
    }

    @Test
    void theDetailPaneShowsTheExecutionStepParametersAndAConsoleLink(FxRobot robot) throws Exception {
        PendingRow row = selectManualApproval(robot, r -> r.executionStatus().equals("Executing"));

        waitUntil(() -> text(robot, "#detailStep").startsWith("ManualReview · Executing · attempt 1"));
        assertThat(row.stepName()).isEqualTo("ManualReview");
        assertThat(text(robot, "#detailExecutionStatus")).isEqualTo("Executing");
        assertThat(text(robot, "#detailStartedBy")).isEqualTo("sandbox-user (d-sandbox)");
        assertThat(text(robot, "#detailPipeline")).isEqualTo("manual-approval");
        TableView<PipelineParameter> parameters = table(robot, "#detailParameters");
        assertThat(parameters.getItems()).extracting(PipelineParameter::name).containsExactly("InputData", "Threshold");
        assertThat(robot.lookup("#consoleLink").queryLabeled().getText()).as("no AWS console shows the sandbox's runs")
                .contains("off in the sandbox");
        assertThat(robot.lookup("#consoleLink").query().isDisabled()).isTrue();
        Button approve = robot.lookup("#approveButton").queryButton();
        assertThat(approve.isVisible()).isTrue();
        assertThat(approve.isDisabled()).isFalse();
    }

    @Test
    void aStaleRowCannotBeSubmittedAndIsDismissedOnRecord(FxRobot robot) throws Exception {
        PendingRow fresh = selectManualApproval(robot, r -> r.executionStatus().equals("Executing"));
        sandbox.simulator().finishCallbackStep(fresh.token(), "Succeeded");
        robot.interact(() -> model.refresh());

        PendingRow stale = selectManualApproval(robot, r -> r.token().equals(fresh.token()) && r.stale());
        assertThat(stale.statusText()).startsWith("Stale: step Succeeded at");
        robot.interact(() -> robot.lookup("#reasonField").queryAs(TextArea.class).setText("Too late anyway"));
        Button submit = robot.lookup("#submitButton").queryButton();
        assertThat(submit.isDisabled()).isTrue();
        assertThat(submit.isVisible()).isFalse();
        assertThat(text(robot, "#submitBlockedReason")).contains("can no longer be answered").contains("Dismiss");
        int failuresBefore = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();

        List<String> questions = new CopyOnWriteArrayList<>();
        List<DecisionNotice> notices = new CopyOnWriteArrayList<>();
        robot.interact(() -> {
            robot.lookup(".pending-view").queryAs(PendingView.class).confirmWith(question -> questions.add(question));
            model.pending().onNotice(notices::add);
        });
        Button dismiss = robot.lookup("#dismissButton").queryButton();
        assertThat(dismiss.isVisible()).isTrue();
        robot.clickOn(dismiss);
        assertThat(questions).singleElement().satisfies(q -> assertThat(q)
                .startsWith("Dismiss 1 callback: token " + fresh.token() + " (manual-approval / ManualReview)?")
                .contains("with the reason \"step Succeeded").contains("cannot be undone"));
        // A dismissal sends nothing to SageMaker: its notice does not say "Submitted".
        waitUntil(() -> !notices.isEmpty());
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.title()).isEqualTo("Dismissed"));

        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(fresh.token())));
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).hasSize(failuresBefore);
        openTab(robot, "#historyTab");
        robot.clickOn("#showEvents"); // the raw rows; the tab opens on one row per decision
        TableView<AuditRecord> history = table(robot, "#historyTable");
        // The dismissal's intent and its outcome, newest first.
        waitUntil(() -> history.getItems().size() == 2 && history.getItems().get(1) != null);
        AuditRecord intent = history.getItems().get(1);
        assertThat(intent.get(AuditColumn.KIND)).isEqualTo("INTENT");
        assertThat(intent.get(AuditColumn.ACTION)).isEqualTo("DISMISS");
        assertThat(intent.get(AuditColumn.CALLBACK_TOKEN)).isEqualTo(fresh.token());
        assertThat(intent.get(AuditColumn.REASON)).startsWith("Dismissed: step Succeeded");
    }

    @Test
    void aSuccessMessageLeavesTheDecisionPaneWhenAnotherRowIsSelected(FxRobot robot) throws Exception {
        PendingRow row = selectManualApproval(robot, r -> r.executionStatus().equals("Executing"));
        robot.clickOn("#reasonField").write("Wrong data");
        assertThat(robot.lookup("#submitButton").queryButton().getText())
                .isEqualTo("Fail " + row.token() + " (manual-approval / ManualReview)");
        robot.clickOn("#submitButton");
        waitUntil(() -> text(robot, "#submissionResult").startsWith("Step failed for token " + row.token()));
        waitUntil(() -> !model.pending().decision().submittingProperty().get());

        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(row.token())));
        // The table may have moved the selection to a neighbour when the answered row left: the message stays
        // until the operator selects another row.
        assertThat(text(robot, "#submissionResult")).startsWith("Step failed for token " + row.token());
        PendingRow other = rowsOnFx(pending).stream().filter(r -> r != pending.getSelectionModel().getSelectedItem())
                .findFirst().orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(other)));
        waitUntil(() -> text(robot, "#detailToken").equals(other.token()));

        assertThat(text(robot, "#submissionResult")).isEmpty();
        assertThat(text(robot, "#reasonField")).as("the sent reason is not armed for the next row").isEmpty();
    }

    @Test
    void anUnansweredDecisionShowsItsNextRetryAndGivingUpIsConfirmedWithItsReason(FxRobot robot) throws Exception {
        PendingRow row = selectManualApproval(robot, r -> r.executionStatus().equals("Executing"));
        // Every answer is lost: the decision stays unknown and is retried in the background.
        sandbox.simulator().faults().inject("SendPipelineExecutionStepFailure",
                SimulatorFaults.Kind.DROP_AFTER_APPLY, 100);
        robot.clickOn("#reasonField").write("Answer will be lost");
        robot.clickOn("#submitButton");

        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> text(robot, "#retryStatus")
                .matches("outcome unknown — retrying in \\d+ s \\(attempt 2\\) until \\d\\d:\\d\\d"));
        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> r.token().equals(row.token())
                && r.statusLine().contains("outcome unknown — retrying in")));
        Button giveUp = robot.lookup("#giveUpButton").queryButton();
        // Shown by the decision view on the snapshot after the row's retry state: a pulse later, on a loaded machine.
        waitUntil(giveUp::isVisible);
        // Enabled once the submission that went unanswered has finished on the FX thread, too.
        waitUntil(() -> giveUp.getWidth() > 0 && !giveUp.isDisabled());
        assertThat(giveUp.getWidth()).as("never cut to \"Give up ret…\"").isGreaterThanOrEqualTo(
                giveUp.prefWidth(-1) - 0.5);

        List<String> questions = new CopyOnWriteArrayList<>();
        robot.interact(() -> robot.lookup(".pending-view").queryAs(PendingView.class).confirmWith(
                question -> questions.add(question)));
        // The submission's result line came with the enabling: the pane is laid out anew before the button is hit.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(giveUp);

        assertThat(questions).singleElement().satisfies(q -> assertThat(q)
                .contains("with the reason \"Answer will be lost\"").contains("1 callback: token " + row.token())
                .contains("manual-approval"));
        waitUntil(() -> text(robot, "#retryStatus").isEmpty() && !giveUp.isVisible());
    }

    @Test
    void acknowledgingAStopSendsTheDefaultReasonAndTheExecutionStops(FxRobot robot) throws Exception {
        PendingRow fresh = selectManualApproval(robot, r -> r.executionStatus().equals("Executing"));
        String arn = fresh.callback().executionArn().value();
        sandbox.simulator().stopExecution(arn);
        robot.interact(() -> model.refresh());

        selectManualApproval(robot, r -> r.token().equals(fresh.token()) && r.stopRequested()
                && r.executionStatus().equals("Stopping"));
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        assertThat(rowsOnFx(pending).stream().filter(r -> r.token().equals(fresh.token()))).singleElement()
                .satisfies(r -> assertThat(r.statusText()).isEqualTo("Stop requested"));
        waitUntil(() -> text(robot, "#detailStatus").equals("Stop requested"));
        Button acknowledge = robot.lookup("#acknowledgeStopButton").queryButton();
        assertThat(acknowledge.isVisible()).isTrue();
        assertThat(robot.lookup("#submitButton").queryButton().isVisible()).isFalse();
        assertThat(robot.lookup("#approveButton").queryButton().isVisible()).isFalse();
        assertThat(text(robot, "#reasonField")).startsWith("Stop acknowledged by " + System.getProperty("user.name"));
        assertThat(acknowledge.getText()).isEqualTo("Acknowledge stop of " + fresh.token()
                + " (manual-approval / ManualReview)");

        // The offered stop reason belongs to the stopping row: another row does not get it, and it comes back.
        PendingRow other = rowsOnFx(pending).stream().filter(r -> !r.token().equals(fresh.token())).findFirst()
                .orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(other)));
        waitUntil(() -> text(robot, "#detailToken").equals(other.token()));
        assertThat(text(robot, "#reasonField")).isEmpty();
        assertThat(robot.lookup("#submitButton").queryButton().isDisabled()).isTrue();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(pending.getItems()
                .stream().filter(r -> r.token().equals(fresh.token())).findFirst().orElseThrow())));
        waitUntil(() -> text(robot, "#detailToken").equals(fresh.token()));
        assertThat(text(robot, "#reasonField")).startsWith("Stop acknowledged by ");

        robot.clickOn(acknowledge);

        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(fresh.token())));
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).singleElement()
                .satisfies(call -> assertThat(call.requestBody()).contains("Stop acknowledged by"));
        try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(sandbox.sageMakerEndpoint())
                .region(Region.of(sandbox.region())).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("sandbox", "sandbox"))).build()) {
            assertThat(sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn))
                    .pipelineExecutionStatusAsString()).isEqualTo("Stopped");
        }
    }
}
