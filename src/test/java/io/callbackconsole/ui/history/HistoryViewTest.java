package io.callbackconsole.ui.history;

import io.callbackconsole.domain.ConnectionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The auditor's History tab listing the raw rows, on a history of its own, headless under Monocle. */
@ExtendWith(ApplicationExtension.class)
class HistoryViewTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";
    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    /** 250 decisions (more than one page), each with an outcome: 500 rows. */
    private static final int DECISIONS = 250;

    @TempDir
    static Path dir;
    Path file;
    FxTaskExecutor background;
    HistoryViewModel model;

    static Path template;

    /** Written once (each row is a durable transaction); every test reads or tampers with its own copy. */
    @BeforeAll
    static void writeTemplate() {
        template = dir.resolve("template.db");
        try (HistoryStore store = HistoryStore.open(template, "test")) {
            for (int i = 0; i < DECISIONS; i++) {
                String token = String.format("Tok%07d", i);
                Submission s = new Submission(new ClientRequestToken("request-" + token + "-0123456789abcdefghijkl"),
                        Action.FAIL, CallbackToken.of(token), PipelineExecutionArn.of(ARN),
                        FailureReason.of(i == 42 ? "Drift in the amount column" : "Routine rejection " + i),
                        new Operator(i % 2 == 0 ? "alice" : "bob"), ConnectionId.sandbox(), T0.plusSeconds(i * 10L));
                store.recordIntent(s);
                store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + i), T0.plusSeconds(i * 10L + 1));
            }
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        file = dir.resolve("history-" + System.nanoTime() + ".db");
        Files.copy(template, file);
        background = new FxTaskExecutor("test-history", 4, true);
        model = new HistoryViewModel();
        model.show(HistoryViewModel.Shown.EVENTS); // this class covers the raw rows; HistoryDecisionViewTest the rest
        HistoryView view = new HistoryView(model);
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
        model.open(file, background);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> model.close());
        background.close();
    }

    /**
     * The condition is read on the FX thread: read from the test thread, a lookup met the scene graph mid-change
     * once in CI (IndexOutOfBoundsException in {@code Parent.lookupAll} while the table laid out its rows).
     */
    static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS));
    }

    @SuppressWarnings("unchecked")
    private static TableView<AuditRecord> table(FxRobot robot) {
        return robot.lookup("#historyTable").queryAs(TableView.class);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void searchNarrowsTheRowsAndTheDetailShowsEveryField(FxRobot robot) throws Exception {
        TableView<AuditRecord> table = table(robot);
        waitUntil(() -> table.getItems().size() == 2 * DECISIONS);
        assertThat(label(robot, "#historyCount")).isEqualTo("500 rows");
        assertThat(label(robot, "#historyDatabasePath")).isEqualTo("Database: " + file.toAbsolutePath());
        assertThat(table.getItems().get(0).get(AuditColumn.SEQ)).isEqualTo("500"); // newest first

        robot.clickOn("#historySearch").write("drift amount");
        // Each keystroke searches again; wait for the search of the whole text, rows and count alike.
        waitUntil(() -> table.getItems().size() == 1 && label(robot, "#historyCount").equals("1 row"));
        AuditRecord hit = table.getItems().get(0);
        assertThat(hit.get(AuditColumn.CALLBACK_TOKEN)).isEqualTo("Tok0000042");
        assertThat(label(robot, "#historyCount")).isEqualTo("1 row");

        robot.interact(() -> table.getSelectionModel().select(0));
        String detail = robot.lookup("#historyDetail").queryAs(TextArea.class).getText();
        for (AuditColumn column : AuditColumn.values()) {
            assertThat(detail).contains(column.title() + ": ");
        }
        assertThat(detail).contains("Reason: Drift in the amount column").contains("Operator: alice")
                .contains("Hash: " + hit.get(AuditColumn.HASH));

        // A token finds its intent and its outcome.
        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("tok0000043"));
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(table.getItems()).extracting(r -> r.get(AuditColumn.KIND)).containsExactly("OUTCOME", "INTENT");

        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("::"));
        waitUntil(() -> label(robot, "#historyFilterProblem").contains("no letters or digits"));
    }

    @Test
    void verifySaysHowManyRowsAndThenFindsATamperedOne(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 2 * DECISIONS);
        robot.clickOn("#verifyButton");
        waitUntil(() -> label(robot, "#verifyResult").startsWith("500 rows verified, head "));
        // The head as verify --expect-head takes it, and what the witness beside the file says.
        assertThat(label(robot, "#verifyResult")).matches("(?s)500 rows verified, head 500:[0-9a-f]{64}\nWitness file .*");

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_update");
            s.execute("UPDATE submission_event SET reason = 'Nothing happened' WHERE seq = 85");
        }
        robot.clickOn("#verifyButton");
        waitUntil(() -> label(robot, "#verifyResult").startsWith("The history does not verify"));
        assertThat(label(robot, "#verifyResult")).contains("row seq 85").contains("84 rows before it verified");
    }

    @Test
    void aNotedHeadCatchesAHistoryCutBackWithItsWitness(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 2 * DECISIONS);
        robot.clickOn("#verifyButton");
        waitUntil(() -> label(robot, "#verifyResult").startsWith("500 rows verified, head "));
        String noted = label(robot, "#verifyResult").lines().findFirst().orElseThrow()
                .substring("500 rows verified, head ".length());

        // Someone who cuts the file back with care and deletes its witness: what is left verifies on its own.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_delete");
            s.execute("DELETE FROM submission_event WHERE seq > 400");
            s.execute("UPDATE sqlite_sequence SET seq = 400 WHERE name = 'submission_event'"); // hides the cut
        }
        Files.deleteIfExists(Path.of(file + ".witness")); // (this copy has none; the point is that none helps)
        robot.clickOn("#verifyButton");
        waitUntil(() -> label(robot, "#verifyResult").startsWith("400 rows verified"));

        // The head noted before the cut does not.
        robot.clickOn("#notedHead").write(noted);
        robot.clickOn("#verifyButton");
        waitUntil(() -> label(robot, "#verifyResult").contains("Expected head " + noted + " is missing"));
        assertThat(label(robot, "#verifyResult")).contains("the history was cut");
        assertThat(robot.lookup("#verifyResult").queryAs(Label.class).getStyleClass()).contains("counter-over");
    }

    @Test
    void aNotedHeadThatIsNotAHeadIsToldAndNothingIsWalked(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 2 * DECISIONS);
        robot.clickOn("#notedHead").write("500:not-a-hash");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        waitUntil(() -> label(robot, "#verifyResult").startsWith("Not verified: A chain head is written SEQ:HASH"));
        assertThat(label(robot, "#verifyResult")).contains("got \"500:not-a-hash\"").doesNotContain("rows verified");
        assertThat(robot.lookup("#verifyButton").queryButton().isDisabled()).isFalse();
    }

    @Test
    void sortingAndScrollingLoadPagesFromTheDatabase(FxRobot robot) throws Exception {
        TableView<AuditRecord> table = table(robot);
        waitUntil(() -> table.getItems().size() == 2 * DECISIONS);
        TableColumn<AuditRecord, ?> token = table.getColumns().stream()
                .filter(c -> c.getUserData() == AuditColumn.CALLBACK_TOKEN).findFirst().orElseThrow();
        robot.interact(() -> {
            token.setSortType(TableColumn.SortType.ASCENDING);
            table.getSortOrder().setAll(List.of(token));
        });
        waitUntil(() -> "1".equals(table.getItems().get(0) == null ? null : table.getItems().get(0).get(AuditColumn.SEQ)));
        assertThat(model.sort().column()).isEqualTo(AuditColumn.CALLBACK_TOKEN);

        // Row 450 is on a page not loaded yet: it is fetched when the table shows it.
        robot.interact(() -> table.scrollTo(450));
        waitUntil(() -> table.getItems().get(450) != null);
        assertThat(table.getItems().get(450).get(AuditColumn.CALLBACK_TOKEN)).isEqualTo("Tok0000225");
    }

    @Test
    void exportWritesExactlyTheFilteredRows(FxRobot robot) throws Exception {
        TableView<AuditRecord> table = table(robot);
        waitUntil(() -> table.getItems().size() == 2 * DECISIONS);
        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("Tok000012"));
        waitUntil(() -> table.getItems().size() == 20);
        Path out = dir.resolve("export-" + System.nanoTime() + ".csv");

        robot.interact(() -> model.export(out, ExportFormat.CSV));
        waitUntil(() -> label(robot, "#exportResult").startsWith("Exported"));

        assertThat(label(robot, "#exportResult")).startsWith("Exported 20 rows to " + out);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2 + 20);
        assertThat(lines.get(0)).contains("text ~ \"\"Tok000012\"\"").contains("row_count=20");
        assertThat(out.resolveSibling(out.getFileName() + ".partial")).doesNotExist();
    }

    @Test
    void aCountThatStopsEarlyShowsRowsAtOnceAndTheExactCountAfter(FxRobot robot) throws Exception {
        FxTaskExecutor own = new FxTaskExecutor("test-history-own", 4, true);
        HistoryViewModel countingTo100 = new HistoryViewModel(100);
        List<String> countTexts = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> {
            countingTo100.show(HistoryViewModel.Shown.EVENTS);
            countingTo100.rowCountTextProperty().addListener((o, was, now) -> countTexts.add(now));
            countingTo100.open(file, own);
        });
        try {
            waitUntil(() -> countTexts.contains("500 rows"));
            assertThat(countTexts).containsExactly("over 100 rows (counting…)", "500 rows");
            assertThat(countingTo100.rowCountProperty().get()).isEqualTo(500);
            List<AuditRecord> rows = countingTo100.rows();
            assertThat(rows).hasSize(500);
            // Rows past the first count are read when asked for, like any page not loaded yet.
            robot.interact(() -> rows.get(499));
            waitUntil(() -> rows.get(499) != null);
            assertThat(rows.get(499).get(AuditColumn.SEQ)).isEqualTo("1");
        } finally {
            robot.interact(countingTo100::close);
            own.close();
        }
    }
}
