package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.ui.common.WindowWords;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.table.TableRowExpanderColumn;

/**
 * The decisions table of the History tab: one row per decision, sorted in SQLite, its raw rows (intent, attempts,
 * outcome) in a table that expands under it; Ctrl+C copies the decision.
 */
final class DecisionTable extends TableView<DecisionRecord> {
    /** Decision fields shown at first: what an auditor reads at a glance, the reason near the left. */
    private static final Set<DecisionColumn> SHOWN = EnumSet.of(DecisionColumn.DECIDED_AT,
            DecisionColumn.OPERATOR, DecisionColumn.ACTION, DecisionColumn.CALLBACK_TOKEN, DecisionColumn.REASON,
            DecisionColumn.OUTCOME, DecisionColumn.ATTEMPTS, DecisionColumn.PIPELINE_NAME, DecisionColumn.STEP_NAME,
            DecisionColumn.ERROR_CODE, DecisionColumn.ERROR_MESSAGE, DecisionColumn.RETURNED_EXECUTION_ARN);
    /** The raw rows of a decision, in the table that expands under it. */
    private static final List<AuditColumn> EVENT_COLUMNS = List.of(AuditColumn.SEQ, AuditColumn.RECORDED_AT,
            AuditColumn.KIND, AuditColumn.OUTCOME, AuditColumn.ERROR_CODE, AuditColumn.ERROR_MESSAGE,
            AuditColumn.RETURNED_EXECUTION_ARN, AuditColumn.REQUEST_ID, AuditColumn.OPERATOR);
    private static final double EVENT_ROW_HEIGHT = 24;

    private final HistoryDetailPane detail;

    /** Shows a raw row selected in an expanded decision in {@code detail}. */
    DecisionTable(HistoryViewModel model, HistoryDetailPane detail) {
        this.detail = detail;
        setId("decisionTable");
        setTableMenuButtonVisible(true);
        TableRowExpanderColumn<DecisionRecord> expander = new TableRowExpanderColumn<>(row -> eventsOf(row.getValue()));
        expander.setId("decisionExpander");
        expander.setText("");
        expander.setSortable(false);
        expander.setPrefWidth(34);
        expander.setMinWidth(34);
        getColumns().add(expander);
        for (DecisionColumn column : DecisionColumn.values()) {
            TableColumn<DecisionRecord, String> tc = new TableColumn<>(ColumnTitles.of(column));
            tc.setUserData(column);
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue() == null ? null
                    : column == DecisionColumn.OUTCOME ? DecisionRecordText.outcome(c.getValue())
                    : HistoryColumns.shown(c.getValue().get(column))));
            tc.setPrefWidth(HistoryColumns.width(column));
            tc.setVisible(SHOWN.contains(column));
            getColumns().add(tc);
        }
        setItems(model.decisions());
        setSortPolicy(t -> {
            model.sortDecisionsBy(currentSort());
            return true;
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.stateProperty());
        setPlaceholder(placeholder);
        MenuItem copyRow = new MenuItem(WindowWords.text("history.copyDecision"));
        copyRow.setOnAction(e -> copyDecision());
        setContextMenu(new ContextMenu(copyRow));
        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copyDecision();
                e.consume();
            }
        });
    }

    /** The raw rows of one decision, as the table that expands under its row; a row selected there shows in full. */
    private Node eventsOf(DecisionRecord decision) {
        TableView<AuditRecord> events = new TableView<>();
        events.getStyleClass().add("decision-events");
        events.setId("decisionEvents");
        for (AuditColumn column : EVENT_COLUMNS) {
            TableColumn<AuditRecord, String> tc = new TableColumn<>(ColumnTitles.of(column));
            tc.setUserData(column);
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(HistoryColumns.shown(c.getValue().get(column))));
            tc.setPrefWidth(HistoryColumns.width(column));
            tc.setSortable(false);
            events.getColumns().add(tc);
        }
        List<AuditRecord> rows = decision == null ? List.of() : decision.events();
        events.setItems(FXCollections.observableArrayList(rows));
        events.setFixedCellSize(EVENT_ROW_HEIGHT);
        // Tall enough for its rows and the header, so it never scrolls inside the decision table.
        events.setPrefHeight(EVENT_ROW_HEIGHT * (rows.size() + 1) + 12);
        events.setMinHeight(Region.USE_PREF_SIZE);
        events.setMaxHeight(Region.USE_PREF_SIZE);
        events.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                detail.show(now);
            }
        });
        VBox box = new VBox(events);
        box.setPadding(new Insets(2, 4, 6, 34));
        return box;
    }

    private DecisionSort currentSort() {
        if (getSortOrder().isEmpty() || !(getSortOrder().get(0).getUserData() instanceof DecisionColumn column)) {
            return DecisionSort.NEWEST_FIRST;
        }
        return new DecisionSort(column, getSortOrder().get(0).getSortType() == TableColumn.SortType.ASCENDING);
    }

    private void copyDecision() {
        DecisionRecord decision = getSelectionModel().getSelectedItem();
        if (decision != null) {
            HistoryClipboard.copy(DecisionRecordText.row(decision));
        }
    }
}
