package io.callbackconsole.ui.history;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.RememberedColumns;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The History tab, laid out: the {@link HistoryFilterBar}, the action bar (count, decisions or raw events, reload,
 * {@link ChainVerificationControls}, {@link HistoryExportControls}) and their results, the {@link DecisionChart}, the
 * {@link DecisionTable} or the {@link AuditEventTable} beside the {@link HistoryDetailPane}, and the database path.
 */
public final class HistoryView extends BorderPane {
    private final HistoryViewModel model;
    private final AuditEventTable table;
    private final DecisionTable decisionTable;
    private final HistoryDetailPane detail = new HistoryDetailPane();
    private final HistoryFilterBar filterBar;

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        table = new AuditEventTable(model);
        decisionTable = new DecisionTable(model, detail);
        filterBar = new HistoryFilterBar(model);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> detail.show(now));
        decisionTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> detail.show(now));
        StackPane tables = new StackPane(decisionTable, table);
        showTableOf(model.shownProperty().get());
        model.shownProperty().addListener((obs, old, now) -> showTableOf(now));
        SplitPane split = new SplitPane(tables, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);

        ChainVerificationControls verification = new ChainVerificationControls(model);
        HistoryExportControls export = new HistoryExportControls(model);
        setTop(new VBox(6, filterBar, buildActionBar(verification, export),
                buildResults(verification.result(), export.result())));
        DecisionChart chart = new DecisionChart(model.chart());
        VBox.setVgrow(split, Priority.ALWAYS);
        setCenter(new VBox(6, chart, split));
        setBottom(buildFooter());
        setPadding(new Insets(8));
    }

    private void showTableOf(HistoryViewModel.Shown shown) {
        boolean decisions = shown == HistoryViewModel.Shown.DECISIONS;
        decisionTable.setVisible(decisions);
        table.setVisible(!decisions);
        TableView<?> now = decisions ? decisionTable : table;
        detail.showNothing();
        now.getSelectionModel().clearSelection();
    }

    /**
     * Keeps the order, visibility and widths of the decisions' and the raw events' columns across starts, in
     * {@code store}. FX thread.
     */
    public void rememberColumns(ColumnChoices store, TaskExecutor tasks) {
        RememberedColumns.keep(decisionTable, "historyDecisions", column -> column.getUserData() instanceof Enum<?> e
                ? e.name() : column.getId(), store, tasks);
        RememberedColumns.keep(table, "historyEvents", column -> ((Enum<?>) column.getUserData()).name(), store,
                tasks);
    }

    /** Puts the cursor in the search field (Ctrl+F on this tab). */
    public void focusSearch() {
        filterBar.focusSearch();
    }

    /**
     * The count, what is listed, and the actions. Every labelled control keeps its preferred width (a result of
     * verify or export goes on the line below), so none is ever cut to "12 r…" or "Verify ch…".
     */
    private HBox buildActionBar(ChainVerificationControls verification, HistoryExportControls export) {
        Label count = new Label();
        count.setId("historyCount");
        count.textProperty().bind(model.rowCountTextProperty());
        List<ToggleButton> listing = ChoiceToggles.of(model.shownProperty(), model::show,
                new ChoiceToggles.Choice<>(WindowWords.text("history.decisions"), "showDecisions", HistoryViewModel.Shown.DECISIONS),
                new ChoiceToggles.Choice<>(WindowWords.text("history.events"), "showEvents", HistoryViewModel.Shown.EVENTS));
        Button reload = new Button(WindowWords.text("history.reload"));
        reload.setId("reloadButton");
        reload.setOnAction(e -> model.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, count, listing.get(0), listing.get(1), reload, verification.notedHead(),
                verification.verifyButton(), spacer, export.csvButton(), export.jsonLinesButton());
        for (Node child : bar.getChildren()) {
            if (child instanceof Region region && child != spacer) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** What verify and export said, each on a line of its own that wraps; hidden while empty. */
    private static VBox buildResults(Label verifyResult, Label exportResult) {
        VBox results = new VBox(2);
        for (Label result : List.of(verifyResult, exportResult)) {
            result.setWrapText(true);
            result.setMaxWidth(Double.MAX_VALUE);
            result.managedProperty().bind(result.textProperty().isNotEmpty());
            result.visibleProperty().bind(result.textProperty().isNotEmpty());
            results.getChildren().add(result);
        }
        return results;
    }

    private HBox buildFooter() {
        Label path = new Label();
        path.setId("historyDatabasePath");
        path.textProperty().bind(Bindings.createStringBinding(() -> WindowWords.text("history.database",
                model.databasePathProperty().get()), model.databasePathProperty()));
        path.getStyleClass().add("hint");
        HBox footer = new HBox(path);
        footer.setPadding(new Insets(6, 0, 0, 0));
        return footer;
    }
}
