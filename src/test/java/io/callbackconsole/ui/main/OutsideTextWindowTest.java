package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.openTab;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * Text from outside reaches the window's cells and detail panes escaped: a quarantined SQS body with a right-to-left
 * override and a terminal escape, and a history row (as an older console or an AWS error message could have written
 * it) with control characters, are shown with visible escapes, never obeyed.
 */
@ExtendWith(ApplicationExtension.class)
class OutsideTextWindowTest {
    static final String RLO = "\u202e";
    static final String ESC = "\u001b";
    /** The one-character CSI: SQS carries it (it refuses ESC itself), and terminals obey it as ESC [. */
    static final String CSI = "\u009b";

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession()
            .withSandbox(new SandboxOptions(0, 0, false));

    Sandbox sandbox;
    MainViewModel model;
    Path history;

    @Start
    void start(Stage stage) throws Exception {
        sandbox = sandboxSession.sandbox();
        history = sandboxSession.historyFile();
        // A row an older console wrote, whose AWS error message carried a terminal escape.
        try (HistoryStore store = HistoryStore.open(history, "test")) {
            Submission decision = Submission.fail(CallbackToken.of("OldRowTok1"), PipelineExecutionArn.of(
                    "arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/abcdefabcdef"),
                    FailureReason.of("old decision"), new Operator("alice"), ConnectionId.sandbox(), Instant.now());
            store.recordIntent(decision);
            store.recordOutcome(decision.requestToken(), new Outcome.Refused("ValidationException",
                    "bad" + ESC + "[2Jvalue " + RLO + "gnp.exe", "refused", "req-1"), Instant.now());
        }
        model = new MainViewModel(new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                s -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    @Test
    void aQuarantinedBodyAndAHistoryRowShowTheirControlCharactersEscaped(FxRobot robot) throws Exception {
        String queue = sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst().orElseThrow();
        sandbox.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("{\"token\": \"x" + RLO + "gnp.exe\",\n"
                + " \"note\": \"" + CSI + "2Jcleared\"}"));

        openTab(robot, "#quarantineTab");
        @SuppressWarnings("unchecked")
        TableView<QuarantinedMessage> quarantined = robot.lookup("#quarantineTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !quarantined.getItems().isEmpty());
        robot.interact(() -> quarantined.getSelectionModel().select(0));
        TextArea raw = robot.lookup("#quarantineRawBody").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !raw.getText().isEmpty());
        assertThat(raw.getText()).contains("x\\u202egnp.exe").contains("\\u009b2Jcleared")
                .doesNotContain(RLO).doesNotContain(CSI).as("line breaks stay layout").contains("\n");
        List<String> cells = robot.lookup("#quarantineTable .table-cell").queryAllAs(javafx.scene.control.TableCell.class)
                .stream().map(cell -> cell.getText() == null ? "" : cell.getText()).toList();
        assertThat(cells).noneMatch(text -> text.contains(RLO) || text.contains(CSI));

        openTab(robot, "#historyTab");
        @SuppressWarnings("unchecked")
        TableView<Object> decisions = robot.lookup("#decisionTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> decisions.getItems().stream()
                .anyMatch(java.util.Objects::nonNull));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#decisionTable .table-cell")
                .queryAllAs(javafx.scene.control.TableCell.class).stream()
                .anyMatch(cell -> cell.getText() != null && cell.getText().contains("bad\\u001b[2Jvalue")));
        assertThat(robot.lookup("#decisionTable .table-cell").queryAllAs(javafx.scene.control.TableCell.class))
                .noneMatch(cell -> cell.getText() != null && (cell.getText().contains(ESC) || cell.getText()
                        .contains(RLO)));
        robot.interact(() -> decisions.getSelectionModel().select(0));
        TextArea detail = robot.lookup("#historyDetail").queryAs(TextArea.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> detail.getText().contains("OldRowTok1"));
        assertThat(detail.getText()).contains("bad\\u001b[2Jvalue \\u202egnp.exe").doesNotContain(ESC)
                .doesNotContain(RLO);
    }
}
