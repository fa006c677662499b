package io.callbackconsole.ui.history;

import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.ExportFormat;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;

/**
 * The History tab: every journal row, filtered, searched and sorted in SQLite and shown through a windowed list, with
 * a detail pane, copy, export and chain verification.
 */
public final class HistoryView extends BorderPane {
    /** Shown at first; the others are one click away in the table's column menu. */
    private static final Set<AuditColumn> SHOWN = EnumSet.of(AuditColumn.SEQ, AuditColumn.RECORDED_AT,
            AuditColumn.KIND, AuditColumn.ACTION, AuditColumn.OUTCOME, AuditColumn.OPERATOR, AuditColumn.CALLBACK_TOKEN,
            AuditColumn.PIPELINE_NAME, AuditColumn.STEP_NAME, AuditColumn.REASON, AuditColumn.RETURNED_EXECUTION_ARN,
            AuditColumn.ERROR_CODE, AuditColumn.REQUEST_ID, AuditColumn.CALLER_ARN);

    private final HistoryViewModel model;
    private final TableView<AuditRecord> table = new TableView<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final ComboBox<String> pipeline = new ComboBox<>();
    private final ComboBox<String> operator = new ComboBox<>();
    private final ComboBox<String> action = new ComboBox<>();
    private final ComboBox<String> outcome = new ComboBox<>(FXCollections.observableArrayList("", "ACCEPTED",
            "REFUSED", "UNKNOWN", "NOT_SENT"));
    private final TextField search = new TextField();
    private final Label filterProblem = new Label();

    public HistoryView(HistoryViewModel model) {
        this.model = model;
        buildTable();
        TextArea detail = new TextArea();
        detail.setId("historyDetail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("monospace");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                detail.setText(AuditRecordText.details(now)));
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);

        setTop(new VBox(6, buildFilterBar(), buildActionBar()));
        setCenter(split);
        setBottom(buildFooter());
        setPadding(new Insets(8));
    }

    /** Puts the cursor in the search field (Ctrl+F on this tab). */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private void buildTable() {
        table.setId("historyTable");
        table.setTableMenuButtonVisible(true);
        table.getSelectionModel().setCellSelectionEnabled(true);
        for (AuditColumn column : AuditColumn.values()) {
            TableColumn<AuditRecord, String> tc = new TableColumn<>(column.title());
            tc.setUserData(column);
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue() == null ? null : c.getValue().get(column)));
            tc.setPrefWidth(width(column));
            tc.setVisible(SHOWN.contains(column));
            table.getColumns().add(tc);
        }
        table.setItems(model.rows());
        // Sorting happens in SQLite over every matching row, not in the table over the rows it holds.
        table.setSortPolicy(t -> {
            model.sortBy(currentSort());
            return true;
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.stateProperty());
        table.setPlaceholder(placeholder);

        MenuItem copyCell = new MenuItem("Copy cell");
        copyCell.setOnAction(e -> copyCell());
        MenuItem copyRow = new MenuItem("Copy row");
        copyRow.setOnAction(e -> copyRow());
        table.setContextMenu(new ContextMenu(copyCell, copyRow));
        table.setOnKeyPressed(e -> {
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
        if (table.getSortOrder().isEmpty()) {
            return AuditSort.NEWEST_FIRST;
        }
        TableColumn<AuditRecord, ?> first = table.getSortOrder().get(0);
        return new AuditSort((AuditColumn) first.getUserData(), first.getSortType() == TableColumn.SortType.ASCENDING);
    }

    private FlowPane buildFilterBar() {
        search.setId("historySearch");
        search.setPromptText("Search reason, token, ARN…");
        search.setPrefColumnCount(24);
        from.setId("historyFrom");
        from.setPromptText("from (date)");
        from.setPrefWidth(130);
        to.setId("historyTo");
        to.setPromptText("to (date, inclusive)");
        to.setPrefWidth(130);
        pipeline.setId("historyPipeline");
        pipeline.setPromptText("pipeline");
        operator.setId("historyOperator");
        operator.setPromptText("operator");
        action.setId("historyAction");
        action.setPromptText("action");
        outcome.setId("historyOutcome");
        outcome.setPromptText("outcome");
        withEmptyChoice(pipeline, model.pipelines());
        withEmptyChoice(operator, model.operators());
        withEmptyChoice(action, model.actions());

        // Typing searches after a short pause; Enter searches at once.
        PauseTransition typing = new PauseTransition(Duration.millis(300));
        typing.setOnFinished(e -> applyFilter());
        search.textProperty().addListener((obs, old, now) -> typing.playFromStart());
        search.setOnAction(e -> {
            typing.stop();
            applyFilter();
        });
        from.valueProperty().addListener((obs, old, now) -> applyFilter());
        to.valueProperty().addListener((obs, old, now) -> applyFilter());
        for (ComboBox<String> box : List.of(pipeline, operator, action, outcome)) {
            box.valueProperty().addListener((obs, old, now) -> applyFilter());
        }
        Button clear = new Button("Clear filters");
        clear.setOnAction(e -> {
            search.clear();
            from.setValue(null);
            to.setValue(null);
            List.of(pipeline, operator, action, outcome).forEach(box -> box.setValue(null));
            applyFilter();
        });
        filterProblem.setId("historyFilterProblem");
        filterProblem.getStyleClass().add("counter-over");
        FlowPane bar = new FlowPane(8, 6, search, from, to, pipeline, operator, action, outcome, clear, filterProblem);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** The choices of a filter box: an empty entry (no filter) first, then the values the history holds. */
    private static void withEmptyChoice(ComboBox<String> box, ObservableList<String> values) {
        ObservableList<String> items = FXCollections.observableArrayList("");
        values.addListener((ListChangeListener<String>) change -> {
            String chosen = box.getValue();
            items.setAll("");
            items.addAll(values);
            box.setValue(chosen);
        });
        box.setItems(items);
    }

    private void applyFilter() {
        ZoneId zone = ZoneId.systemDefault();
        LocalDate fromDate = from.getValue();
        LocalDate toDate = to.getValue();
        try {
            AuditFilter filter = new AuditFilter(
                    fromDate == null ? null : fromDate.atStartOfDay(zone).toInstant(),
                    toDate == null ? null : toDate.plusDays(1).atStartOfDay(zone).toInstant(),
                    pipeline.getValue(), operator.getValue(), action.getValue(), outcome.getValue(), search.getText());
            filterProblem.setText("");
            model.setFilter(filter);
        } catch (InvalidInputException e) {
            filterProblem.setText(e.getMessage());
        }
    }

    private HBox buildActionBar() {
        Label count = new Label();
        count.setId("historyCount");
        count.textProperty().bind(model.rowCountTextProperty());
        Button verify = new Button("Verify chain");
        verify.setId("verifyButton");
        verify.disableProperty().bind(model.busyProperty());
        verify.setOnAction(e -> model.verify());
        Label verifyResult = new Label();
        verifyResult.setId("verifyResult");
        verifyResult.textProperty().bind(model.verifyResultProperty());
        verifyResult.setWrapText(true);
        model.verifyFailedProperty().addListener((obs, old, failed) -> {
            verifyResult.getStyleClass().removeAll("counter-over");
            if (failed) {
                verifyResult.getStyleClass().add("counter-over");
            }
        });
        Button exportCsv = new Button("Export CSV…");
        exportCsv.setId("exportCsvButton");
        exportCsv.setOnAction(e -> export(ExportFormat.CSV));
        Button exportJson = new Button("Export JSON Lines…");
        exportJson.setId("exportJsonButton");
        exportJson.setOnAction(e -> export(ExportFormat.JSON_LINES));
        exportCsv.disableProperty().bind(model.busyProperty());
        exportJson.disableProperty().bind(model.busyProperty());
        Button reload = new Button("Reload");
        reload.setOnAction(e -> model.reload());
        Label exportResult = new Label();
        exportResult.setId("exportResult");
        exportResult.textProperty().bind(model.exportResultProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, count, reload, verify, verifyResult, spacer, exportResult, exportCsv, exportJson);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox buildFooter() {
        Label path = new Label();
        path.setId("historyDatabasePath");
        path.textProperty().bind(Bindings.concat("Database: ", model.databasePathProperty()));
        path.getStyleClass().add("hint");
        HBox footer = new HBox(path);
        footer.setPadding(new Insets(6, 0, 0, 0));
        return footer;
    }

    private void export(ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the rows shown");
        chooser.setInitialFileName("callback-console-audit." + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + format.extension()));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            model.export(file.toPath(), format);
        }
    }

    @SuppressWarnings("unchecked")
    private void copyCell() {
        List<TablePosition> cells = table.getSelectionModel().getSelectedCells();
        if (cells.isEmpty() || cells.get(0).getTableColumn() == null) {
            return;
        }
        TablePosition<AuditRecord, ?> cell = cells.get(0);
        Object value = cell.getTableColumn().getCellData(cell.getRow());
        copy(value == null ? "" : value.toString());
    }

    private void copyRow() {
        AuditRecord record = table.getSelectionModel().getSelectedItem();
        if (record != null) {
            copy(AuditRecordText.row(record));
        }
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static double width(AuditColumn column) {
        return switch (column) {
            case SEQ -> 70;
            case RECORDED_AT -> 185;
            case KIND, ACTION, OUTCOME, REGION -> 80;
            case OPERATOR, CALLBACK_TOKEN, PROFILE, CALLER_ACCOUNT -> 110;
            case EXECUTION_ARN, RETURNED_EXECUTION_ARN, CALLER_ARN -> 320;
            case REASON, ERROR_MESSAGE, EXPLANATION, OUTPUT_PARAMETERS -> 240;
            case REQUEST_ID, CLIENT_REQUEST_TOKEN -> 260;
            case HASH -> 300;
            default -> 130;
        };
    }
}
