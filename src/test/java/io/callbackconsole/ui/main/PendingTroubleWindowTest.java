package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.rowsOnFx;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.FaultProxy;
import io.callbackconsole.testing.Screenshots;
import io.callbackconsole.testing.TestPollerSettings;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.PendingRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole window at 1280×800 when something goes wrong on the wire: SQS stops answering (the "Cannot poll" banner,
 * rows marked with the time of the last good poll), a decision's answer is lost (the row's retry line with its
 * deadline). Also draws the README's pictures of both ({@code -Dcallbackconsole.screenshots=assets/screenshots}).
 */
@ExtendWith(ApplicationExtension.class)
class PendingTroubleWindowTest {
    @TempDir
    static Path dataDir;

    Sandbox sandbox;
    FaultProxy sqs;
    MainViewModel model;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** The window on a fresh sandbox, started off the FX thread (a sandbox takes seconds on a busy machine). */
    void open(FxRobot robot) {
        sandbox = Sandbox.start(SandboxOptions.defaults());
        sqs = FaultProxy.start(sandbox.sqsEndpoint());
        // The sandbox, with SQS reached through a proxy that can stop answering.
        ConnectionSettings local = new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                sqs.endpoint(), sandbox.sageMakerEndpoint(), sandbox.stsEndpoint())
                .withIamEndpoint(sandbox.iamEndpoint());
        Path history = dataDir.resolve("history-" + UUID.randomUUID() + ".db");
        ConsoleEnvironment environment = new ConsoleEnvironment(connection -> {
            ConsoleSession session = ConsoleSession.open(local, history, "test", TestPollerSettings.FAST);
            session.decisions().retryUnknownOutcomes(Duration.ofSeconds(30), Duration.ofSeconds(60));
            return session;
        }, local, settings -> { }, List::of, "test");
        robot.interact(() -> {
            model = new MainViewModel(environment);
            MainWindow.show(stage, model);
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        if (model != null) {
            robot.interact(() -> model.close());
            model.awaitClosed(10_000);
        }
        if (sqs != null) {
            sqs.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Both sample executions' rows, looked up in SageMaker, the manual-approval one selected. */
    PendingRow selectManualApproval(FxRobot robot) throws Exception {
        open(robot);
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() >= 2 && rowsOnFx(pending).stream()
                .allMatch(r -> r.executionStatus().equals("Executing")));
        waitUntil(() -> text(robot, "#connectionLabel").startsWith("SANDBOX (callback-sandbox)"));
        PendingRow row = rowsOnFx(pending).stream().filter(r -> r.pipelineName().equals("manual-approval"))
                .findFirst().orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        return row;
    }

    @Test
    void whenSqsStopsAnsweringTheBannerSaysWhySinceWhenAndNextTryAndTheRowsSayHowOldTheyAre(FxRobot robot)
            throws Exception {
        selectManualApproval(robot);
        Label banner = robot.lookup("#pollBanner").queryAs(Label.class);
        assertThat(banner.isVisible()).isFalse();

        sqs.always(FaultProxy.Fault.APPLY_THEN_GATEWAY_TIMEOUT);

        waitUntil(() -> banner.isVisible() && banner.getText().startsWith("Cannot poll: "));
        assertThat(banner.getText()).contains("Last successful poll at").contains("the rows shown are as of")
                .contains("Next try at about");
        // One sentence for an outage of every queue, and nothing of what a decision would need: a poll changes nothing.
        waitUntil(() -> banner.getText().contains("manual-review, data-quality, release-approvals: AWS, or a gateway"));
        assertThat(banner.getText()).containsOnlyOnce("server error (HTTP 504)")
                .doesNotContainIgnoringCase("took effect").doesNotContain("recover");
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> rowsOnFx(pending).stream().allMatch(r -> r.statusLine().matches("Executing · as of "
                + "\\d\\d:\\d\\d")));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "pending-cannot-poll"));

        sqs.always(FaultProxy.Fault.PASS_THROUGH);
        waitUntil(() -> !banner.isVisible());
        assertThat(pending.getItems()).as("the rows it held are kept")
                .allSatisfy(r -> assertThat(r.statusLine()).isEqualTo("Executing"));
    }

    @Test
    void aDecisionWhoseAnswerIsLostSaysWhenItIsSentAgainAndUntilWhenInTheRowAndThePane(FxRobot robot)
            throws Exception {
        PendingRow row = selectManualApproval(robot);
        sandbox.simulator().faults().inject("SendPipelineExecutionStepFailure",
                SimulatorFaults.Kind.DROP_AFTER_APPLY, 100);
        robot.clickOn("#reasonField").write("Model drift above threshold");
        robot.clickOn("#submitButton");

        String retry = "outcome unknown — retrying in \\d+ s \\(attempt 2\\) until \\d\\d:\\d\\d";
        waitUntil(() -> text(robot, "#retryStatus").matches(retry));
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> r.token().equals(row.token())
                && r.statusLine().matches("Executing · " + retry)));
        Node giveUp = robot.lookup("#giveUpButton").query();
        waitUntil(() -> giveUp.isVisible() && giveUp.getLayoutBounds().getWidth() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        Label retryLine = robot.lookup("#retryStatus").queryAs(Label.class);
        // Shown whole: on one line or wrapped, never cut to "… until 04:…" (the skin's text node holds what is drawn).
        // Read on the FX thread: text laid out from the test thread raced the FX thread's layout of it once in CI
        // (ArrayIndexOutOfBoundsException in PrismTextLayout).
        String[] drawnAndWhole = WaitForAsyncUtils.asyncFx(() -> new String[] {
            ((javafx.scene.text.Text) retryLine.lookup(".text")).getText(), retryLine.getText()})
                .get(10, TimeUnit.SECONDS);
        assertThat(drawnAndWhole[0]).as("the retry line and its deadline are not cut").isEqualTo(drawnAndWhole[1]);
        double[] heightAndNeeded = WaitForAsyncUtils.asyncFx(() -> new double[] {
            retryLine.getHeight(), retryLine.prefHeight(retryLine.getWidth())}).get(10, TimeUnit.SECONDS);
        assertThat(heightAndNeeded[0]).as("every wrapped line has room")
                .isGreaterThanOrEqualTo(heightAndNeeded[1] - 0.5);
        assertThat(robot.lookup("#submitButton").queryButton().isDisabled())
                .as("no second decision while the first is still being sent").isTrue();
        assertThat(text(robot, "#submitBlockedReason")).startsWith("Its earlier decision is still being sent");
        assertThat(robot.lookup("#approveButton").queryButton().isDisabled())
                .as("no approval either while the failure is still being sent").isTrue();
        robot.interact(() -> Screenshots.saveIfAsked(stage.getScene(), "pending-outcome-unknown"));

        // The failure was applied (only its answer was lost): SageMaker soon shows the step failed and the row goes
        // stale. Dismissing it would be a second decision beside the unsettled one.
        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> r.token().equals(row.token()) && r.stale()));
        waitUntil(() -> robot.lookup("#dismissButton").query().isVisible());
        assertThat(robot.lookup("#dismissButton").queryButton().isDisabled())
                .as("no dismissal while the failure is still being sent").isTrue();
        assertThat(text(robot, "#submitBlockedReason")).startsWith("Its earlier decision is still being sent");
    }
}
