package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.ui.common.WindowWords;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The raw-events table of the History tab: every journal row, sorted in SQLite by the column clicked, with copy of a
 * cell (Ctrl+C) or a row (Ctrl+Shift+C).
 */
final class AuditEventTable extends TableView<AuditRecord> {
    /** Raw-event columns shown at first; the others are one click away in the table's column menu. */
    private static final Set<AuditColumn> SHOWN = EnumSet.of(AuditColumn.SEQ, AuditColumn.RECORDED_AT,
            AuditColumn.KIND, AuditColumn.ACTION, AuditColumn.OUTCOME, AuditColumn.OPERATOR, AuditColumn.CALLBACK_TOKEN,
            AuditColumn.PIPELINE_NAME, AuditColumn.STEP_NAME, AuditColumn.REASON, AuditColumn.RETURNED_EXECUTION_ARN,
            AuditColumn.ERROR_CODE, AuditColumn.REQUEST_ID, AuditColumn.CALLER_ARN);

    AuditEventTable(HistoryViewModel model) {
        setId("historyTable");
        setTableMenuButtonVisible(true);
        getSelectionModel().setCellSelectionEnabled(true);
        for (AuditColumn column : AuditColumn.values()) {
            TableColumn<AuditRecord, String> tc = new TableColumn<>(ColumnTitles.of(column));
            tc.setUserData(column);
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue() == null ? null
                    : HistoryColumns.shown(c.getValue().get(column))));
            tc.setPrefWidth(HistoryColumns.width(column));
            tc.setVisible(SHOWN.contains(column));
            getColumns().add(tc);
        }
        setItems(model.rows());
        // Sorting happens in SQLite over every matching row, not in the table over the rows it holds.
        setSortPolicy(t -> {
            model.sortBy(currentSort());
            return true;
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.stateProperty());
        setPlaceholder(placeholder);

        MenuItem copyCell = new MenuItem(WindowWords.text("history.copyCell"));
        copyCell.setOnAction(e -> copyCell());
        MenuItem copyRow = new MenuItem(WindowWords.text("history.copyRow"));
        copyRow.setOnAction(e -> copyRow());
        setContextMenu(new ContextMenu(copyCell, copyRow));
        setOnKeyPressed(e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN).match(e)) {
                copyRow();
                e.consume();
            } else if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e)) {
                copyCell();
                e.consume();
            }
        });
    }

    private AuditSort currentSort() {
        if (getSortOrder().isEmpty()) {
            return AuditSort.NEWEST_FIRST;
        }
        TableColumn<AuditRecord, ?> first = getSortOrder().get(0);
        return new AuditSort((AuditColumn) first.getUserData(), first.getSortType() == TableColumn.SortType.ASCENDING);
    }

    @SuppressWarnings("unchecked")
    private void copyCell() {
        List<TablePosition> cells = getSelectionModel().getSelectedCells();
        if (cells.isEmpty() || cells.get(0).getTableColumn() == null) {
            return;
        }
        TablePosition<AuditRecord, ?> cell = cells.get(0);
        Object value = cell.getTableColumn().getCellData(cell.getRow());
        HistoryClipboard.copy(value == null ? "" : value.toString());
    }

    private void copyRow() {
        AuditRecord record = getSelectionModel().getSelectedItem();
        if (record != null) {
            HistoryClipboard.copy(AuditRecordText.row(record));
        }
    }
}
