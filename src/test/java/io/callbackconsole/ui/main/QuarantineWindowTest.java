package io.callbackconsole.ui.main;

import static io.callbackconsole.ui.main.MainWindowTest.openTab;
import static io.callbackconsole.ui.main.MainWindowTest.text;
import static io.callbackconsole.ui.main.MainWindowTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryOptions;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.quarantine.QuarantineView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
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
 * The Quarantine tab's actions against a sandbox of its own per test (real ElasticMQ): copy the raw body,
 * pretty-print JSON, and delete a message after a confirmation, recorded in the history with the body's hash.
 */
@ExtendWith(ApplicationExtension.class)
class QuarantineWindowTest {
    static final String JSON_BODY = "{\"token\":\"short\",\"amount\":1.50,\"tags\":[\"a\",\"b\"]}";

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession()
            .withSandbox(new SandboxOptions(0, 0, false));

    Sandbox sandbox;
    MainViewModel model;
    final List<String> questions = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        sandbox = sandboxSession.sandbox();
        model = new MainViewModel(new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                s -> { }, List::of, "test"));
        MainWindow.show(stage, model);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    private String queue() {
        return sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst().orElseThrow();
    }

    /** Sends the body, opens the tab, waits for the message and selects it. */
    private QuarantinedMessage quarantined(FxRobot robot, String body, boolean confirm) throws Exception {
        sandbox.sqs().sendMessage(b -> b.queueUrl(queue()).messageBody(body));
        openTab(robot, "#quarantineTab");
        @SuppressWarnings("unchecked")
        TableView<QuarantinedMessage> table = robot.lookup("#quarantineTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(q -> q.message().body().equals(body)));
        QuarantinedMessage message = table.getItems().stream().filter(q -> q.message().body().equals(body))
                .findFirst().orElseThrow();
        robot.interact(() -> {
            table.getSelectionModel().select(message);
            robot.lookup(node -> node instanceof QuarantineView).queryAs(QuarantineView.class)
                    .confirmWith(question -> questions.add(question) && confirm);
        });
        waitUntil(() -> !text(robot, "#quarantineWhy").isEmpty());
        return message;
    }

    private static TextArea raw(FxRobot robot) {
        return robot.lookup("#quarantineRawBody").queryAs(TextArea.class);
    }

    private List<HistoryEntry> history() {
        try (HistoryStore store = HistoryStore.open(sandboxSession.historyFile(), "test",
                HistoryOptions.defaults().asReadOnly())) {
            return store.recentSubmissions(20);
        }
    }

    private static String sha256(String body) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theRawBodyIsCopiedExactlyAndJsonIsPrettyPrintedOnRequest(FxRobot robot) throws Exception {
        quarantined(robot, JSON_BODY, false);
        assertThat(raw(robot).getText()).isEqualTo(JSON_BODY);
        assertThat(raw(robot).isWrapText()).isTrue();

        robot.clickOn("#quarantineCopyButton");
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() -> copied.set(javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).isEqualTo(JSON_BODY);

        robot.clickOn("#quarantinePrettyToggle");
        assertThat(raw(robot).getText()).contains("\n").contains("\"amount\" : 1.50").contains("\"tags\" : [");
        assertThat(text(robot, "#quarantineLayoutNote")).isEmpty();
        robot.clickOn("#quarantinePrettyToggle");
        assertThat(raw(robot).getText()).isEqualTo(JSON_BODY);
    }

    @Test
    void aBodyThatIsNotJsonIsShownAsReceivedWhenPrettyPrintIsOn(FxRobot robot) throws Exception {
        quarantined(robot, "not json {at all", false);
        robot.clickOn("#quarantinePrettyToggle");
        assertThat(raw(robot).getText()).isEqualTo("not json {at all");
        assertThat(text(robot, "#quarantineLayoutNote")).contains("Not JSON");
    }

    @Test
    void aConfirmedDeleteIsRecordedWithTheBodyHashAndTheMessageIsGoneFromSqs(FxRobot robot) throws Exception {
        QuarantinedMessage message = quarantined(robot, JSON_BODY, true);
        String hash = sha256(JSON_BODY);

        robot.clickOn("#quarantineDeleteButton");

        assertThat(questions).singleElement().satisfies(q -> assertThat(q)
                .contains(message.message().messageId()).contains("manual-review"));
        waitUntil(() -> text(robot, "#quarantineResult").startsWith("Deleted message"));
        @SuppressWarnings("unchecked")
        TableView<QuarantinedMessage> table = robot.lookup("#quarantineTable").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().noneMatch(q -> q.message().body().equals(JSON_BODY)));
        assertThat(sandbox.sqs().getQueueAttributes(b -> b.queueUrl(queue()).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");

        HistoryEntry row = history().stream().filter(e -> e.submission().reason().text().contains(hash))
                .findFirst().orElseThrow();
        assertThat(row.submission().action()).isEqualTo(Action.DISMISS);
        assertThat(row.submission().token().value()).isEqualTo(hash.substring(0, 10));
        assertThat(row.submission().operator().name()).isEqualTo(System.getProperty("user.name"));
        assertThat(row.submission().reason().text()).contains(message.message().messageId());
        assertThat(row.outcome()).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void aDeleteThatFailsSaysSoKeepsTheRowAndIsRecordedAsNotDeleted(FxRobot robot) throws Exception {
        quarantined(robot, JSON_BODY, true);
        String hash = sha256(JSON_BODY);
        // The queue goes behind the console's back: SQS refuses the delete (AWS.SimpleQueueService.NonExistentQueue).
        sandbox.sqs().deleteQueue(b -> b.queueUrl(queue()));

        robot.clickOn("#quarantineDeleteButton");

        waitUntil(() -> text(robot, "#quarantineResult").contains("was not deleted"));
        // Snapshots that follow the result (the poller publishes one every 200 ms) still hold the message.
        Thread.sleep(1000);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<QuarantinedMessage> table = robot.lookup("#quarantineTable").queryAs(TableView.class);
        assertThat(table.getItems()).anyMatch(q -> q.message().body().equals(JSON_BODY));
        assertThat(robot.lookup("#quarantineResult").query().getStyleClass()).contains("result-error");
        HistoryEntry row = history().stream().filter(e -> e.submission().reason().text().contains(hash))
                .findFirst().orElseThrow();
        assertThat(row.outcome()).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.errorCode()).isEqualTo("SqsDeleteFailed");
            assertThat(refused.explanation()).contains("could not be deleted");
        });
    }

    @Test
    void aDeleteNotConfirmedDeletesNothing(FxRobot robot) throws Exception {
        quarantined(robot, JSON_BODY, false);
        robot.clickOn("#quarantineDeleteButton");
        assertThat(questions).hasSize(1);
        assertThat(text(robot, "#quarantineResult")).isEmpty();
        assertThat(history()).isEmpty();
    }
}
