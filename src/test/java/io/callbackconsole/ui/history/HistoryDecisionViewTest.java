package io.callbackconsole.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.controlsfx.control.table.TableRowExpanderColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The History tab as an auditor opens it: one row per decision at 1280×800, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class HistoryDecisionViewTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    /** Every labelled control of the two toolbars. */
    private static final List<String> TOOLBAR = List.of("#historyCount", "#showDecisions", "#showEvents",
            "#reloadButton", "#verifyButton", "#exportCsvButton", "#exportJsonButton", "#clearFiltersButton");

    @TempDir
    Path dir;
    Path file;
    FxTaskExecutor background;
    HistoryViewModel model;

    /**
     * Three decisions: one retried twice without an answer and then accepted (4 rows), one refused (2 rows), one in
     * flight (1 row).
     */
    @Start
    void start(Stage stage) {
        file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            Submission retried = submission("RetryTok01", "Drift in the amount column", 0);
            store.recordIntent(retried, "ManualReview", null);
            store.recordOutcome(retried.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out",
                    "No answer."), T0.plusSeconds(5));
            store.recordOutcome(retried.requestToken(), new Outcome.Unknown("InternalFailure", "HTTP 500",
                    "No answer."), T0.plusSeconds(10));
            store.recordOutcome(retried.requestToken(), new Outcome.Accepted(ARN, "req-3"), T0.plusSeconds(20));
            Submission refused = submission("RefuseTok1", "Threshold too low", 60);
            store.recordIntent(refused, "ManualReview", null);
            store.recordOutcome(refused.requestToken(), new Outcome.Refused("ResourceNotFound",
                    "Callback token not found", "The step is no longer waiting.", "req-r"), T0.plusSeconds(61));
            store.recordIntent(submission("FlightTok1", "Second opinion", 120), "ManualReview", null);
        }
        background = new FxTaskExecutor("test-history-decisions", 4, true);
        model = new HistoryViewModel();
        stage.setScene(new Scene(new HistoryView(model), 1280, 800));
        stage.show();
        model.open(file, background);
    }

    private static Submission submission(String token, String reason, int second) {
        return new Submission(new ClientRequestToken("request-" + token + "-0123456789abcdefghijkl"), Action.FAIL,
                CallbackToken.of(token), PipelineExecutionArn.of(ARN), FailureReason.of(reason),
                new Operator("alice"), ConnectionId.sandbox(), T0.plusSeconds(second));
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        background.close();
    }

    /** As {@link HistoryViewTest#waitUntil}: the condition read on the FX thread. */
    static void waitUntil(Callable<Boolean> condition) throws Exception {
        HistoryViewTest.waitUntil(condition);
    }

    @SuppressWarnings("unchecked")
    private static TableView<DecisionRecord> decisions(FxRobot robot) {
        return robot.lookup("#decisionTable").queryAs(TableView.class);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void eachDecisionIsOneRowAndItsRawEventsExpandUnderIt(FxRobot robot) throws Exception {
        TableView<DecisionRecord> table = decisions(robot);
        waitUntil(() -> table.getItems().size() == 3 && table.getItems().get(2) != null);
        assertThat(label(robot, "#historyCount")).isEqualTo("3 decisions");
        assertThat(table.getItems()).extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN))
                .containsExactly("FlightTok1", "RefuseTok1", "RetryTok01");
        // The reason sits near the left: right after time, operator, action and token.
        List<String> visible = table.getVisibleLeafColumns().stream().map(TableColumn::getText).toList();
        assertThat(visible.subList(1, 7)).containsExactly("Time (UTC)", "Operator", "Action", "Token", "Reason",
                "Outcome");
        assertThat(cell(table, 0, DecisionColumn.OUTCOME)).isEqualTo("in flight");
        assertThat(cell(table, 2, DecisionColumn.OUTCOME)).isEqualTo("ACCEPTED");
        assertThat(cell(table, 2, DecisionColumn.ATTEMPTS)).isEqualTo("3");
        assertThat(cell(table, 1, DecisionColumn.ERROR_CODE)).isEqualTo("ResourceNotFound");
        assertThat(robot.lookup("#decisionEvents").tryQuery()).as("nothing expanded yet").isEmpty();

        @SuppressWarnings("unchecked")
        TableRowExpanderColumn<DecisionRecord> expander = (TableRowExpanderColumn<DecisionRecord>)
                table.getColumns().get(0);
        robot.interact(() -> expander.toggleExpanded(2));
        waitUntil(() -> robot.lookup("#decisionEvents").tryQuery().isPresent());

        @SuppressWarnings("unchecked")
        TableView<AuditRecord> events = robot.lookup("#decisionEvents").queryAs(TableView.class);
        assertThat(events.isVisible()).isTrue();
        assertThat(events.getItems()).extracting(e -> e.get(AuditColumn.KIND), e -> e.get(AuditColumn.OUTCOME))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INTENT", null),
                        org.assertj.core.groups.Tuple.tuple("OUTCOME", "UNKNOWN"),
                        org.assertj.core.groups.Tuple.tuple("OUTCOME", "UNKNOWN"),
                        org.assertj.core.groups.Tuple.tuple("OUTCOME", "ACCEPTED"));
        assertThat(events.getHeight()).as("tall enough for its four rows").isGreaterThanOrEqualTo(5 * 24);

        robot.interact(() -> events.getSelectionModel().select(1));
        assertThat(robot.lookup("#historyDetail").queryAs(TextArea.class).getText())
                .contains("Error code: RequestTimeout").contains("Hash: " + events.getItems().get(1).get(AuditColumn.HASH));
        robot.interact(() -> table.getSelectionModel().select(2));
    }

    @Test
    void aReasonWordFindsItsDecisionAndTheDetailShowsEveryField(FxRobot robot) throws Exception {
        TableView<DecisionRecord> table = decisions(robot);
        waitUntil(() -> table.getItems().size() == 3);

        robot.clickOn("#historySearch").write("drift");
        waitUntil(() -> table.getItems().size() == 1 && label(robot, "#historyCount").equals("1 decision"));
        DecisionRecord found = table.getItems().get(0);
        assertThat(found.get(DecisionColumn.CALLBACK_TOKEN)).isEqualTo("RetryTok01");
        assertThat(found.events()).as("the decision with all its rows, not only the intent").hasSize(4);

        robot.interact(() -> table.getSelectionModel().select(0));
        String detail = robot.lookup("#historyDetail").queryAs(TextArea.class).getText();
        for (DecisionColumn column : DecisionColumn.values()) {
            assertThat(detail).contains(column.title() + ": ");
        }
        assertThat(detail).contains("Reason: Drift in the amount column").contains("Attempts: 3")
                .contains("Event seqs: 1 2 3 4").contains("── Intent (seq 1) ──").contains("── Outcome 3 (seq 4) ──");
        for (AuditRecord event : found.events()) {
            assertThat(detail).contains("Hash: " + event.get(AuditColumn.HASH));
        }

        // Raw events keep their own view of the same filter, counted as rows.
        robot.clickOn("#showEvents");
        @SuppressWarnings("unchecked")
        TableView<AuditRecord> rows = robot.lookup("#historyTable").queryAs(TableView.class);
        waitUntil(() -> rows.getItems().size() == 1 && label(robot, "#historyCount").equals("1 row"));
        assertThat(rows.isVisible()).isTrue();
        assertThat(table.isVisible()).isFalse();
        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().clear());
        waitUntil(() -> label(robot, "#historyCount").equals("7 rows"));
    }

    @Test
    void theToolbarsKeepEveryLabelWholeAt1280x800AfterAnExportAndAVerify(FxRobot robot) throws Exception {
        TableView<DecisionRecord> table = decisions(robot);
        waitUntil(() -> table.getItems().size() == 3);
        assertWhole(robot);

        Path out = dir.resolve("a-rather-long-folder-name-for-the-audit-of-the-quarter/"
                + "callback-console-decisions-of-the-whole-quarter-for-the-auditors.csv");
        Files.createDirectories(out.getParent());
        robot.interact(() -> model.export(out, ExportFormat.CSV));
        waitUntil(() -> label(robot, "#exportResult").startsWith("Exported"));
        assertThat(label(robot, "#exportResult")).startsWith("Exported 3 decisions to " + out);
        robot.clickOn("#verifyButton");
        waitUntil(() -> label(robot, "#verifyResult").startsWith("7 rows verified"));
        WaitForAsyncUtils.waitForFxEvents();
        assertWhole(robot);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).startsWith("#callback-console-decision-export,").contains("row_count=3",
                "chain_head_seq=7", "chain_head_hash=");
        assertThat(lines).hasSize(2 + 3);
    }

    /** Every toolbar label shows its whole text: what is drawn is what it says, no "Verify ch…". */
    private static void assertWhole(FxRobot robot) {
        for (String id : TOOLBAR) {
            Labeled labeled = robot.lookup(id).queryAs(Labeled.class);
            Node drawn = labeled.lookup(".text");
            assertThat(drawn).as(id + " draws its text").isInstanceOf(Text.class);
            assertThat(((Text) drawn).getText()).as(id + " at width " + labeled.getWidth())
                    .isEqualTo(labeled.getText());
            assertThat(labeled.getWidth()).as(id).isGreaterThanOrEqualTo(labeled.prefWidth(-1) - 0.5);
        }
    }

    private static String cell(TableView<DecisionRecord> table, int row, DecisionColumn column) {
        TableColumn<DecisionRecord, ?> tc = table.getColumns().stream().filter(c -> c.getUserData() == column)
                .findFirst().orElseThrow();
        Object value = tc.getCellData(row);
        return value == null ? null : value.toString();
    }
}
