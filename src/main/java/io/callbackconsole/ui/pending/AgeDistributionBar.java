package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.common.WindowWords;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Pending tab's count of waiting tokens beside the spread of their ages: a small bar per age span (under 5 min up
 * to over a day), its part past the pipelines' age alarms drawn in the danger colour, and the same numbers in words
 * beside it and in each bar's tooltip. Counted again once per applied snapshot or alarm change (the table's revision,
 * which is what re-renders the ages), one pass over the rows, never per cell.
 */
final class AgeDistributionBar extends HBox {
    /** The tallest bar's height: the strip stays one text line high. */
    static final double BAR_HEIGHT = 18;
    private static final double BAR_WIDTH = 14;

    private final PendingTableViewModel table;
    private final Label count = new Label();
    private final Label words = new Label();
    private final List<Region> onTime = new ArrayList<>();
    private final List<Region> overdue = new ArrayList<>();
    private final List<Tooltip> tips = new ArrayList<>();
    private AgeDistribution shown = AgeDistribution.NONE;

    AgeDistributionBar(PendingTableViewModel table) {
        super(8);
        this.table = table;
        setId("ageDistribution");
        getStyleClass().add("age-distribution");
        count.setId("pendingCount");
        count.getStyleClass().add("age-distribution-count");
        count.setMinWidth(Region.USE_PREF_SIZE);
        words.setId("ageDistributionText");
        words.getStyleClass().add("hint");
        HBox bars = new HBox(2);
        bars.setId("ageDistributionBars");
        bars.setAlignment(Pos.BOTTOM_LEFT);
        bars.setMinHeight(BAR_HEIGHT);
        bars.setMaxHeight(BAR_HEIGHT);
        for (AgeDistribution.Span span : AgeDistribution.Span.values()) {
            Region late = bar("age-bar-overdue");
            Region early = bar("age-bar");
            VBox column = new VBox(late, early);
            column.setAlignment(Pos.BOTTOM_CENTER);
            column.setMinSize(BAR_WIDTH, BAR_HEIGHT);
            column.setMaxHeight(BAR_HEIGHT);
            column.getStyleClass().add("age-bar-column");
            Tooltip tip = new Tooltip();
            Tooltip.install(column, tip);
            overdue.add(late);
            onTime.add(early);
            tips.add(tip);
            bars.getChildren().add(column);
        }
        getChildren().addAll(count, bars, words);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 8, 0, 8));
        setAccessibleRole(AccessibleRole.TEXT);
        table.revisionProperty().addListener((obs, old, revision) -> recount());
        recount();
    }

    private static Region bar(String styleClass) {
        Region bar = new Region();
        bar.getStyleClass().add(styleClass);
        bar.setMinWidth(BAR_WIDTH);
        bar.setMaxWidth(BAR_WIDTH);
        return bar;
    }

    /** What it shows now (tests). */
    AgeDistribution shown() {
        return shown;
    }

    private void recount() {
        shown = AgeDistribution.of(table.rows(), table.ageAlarms());
        int rows = shown.rows();
        count.setText(rows == 1 ? WindowWords.text("ages.oneWaiting") : WindowWords.text("ages.waiting", rows));
        words.setText(shown.text());
        setAccessibleText(WindowWords.text("ages.accessible", count.getText(), shown.text()));
        int largest = Math.max(1, shown.largest());
        for (int i = 0; i < shown.buckets().size(); i++) {
            AgeDistribution.Bucket bucket = shown.buckets().get(i);
            // A span with any row keeps a sliver of height, so "one" never draws as "none".
            double total = bucket.rows() == 0 ? 0 : Math.max(2, BAR_HEIGHT * bucket.rows() / largest);
            double late = bucket.overdue() == 0 ? 0 : Math.min(total, Math.max(2, total * bucket.overdue()
                    / bucket.rows()));
            size(overdue.get(i), late);
            size(onTime.get(i), total - late);
            tips.get(i).setText(AgeDistribution.text(bucket));
            overdue.get(i).getParent().setAccessibleText(AgeDistribution.text(bucket));
        }
    }

    private static void size(Region bar, double height) {
        bar.setMinHeight(height);
        bar.setPrefHeight(height);
        bar.setMaxHeight(height);
    }
}
