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
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import io.callbackconsole.ui.theme.ConsoleTheme;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Background;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
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
 * The chart of decisions per day above the History table, headless under Monocle: it draws what the history counted
 * under the table's filter, follows a filter change and a new decision, splits by operator on request, and says its
 * numbers in words (legend, tooltips, accessible text), not by colour alone.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryChartViewTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";

    @TempDir
    Path dir;
    Path file;
    HistoryStore store;
    FxTaskExecutor background;
    HistoryViewModel model;
    private int made;

    @Start
    void start(Stage stage) {
        file = dir.resolve("history.db");
        store = HistoryStore.open(file, "test");
        // 1 March: alice accepted twice, bob refused once; 3 March: bob accepted, carol still in flight.
        decide("alice", "2025-03-01T09:00:00Z", new Outcome.Accepted(ARN, "req"));
        decide("alice", "2025-03-01T10:00:00Z", new Outcome.Accepted(ARN, "req"));
        decide("bob", "2025-03-01T23:59:59Z", new Outcome.Refused("ResourceNotFound", "gone", "No longer waits.", "r"));
        decide("bob", "2025-03-03T00:00:01Z", new Outcome.Accepted(ARN, "req"));
        decide("carol", "2025-03-03T08:00:00Z", null);
        ConsoleTheme.LIGHT.apply(); // the window's theme, whose colours the chart's looks up
        background = new FxTaskExecutor("test-history-chart", 2, true);
        model = new HistoryViewModel();
        stage.setScene(new Scene(new HistoryView(model), 1280, 800));
        stage.getScene().getStylesheets().add(HistoryView.class.getResource("/io/callbackconsole/ui/console.css")
                .toExternalForm());
        stage.show();
        model.open(file, background);
    }

    private void decide(String operator, String at, Outcome outcome) {
        int n = made++;
        Submission s = new Submission(new ClientRequestToken("request-" + n + "-0123456789abcdefghijklmnopqrstu"),
                Action.FAIL, CallbackToken.of(String.format("Tok%07d", n)), PipelineExecutionArn.of(ARN),
                FailureReason.of("Rejected by " + operator), new Operator(operator), ConnectionId.sandbox(),
                Instant.parse(at));
        store.recordIntent(s);
        if (outcome != null) {
            store.recordOutcome(s.requestToken(), outcome, s.decidedAt().plusSeconds(1));
        }
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            model.close();
            ConsoleTheme.LIGHT.apply();
        });
        background.close();
        store.close();
    }

    /** As {@link HistoryViewTest#waitUntil}: the condition read on the FX thread. */
    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        HistoryViewTest.waitUntil(condition);
    }

    @SuppressWarnings("unchecked")
    private static StackedBarChart<String, Number> chart(FxRobot robot) {
        return robot.lookup("#decisionChart").queryAs(StackedBarChart.class);
    }

    /** Each series' name with its non-zero counts by day: {"ACCEPTED" = {"03-01" = 2, ...}, ...}. */
    private static Map<String, Map<String, Long>> drawn(FxRobot robot) {
        return chart(robot).getData().stream().collect(Collectors.toMap(XYChart.Series::getName,
                s -> s.getData().stream().filter(d -> d.getYValue().longValue() > 0).collect(Collectors.toMap(
                        XYChart.Data::getXValue, d -> d.getYValue().longValue()))));
    }

    /** The paint a bar or swatch is filled with; null when its colour did not resolve. */
    private static Paint fill(Node node) {
        Background background = ((Region) node).getBackground();
        return background == null || background.getFills().isEmpty() ? null : background.getFills().get(0).getFill();
    }

    private static List<String> legend(FxRobot robot) {
        return robot.lookup("#decisionChartLegend").queryAs(FlowPane.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void drawsEachDayByOutcomeAndSaysTheNumbersInWords(FxRobot robot) throws Exception {
        waitUntil(() -> chart(robot).getData().size() == 5);
        StackedBarChart<String, Number> chart = chart(robot);
        assertThat(drawn(robot)).isEqualTo(Map.of(
                "ACCEPTED", Map.of("03-01", 2L, "03-03", 1L), "REFUSED", Map.of("03-01", 1L),
                "UNKNOWN", Map.of(), "NOT_SENT", Map.of(), "in flight", Map.of("03-03", 1L)));
        // Every day of the range is on the axis, the one without decisions too.
        assertThat(chart.getData().get(0).getData()).extracting(XYChart.Data::getXValue)
                .endsWith("03-01", "03-02", "03-03").hasSize(30);
        assertThat(legend(robot)).containsExactly("ACCEPTED 3", "REFUSED 1", "UNKNOWN 0", "NOT_SENT 0",
                "in flight 1");
        assertThat(chart.getAccessibleText()).isEqualTo("Decisions per day (UTC), 2025-02-02 to 2025-03-03, by"
                + " outcome: 5 decisions — 3 ACCEPTED, 1 REFUSED, 1 in flight; busiest day 2025-03-01 with 3.");
        XYChart.Data<String, Number> firstOfMarch = chart.getData().get(0).getData().get(27);
        assertThat(firstOfMarch.getNode().getAccessibleText())
                .isEqualTo("2025-03-01: 3 decisions — 2 ACCEPTED, 1 REFUSED");
        assertThat(((Tooltip) firstOfMarch.getNode().getProperties().get("javafx.scene.control.Tooltip")).getText())
                .isEqualTo("2025-03-01: 3 decisions — 2 ACCEPTED, 1 REFUSED");
        // One looked-up colour per outcome, by class: the theme's palette order does not decide it.
        assertThat(firstOfMarch.getNode().getStyleClass()).contains("outcome-accepted");
        assertThat(chart.getData().get(1).getData().get(27).getNode().getStyleClass()).contains("outcome-refused");
        assertThat(robot.lookup("#decisionChartPane").queryAs(TitledPane.class).getText())
                .isEqualTo("Decisions per day (UTC) · 2025-02-02 to 2025-03-03, up to 30 days ending on the newest"
                        + " match");
        assertThat(chart.getHeight() + robot.lookup("#decisionChartLastDay").query().getBoundsInParent().getHeight())
                .as("compact").isLessThanOrEqualTo(DecisionChart.CHART_HEIGHT);
        assertThat(robot.lookup("#decisionChartFirstDay").queryAs(Label.class).getText()).isEqualTo("2 Feb 2025");
        assertThat(robot.lookup("#decisionChartLastDay").queryAs(Label.class).getText()).isEqualTo("3 Mar 2025");

        // Each outcome its own colour, in either theme, and the legend's swatch the colour of its bars.
        Node accepted = firstOfMarch.getNode();
        Node refused = chart.getData().get(1).getData().get(27).getNode();
        for (ConsoleTheme theme : List.of(ConsoleTheme.LIGHT, ConsoleTheme.DARK)) {
            robot.interact(theme::apply);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(fill(accepted)).as(theme + ": ACCEPTED").isNotNull().isNotEqualTo(fill(refused));
            assertThat(fill(refused)).as(theme + ": REFUSED").isNotNull();
            List<Node> entries = robot.lookup("#decisionChartLegend").queryAs(FlowPane.class).getChildren();
            Paint acceptedSwatch = fill(((Label) entries.get(0)).getGraphic());
            assertThat(acceptedSwatch).as(theme + ": the legend's ACCEPTED").isNotNull()
                    .isNotEqualTo(fill(((Label) entries.get(1)).getGraphic()));
        }
    }

    @Test
    void followsTheFilterAndSplitsByOperatorOnRequest(FxRobot robot) throws Exception {
        waitUntil(() -> legend(robot).contains("ACCEPTED 3"));

        @SuppressWarnings("unchecked")
        ComboBox<String> operator = robot.lookup("#historyOperator").queryAs(ComboBox.class);
        robot.interact(() -> operator.setValue("bob"));
        waitUntil(() -> legend(robot).contains("ACCEPTED 1"));
        assertThat(drawn(robot)).containsEntry("ACCEPTED", Map.of("03-03", 1L))
                .containsEntry("REFUSED", Map.of("03-01", 1L)).containsEntry("in flight", Map.of());

        robot.interact(() -> operator.setValue(""));
        robot.clickOn("#chartByOperator");
        waitUntil(() -> legend(robot).equals(List.of("alice 2", "bob 2", "carol 1")));
        assertThat(drawn(robot)).isEqualTo(Map.of("alice", Map.of("03-01", 2L),
                "bob", Map.of("03-01", 1L, "03-03", 1L), "carol", Map.of("03-03", 1L)));

        robot.interact(() -> robot.lookup("#historySearch").queryTextInputControl().setText("nobody-decided-this"));
        waitUntil(() -> robot.lookup("#decisionChartState").queryAs(Label.class).getText()
                .equals("No decisions match the filter: nothing to chart."));
        assertThat(chart(robot).getData()).isEmpty();
        assertThat(legend(robot)).isEmpty();
    }

    @Test
    void aNewDecisionIsCountedWhenTheTableReloadsAndThePaneCollapses(FxRobot robot) throws Exception {
        waitUntil(() -> legend(robot).contains("ACCEPTED 3"));

        decide("dave", "2025-03-04T12:00:00Z", new Outcome.NotSent("Cancelled", "Cancelled."));
        // What the window calls when a decision was recorded.
        robot.interact(() -> model.reload());

        waitUntil(() -> legend(robot).contains("NOT_SENT 1"));
        assertThat(drawn(robot).get("NOT_SENT")).isEqualTo(Map.of("03-04", 1L));
        assertThat(chart(robot).getData().get(0).getData()).hasSize(30).last()
                .extracting(XYChart.Data::getXValue).isEqualTo("03-04");

        TitledPane pane = robot.lookup("#decisionChartPane").queryAs(TitledPane.class);
        double tableHeight = robot.lookup("#decisionTable").query().getBoundsInParent().getHeight();
        robot.interact(() -> pane.setExpanded(false));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#decisionTable").query().getBoundsInParent().getHeight())
                .as("the table takes the chart's room").isGreaterThan(tableHeight + DecisionChart.CHART_HEIGHT / 2);
    }
}
