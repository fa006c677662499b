package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.rowsOnFx;
import static io.callbackconsole.ui.main.MainWindowTest.table;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.pending.DecisionNotice;
import io.callbackconsole.ui.pending.PendingRow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Approve dialog and Find waiting, as an operator uses them, against a fresh sandbox per test. */
@ExtendWith(ApplicationExtension.class)
class ApproveAndDiscoveryWindowTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    ConnectionSettings local;
    MainViewModel model;
    final java.util.concurrent.atomic.AtomicInteger sessionsOpened = new java.util.concurrent.atomic.AtomicInteger();

    @Start
    void start(Stage stage) {
        sandbox = sandboxSession.sandbox();
        local = sandboxSession.connection();
        model = new MainViewModel(new ConsoleEnvironment(requested -> {
            sessionsOpened.incrementAndGet();
            return sandboxSession.opener().open(requested);
        }, local, settings -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    @Test
    void theApproveDialogRefusesATextDirectionCharacterThenSendsTheChosenAndPreFilledOutputs(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> "ManualReview".equals(r.stepName())));
        PendingRow row = rowsOnFx(pending).stream().filter(r -> "ManualReview".equals(r.stepName())).findFirst()
                .orElseThrow();
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(row)));
        waitUntil(() -> text(robot, "#detailToken").equals(row.token()));

        robot.clickOn("#approveButton");
        waitUntil(() -> robot.lookup("#output-approved").tryQuery().isPresent());
        DialogPane dialog = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Node ok = dialog.lookupButton(ButtonType.OK);

        // The step's description in the sandbox's pipeline definition is on top.
        assertThat(robot.lookup("#stepDescription").queryAs(javafx.scene.control.TextArea.class).getText())
                .startsWith("Check the preprocessed data before training");
        // Approved is a true/false choice; the reviewer is pre-filled with the sandbox identity's session name.
        assertThat(robot.lookup("#output-reviewer").queryAs(TextField.class).getText()).isEqualTo("sandbox");
        robot.interact(() -> robot.lookup("#output-reviewer").queryAs(TextField.class).setText("alice\u202E"));
        assertThat(text(robot, "#approveProblem")).contains("reviewer");
        assertThat(ok.isDisabled()).isTrue();

        robot.interact(() -> robot.lookup("#output-reviewer").queryAs(TextField.class).setText("alice"));
        robot.interact(() -> robot.lookup("#output-approved").queryAs(ChoiceBox.class).getSelectionModel()
                .select("true"));
        assertThat(text(robot, "#approveProblem")).isEmpty();
        assertThat(ok.isDisabled()).isFalse();
        robot.clickOn(ok);

        waitUntil(() -> rowsOnFx(pending).stream().noneMatch(r -> r.token().equals(row.token())));
        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess");
        assertThat(calls).singleElement().satisfies(call -> assertThat(call.requestBody())
                .contains(row.token()).contains("\"approved\"").contains("\"true\"").contains("alice"));
    }

    @Test
    void findWaitingAddsATokenWhoseMessageIsGone(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3);
        String executionArn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(executionArn, "ManualReview");
        // Another consumer takes the new message before this console sees it.
        String queue = sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst().orElseThrow();
        // Hidden while it is taken (a visible message could be received by the console meanwhile, which makes this
        // receipt handle invalid), then deleted.
        boolean taken = false;
        for (int attempt = 0; attempt < 50 && !taken; attempt++) {
            for (var m : sandbox.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10)
                    .visibilityTimeout(30)).messages()) {
                if (m.body().contains(token)) {
                    sandbox.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
                    taken = true;
                } else {
                    sandbox.sqs().changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())
                            .visibilityTimeout(0));
                }
            }
        }
        assertThat(taken).as("the test took the new message before the console").isTrue();

        robot.clickOn("#findWaitingButton");

        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> r.token().equals(token)));
        PendingRow found = rowsOnFx(pending).stream().filter(r -> r.token().equals(token)).findFirst().orElseThrow();
        assertThat(found.callback().onlyFoundViaSageMaker()).isTrue();
        assertThat(found.sourceText()).containsIgnoringCase("SageMaker");
        waitUntil(() -> text(robot, "#findProgress").startsWith("As of "));
        assertThat(text(robot, "#findProgress")).matches("As of \\d\\d:\\d\\d: \\d+ waiting callbacks? in .*");
    }

    @Test
    void switchingConnectionsLeavesNothingOfThePreviousOneInThePendingView(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3);
        robot.clickOn("#findWaitingButton");
        waitUntil(() -> text(robot, "#findProgress").startsWith("As of "));
        PendingRow first = pending.getItems().get(0);
        PendingRow second = pending.getItems().get(1);
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(first)));
        waitUntil(() -> text(robot, "#detailToken").equals(first.token()));
        robot.clickOn("#reasonField").write("Draft typed on the first connection");
        // A release's result in the decision pane, and its notice titled for what it did.
        List<DecisionNotice> notices = new CopyOnWriteArrayList<>();
        robot.interact(() -> model.pending().onNotice(notices::add));
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(second)));
        waitUntil(() -> text(robot, "#detailToken").equals(second.token()));
        robot.clickOn("#releaseButton");
        waitUntil(() -> text(robot, "#submissionResult").startsWith("Released token " + second.token()));
        // The notice follows the result in the same FX pulse; this thread may look in between.
        waitUntil(() -> !notices.isEmpty());
        assertThat(notices).singleElement().satisfies(n -> assertThat(n.title()).isEqualTo("Released"));
        robot.interact(() -> pending.getSelectionModel().selectAll());
        robot.interact(() -> model.pending().bulk().reasonProperty().set("Bulk draft"));

        robot.interact(() -> model.connect(local));

        waitUntil(() -> text(robot, "#findProgress").isEmpty());
        assertThat(pending.getSelectionModel().getSelectedItems()).isEmpty();
        assertThat(model.pending().table().chosenRows()).isEmpty();
        assertThat(model.pending().decision().lastResultProperty().get()).isEmpty();
        assertThat(model.pending().bulk().reasonProperty().get()).isEmpty();
        assertThat(model.pending().bulk().outcomes()).isEmpty();
        // The same token on the new connection starts without the old connection's draft.
        waitUntil(() -> rowsOnFx(pending).stream().anyMatch(r -> r.token().equals(first.token())));
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(pending.getItems()
                .stream().filter(r -> r.token().equals(first.token())).findFirst().orElseThrow())));
        waitUntil(() -> text(robot, "#detailToken").equals(first.token()));
        assertThat(text(robot, "#reasonField")).isEmpty();
    }

    @Test
    void reconnectingAfterASignInBringsBackTheReasonsTypedOnThatConnection(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3);
        String first = pending.getItems().get(0).token();
        String second = pending.getItems().get(1).token();
        select(robot, pending, first);
        robot.clickOn("#reasonField").write("Drift in the amount column, see OPS-42");
        select(robot, pending, second);
        robot.clickOn("#reasonField").write("Second draft");
        int sessionsBefore = sessionsOpened.get();

        // What Sign in… does once the operator signed in: the same connection, opened again.
        robot.interact(() -> model.reconnect());
        waitUntil(() -> sessionsOpened.get() > sessionsBefore);
        waitUntil(() -> rowsOnFx(pending).stream().filter(r -> r.token().equals(first) || r.token().equals(second))
                .count() == 2);

        select(robot, pending, first);
        assertThat(text(robot, "#reasonField")).isEqualTo("Drift in the amount column, see OPS-42");
        select(robot, pending, second);
        assertThat(text(robot, "#reasonField")).as("the draft of the row selected while reconnecting")
                .isEqualTo("Second draft");
    }

    @Test
    void reconnectingSelectsTheRowSelectedBeforeAgainWithItsDraft(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3);
        String second = pending.getItems().get(1).token();
        select(robot, pending, second);
        robot.clickOn("#reasonField").write("Typed before the session ran out");
        int sessionsBefore = sessionsOpened.get();

        robot.interact(() -> model.reconnect());
        waitUntil(() -> sessionsOpened.get() > sessionsBefore);

        // No click: the row comes back selected, and the detail pane shows it with its draft.
        waitUntil(() -> text(robot, "#detailToken").equals(second));
        assertThat(pending.getSelectionModel().getSelectedItems()).extracting(PendingRow::token)
                .containsExactly(second);
        assertThat(text(robot, "#reasonField")).isEqualTo("Typed before the session ran out");
    }

    @Test
    void reconnectingSelectsEveryRowSelectedTogetherBeforeAgain(FxRobot robot) throws Exception {
        TableView<PendingRow> pending = table(robot, "#pendingTable");
        waitUntil(() -> pending.getItems().size() == 3);
        String first = pending.getItems().get(0).token();
        String third = pending.getItems().get(2).token();
        robot.interact(() -> {
            pending.getSelectionModel().clearSelection();
            pending.getSelectionModel().select(0);
            pending.getSelectionModel().select(2);
        });
        waitUntil(() -> model.pending().table().chosenRows().size() == 2);
        int sessionsBefore = sessionsOpened.get();

        robot.interact(() -> model.reconnect());
        waitUntil(() -> sessionsOpened.get() > sessionsBefore);

        // The rows come back with the polls after the reconnect, perhaps not all in the first: the selection is
        // restored as they come, the focused row last once every one is back.
        waitUntil(() -> model.pending().table().chosenRows().size() == 2
                && model.pending().table().selectedProperty().get() != null
                && model.pending().table().selectedProperty().get().token().equals(third));
        assertThat(model.pending().table().chosenRows()).extracting(PendingRow::token)
                .containsExactlyInAnyOrder(first, third);
        assertThat(pending.getSelectionModel().getSelectedItems()).extracting(PendingRow::token)
                .containsExactlyInAnyOrder(first, third);
        assertThat(model.pending().table().selectedProperty().get().token()).as("the focused row stays focused")
                .isEqualTo(third);
        assertThat(model.pending().bulk().targets()).hasSize(2);
    }

    private void select(FxRobot robot, TableView<PendingRow> pending, String token) throws Exception {
        robot.interact(() -> pending.getSelectionModel().clearAndSelect(pending.getItems().indexOf(pending.getItems()
                .stream().filter(r -> r.token().equals(token)).findFirst().orElseThrow())));
        waitUntil(() -> text(robot, "#detailToken").equals(token));
    }
}
