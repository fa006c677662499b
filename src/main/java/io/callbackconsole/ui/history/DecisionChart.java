package io.callbackconsole.ui.history;

import io.callbackconsole.history.DecisionsPerDay;
import io.callbackconsole.ui.common.WindowWords;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Decisions per day above the History table: a stacked bar per UTC day, by outcome or by operator, collapsible so the
 * table can have the room. Colours are looked up by outcome (console.css), and never carry the numbers alone: the
 * legend names each series with its total, each bar's tooltip and accessible text give its day's numbers, and the
 * chart's accessible text the whole picture in one sentence.
 */
final class DecisionChart extends TitledPane {
    /** Compact: the table below keeps most of a 1280×800 window. */
    static final double CHART_HEIGHT = 120;
    /** The line naming the first and the last day, under the bars; the rest of the height is the chart's. */
    private static final double END_LABELS_HEIGHT = 16;
    /** A day's category: unique over the range (under a year). */
    private static final DateTimeFormatter DAY_LABEL = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    /** The first and last day under the ends of the axis. */
    private static final DateTimeFormatter END_LABEL = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ROOT);

    private final DecisionChartModel model;
    private final StackedBarChart<String, Number> chart;
    private final FlowPane legend = new FlowPane(10, 2);
    private final Label firstDay = new Label();
    private final Label lastDay = new Label();

    DecisionChart(DecisionChartModel model) {
        this.model = model;
        setId("decisionChartPane");
        getStyleClass().add("decision-chart-pane");
        setAnimated(false);
        setText(title(null));
        CategoryAxis days = new CategoryAxis();
        // Thirty day labels do not fit side by side under 1280 px of bars, and the axis then stands them upright,
        // a third of the chart's height: the first and the last day are named under the ends instead, and each
        // bar's tooltip names its own.
        days.setTickLabelsVisible(false);
        days.setTickLength(4);
        NumberAxis decisions = new NumberAxis();
        decisions.setMinorTickVisible(false);
        decisions.setForceZeroInRange(true);
        decisions.setTickLabelFormatter(new WholeNumbers());
        chart = new StackedBarChart<>(days, decisions);
        chart.setId("decisionChart");
        chart.getStyleClass().add("decision-chart");
        chart.setAnimated(false);
        chart.setLegendVisible(false); // the legend beside it names each series with its total
        chart.setCategoryGap(2);
        double drawn = CHART_HEIGHT - END_LABELS_HEIGHT;
        chart.setMinHeight(drawn);
        chart.setPrefHeight(drawn);
        chart.setMaxHeight(drawn);
        chart.setPadding(new Insets(2, 4, 0, 0));

        Label state = new Label();
        state.setId("decisionChartState");
        state.getStyleClass().add("hint");
        state.setWrapText(true);
        state.textProperty().bind(model.stateProperty());
        state.visibleProperty().bind(model.stateProperty().isNotEmpty());
        firstDay.setId("decisionChartFirstDay");
        lastDay.setId("decisionChartLastDay");
        for (Label end : List.of(firstDay, lastDay)) {
            end.getStyleClass().addAll("hint", "decision-chart-end");
        }
        Region between = new Region();
        HBox.setHgrow(between, Priority.ALWAYS);
        HBox ends = new HBox(firstDay, between, lastDay);
        ends.setPadding(new Insets(0, 14, 0, 34)); // about under the first and the last bar
        StackPane drawing = new StackPane(new VBox(chart, ends), state);
        HBox.setHgrow(drawing, Priority.ALWAYS);

        legend.setId("decisionChartLegend");
        legend.setPrefWrapLength(200);
        VBox side = new VBox(6, splitChoice(), legend);
        side.setPrefWidth(240);
        side.setMinWidth(Region.USE_PREF_SIZE);
        HBox content = new HBox(8, drawing, side);
        content.setAlignment(Pos.CENTER_LEFT);
        setContent(content);

        model.dataProperty().addListener((obs, old, now) -> show(now));
        show(model.dataProperty().get());
    }

    /** By outcome or by operator: one of the two is always chosen. */
    private HBox splitChoice() {
        List<ToggleButton> split = ChoiceToggles.of(model.splitByProperty(), model.splitByProperty()::set,
                new ChoiceToggles.Choice<>(WindowWords.text("chart.byOutcome"), "chartByOutcome", DecisionsPerDay.SplitBy.OUTCOME),
                new ChoiceToggles.Choice<>(WindowWords.text("chart.byOperator"), "chartByOperator", DecisionsPerDay.SplitBy.OPERATOR));
        return new HBox(4, split.get(0), split.get(1));
    }

    private void show(DecisionChartData data) {
        setText(title(data));
        legend.getChildren().clear();
        boolean none = data == null || data.isEmpty();
        firstDay.setText(none ? "" : END_LABEL.format(data.days().get(0)));
        lastDay.setText(none ? "" : END_LABEL.format(data.days().get(data.days().size() - 1)));
        if (none) {
            chart.getData().clear();
            chart.setAccessibleText(model.stateProperty().get());
            return;
        }
        List<String> labels = data.days().stream().map(DAY_LABEL::format).toList();
        ((CategoryAxis) chart.getXAxis()).setCategories(FXCollections.observableArrayList(labels));
        List<XYChart.Series<String, Number>> all = new ArrayList<>();
        for (DecisionChartData.Series s : data.series()) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(s.name());
            for (int d = 0; d < labels.size(); d++) {
                series.getData().add(new XYChart.Data<>(labels.get(d), s.perDay().get(d)));
            }
            all.add(series);
        }
        chart.getData().setAll(all);
        for (int i = 0; i < all.size(); i++) {
            String colour = colourClass(data, i);
            List<XYChart.Data<String, Number>> points = all.get(i).getData();
            for (int d = 0; d < points.size(); d++) {
                Node bar = points.get(d).getNode();
                bar.getStyleClass().add(colour);
                String text = data.dayText(d);
                // The chart binds a bar's accessible text to "03-01 Value 2": one series' number, without its name.
                bar.accessibleTextProperty().unbind();
                bar.setAccessibleText(text);
                Tooltip.install(bar, new Tooltip(text));
            }
            legend.getChildren().add(legendEntry(data.series().get(i), colour));
        }
        chart.setAccessibleText(data.summary());
    }

    /** "Decisions per day (UTC) · 2025-02-03 to 2025-03-04, up to 30 days ending on the newest match". */
    private static String title(DecisionChartData data) {
        return data == null || data.isEmpty() ? WindowWords.text("chart.title")
                : WindowWords.text("chart.title.range", data.range(), DecisionChartModel.DAYS);
    }

    /** The style class that colours a series: its outcome's, or the operator's place in the busiest-first order. */
    private static String colourClass(DecisionChartData data, int index) {
        DecisionChartData.Series s = data.series().get(index);
        if (data.byOutcome()) {
            return "outcome-" + s.key().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return s.key().equals(DecisionChartData.OTHER_OPERATORS) && index == data.series().size() - 1
                ? "operator-others" : "operator-" + index;
    }

    /** A swatch of the series' colour and its name with its total: "■ ACCEPTED 12". */
    private static Label legendEntry(DecisionChartData.Series s, String colour) {
        Region swatch = new Region();
        swatch.getStyleClass().addAll("decision-chart-swatch", colour);
        swatch.setMinSize(10, 10);
        swatch.setPrefSize(10, 10);
        Label entry = new Label(s.name() + " " + s.total(), swatch);
        entry.getStyleClass().add("decision-chart-legend-entry");
        return entry;
    }

    /** Decisions come whole: the axis labels 0, 1, 2 and leaves out fractions its auto-ranging picks. */
    private static final class WholeNumbers extends StringConverter<Number> {
        @Override
        public String toString(Number value) {
            double v = value.doubleValue();
            return v == Math.rint(v) ? Long.toString((long) v) : "";
        }

        @Override
        public Number fromString(String text) {
            return Long.parseLong(text);
        }
    }
}
