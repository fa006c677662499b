package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
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
import javafx.scene.Node;
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
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.controlsfx.control.table.TableRowExpanderColumn;

/**
 * The History tab: one row per decision (an intent with its latest outcome and attempts; its raw rows expand under
 * it), or every journal row; filtered, searched and sorted in SQLite and shown through windowed lists, with a detail
 * pane, copy, export and chain verification.
 */
public final class HistoryView extends BorderPane {
    /** Raw-event columns shown at first; the others are one click away in the table's column menu. */
    private static final Set<AuditColumn> SHOWN = EnumSet.of(AuditColumn.SEQ, AuditColumn.RECORDED_AT,
            AuditColumn.KIND, AuditColumn.ACTION, AuditColumn.OUTCOME, AuditColumn.OPERATOR, AuditColumn.CALLBACK_TOKEN,
            AuditColumn.PIPELINE_NAME, AuditColumn.STEP_NAME, AuditColumn.REASON, AuditColumn.RETURNED_EXECUTION_ARN,
            AuditColumn.ERROR_CODE, AuditColumn.REQUEST_ID, AuditColumn.CALLER_ARN);
    /** Decision fields shown at first: what an auditor reads at a glance, the reason near the left. */
    private static final Set<DecisionColumn> DECISION_SHOWN = EnumSet.of(DecisionColumn.DECIDED_AT,
            DecisionColumn.OPERATOR, DecisionColumn.ACTION, DecisionColumn.CALLBACK_TOKEN, DecisionColumn.REASON,
            DecisionColumn.OUTCOME, DecisionColumn.ATTEMPTS, DecisionColumn.PIPELINE_NAME, DecisionColumn.STEP_NAME,
            DecisionColumn.ERROR_CODE, DecisionColumn.ERROR_MESSAGE, DecisionColumn.RETURNED_EXECUTION_ARN);
    /** The raw rows of a decision, in the table that expands under it. */
    private static final List<AuditColumn> EVENT_COLUMNS = List.of(AuditColumn.SEQ, AuditColumn.RECORDED_AT,
            AuditColumn.KIND, AuditColumn.OUTCOME, AuditColumn.ERROR_CODE, AuditColumn.ERROR_MESSAGE,
            AuditColumn.RETURNED_EXECUTION_ARN, AuditColumn.REQUEST_ID, AuditColumn.OPERATOR);
    private static final double EVENT_ROW_HEIGHT = 24;

    private final HistoryViewModel model;
    private final TableView<AuditRecord> table = new TableView<>();
    private final TableView<DecisionRecord> decisionTable = new TableView<>();
    private final TextArea detail = new TextArea();
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
        buildDecisionTable();
        detail.setId("historyDetail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("monospace");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                detail.setText(AuditRecordText.details(now)));
        decisionTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) ->
                detail.setText(DecisionRecordText.details(now)));
        StackPane tables = new StackPane(decisionTable, table);
        showTableOf(model.shownProperty().get());
        model.shownProperty().addListener((obs, old, now) -> showTableOf(now));
        SplitPane split = new SplitPane(tables, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.72);

        setTop(new VBox(6, buildFilterBar(), buildActionBar(), buildResults()));
        setCenter(split);
        setBottom(buildFooter());
        setPadding(new Insets(8));
    }

    private void showTableOf(HistoryViewModel.Shown shown) {
        boolean decisions = shown == HistoryViewModel.Shown.DECISIONS;
        decisionTable.setVisible(decisions);
        table.setVisible(!decisions);
        TableView<?> now = decisions ? decisionTable : table;
        detail.setText("");
        now.getSelectionModel().clearSelection();
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
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue() == null ? null
                    : shown(c.getValue().get(column))));
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

    private void buildDecisionTable() {
        decisionTable.setId("decisionTable");
        decisionTable.setTableMenuButtonVisible(true);
        TableRowExpanderColumn<DecisionRecord> expander = new TableRowExpanderColumn<>(row -> eventsOf(row.getValue()));
        expander.setId("decisionExpander");
        expander.setText("");
        expander.setSortable(false);
        expander.setPrefWidth(34);
        expander.setMinWidth(34);
        decisionTable.getColumns().add(expander);
        for (DecisionColumn column : DecisionColumn.values()) {
            TableColumn<DecisionRecord, String> tc = new TableColumn<>(column.title());
            tc.setUserData(column);
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue() == null ? null
                    : column == DecisionColumn.OUTCOME ? DecisionRecordText.outcome(c.getValue())
                    : shown(c.getValue().get(column))));
            tc.setPrefWidth(width(column));
            tc.setVisible(DECISION_SHOWN.contains(column));
            decisionTable.getColumns().add(tc);
        }
        decisionTable.setItems(model.decisions());
        decisionTable.setSortPolicy(t -> {
            model.sortDecisionsBy(currentDecisionSort());
            return true;
        });
        Label placeholder = new Label();
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.stateProperty());
        decisionTable.setPlaceholder(placeholder);
        MenuItem copyRow = new MenuItem("Copy decision");
        copyRow.setOnAction(e -> copyDecision());
        decisionTable.setContextMenu(new ContextMenu(copyRow));
        decisionTable.setOnKeyPressed(e -> {
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
            TableColumn<AuditRecord, String> tc = new TableColumn<>(column.title());
            tc.setUserData(column);
            tc.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(shown(c.getValue().get(column))));
            tc.setPrefWidth(width(column));
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
                detail.setText(AuditRecordText.details(now));
            }
        });
        VBox box = new VBox(events);
        box.setPadding(new Insets(2, 4, 6, 34));
        return box;
    }

    private DecisionSort currentDecisionSort() {
        if (decisionTable.getSortOrder().isEmpty()
                || !(decisionTable.getSortOrder().get(0).getUserData() instanceof DecisionColumn column)) {
            return DecisionSort.NEWEST_FIRST;
        }
        return new DecisionSort(column,
                decisionTable.getSortOrder().get(0).getSortType() == TableColumn.SortType.ASCENDING);
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
        from.setMinWidth(Region.USE_PREF_SIZE);
        to.setId("historyTo");
        to.setPromptText("to (date, inclusive)");
        to.setPrefWidth(175); // the whole prompt in view
        to.setMinWidth(Region.USE_PREF_SIZE);
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
        clear.setId("clearFiltersButton");
        clear.setMinWidth(Region.USE_PREF_SIZE);
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

    /**
     * The count, what is listed, and the actions. Every labelled control keeps its preferred width (a result of
     * verify or export goes on the line below), so none is ever cut to "12 r…" or "Verify ch…".
     */
    private HBox buildActionBar() {
        Label count = new Label();
        count.setId("historyCount");
        count.textProperty().bind(model.rowCountTextProperty());
        ToggleGroup listing = new ToggleGroup();
        ToggleButton decisions = new ToggleButton("Decisions");
        decisions.setId("showDecisions");
        ToggleButton events = new ToggleButton("Raw events");
        events.setId("showEvents");
        decisions.setToggleGroup(listing);
        events.setToggleGroup(listing);
        (model.shownProperty().get() == HistoryViewModel.Shown.DECISIONS ? decisions : events).setSelected(true);
        model.shownProperty().addListener((obs, old, now) ->
                (now == HistoryViewModel.Shown.DECISIONS ? decisions : events).setSelected(true));
        listing.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one of the two is always chosen
            } else {
                model.show(now == decisions ? HistoryViewModel.Shown.DECISIONS : HistoryViewModel.Shown.EVENTS);
            }
        });
        // A head noted earlier (an export's header, a verify a colleague ran, a ticket) is the check that the file
        // was not cut back or rewritten since, which the chain alone cannot tell.
        TextField notedHead = new TextField();
        notedHead.setId("notedHead");
        notedHead.setPromptText("Noted head SEQ:HASH (optional)");
        notedHead.setPrefColumnCount(18);
        notedHead.setTooltip(new Tooltip("A chain head noted earlier, as an export's header or an earlier verify"
                + " states it (SEQ:HASH; several apart by spaces). Verify chain then also checks that each is still"
                + " on the chain: a history cut back or rewritten since it was noted fails."));
        notedHead.setAccessibleText("Noted chain head to check");
        Button verify = new Button("Verify chain");
        verify.setId("verifyButton");
        verify.disableProperty().bind(model.busyProperty());
        verify.setOnAction(e -> model.verify(notedHead.getText()));
        notedHead.setOnAction(e -> verify.fire());
        Button exportCsv = new Button("Export CSV…");
        exportCsv.setId("exportCsvButton");
        exportCsv.setOnAction(e -> export(ExportFormat.CSV));
        Button exportJson = new Button("Export JSON Lines…");
        exportJson.setId("exportJsonButton");
        exportJson.setOnAction(e -> export(ExportFormat.JSON_LINES));
        exportCsv.disableProperty().bind(model.busyProperty());
        exportJson.disableProperty().bind(model.busyProperty());
        Button reload = new Button("Reload");
        reload.setId("reloadButton");
        reload.setOnAction(e -> model.reload());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, count, decisions, events, reload, notedHead, verify, spacer, exportCsv, exportJson);
        for (Node child : bar.getChildren()) {
            if (child instanceof Region region && child != spacer) {
                region.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** What verify and export said, each on a line of its own that wraps; hidden while empty. */
    private VBox buildResults() {
        Label verifyResult = new Label();
        verifyResult.setId("verifyResult");
        verifyResult.textProperty().bind(model.verifyResultProperty());
        model.verifyFailedProperty().addListener((obs, old, failed) -> {
            verifyResult.getStyleClass().removeAll("counter-over");
            if (failed) {
                verifyResult.getStyleClass().add("counter-over");
            }
        });
        Label exportResult = new Label();
        exportResult.setId("exportResult");
        exportResult.textProperty().bind(model.exportResultProperty());
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
        path.textProperty().bind(Bindings.concat("Database: ", model.databasePathProperty()));
        path.getStyleClass().add("hint");
        HBox footer = new HBox(path);
        footer.setPadding(new Insets(6, 0, 0, 0));
        return footer;
    }

    private void export(ExportFormat format) {
        FileChooser chooser = new FileChooser();
        boolean decisions = model.shownProperty().get() == HistoryViewModel.Shown.DECISIONS;
        chooser.setTitle(decisions ? "Export the decisions shown" : "Export the rows shown");
        chooser.setInitialFileName((decisions ? "callback-console-decisions." : "callback-console-audit.")
                + format.extension());
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

    private void copyDecision() {
        DecisionRecord decision = decisionTable.getSelectionModel().getSelectedItem();
        if (decision != null) {
            copy(DecisionRecordText.row(decision));
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
            case RECORDED_AT -> 210; // the whole instant, milliseconds and zone included
            case KIND, ACTION, OUTCOME, REGION -> 80;
            case OPERATOR, CALLBACK_TOKEN, PROFILE, CALLER_ACCOUNT -> 110;
            case EXECUTION_ARN, RETURNED_EXECUTION_ARN, CALLER_ARN -> 320;
            case REASON, ERROR_MESSAGE, EXPLANATION, OUTPUT_PARAMETERS -> 240;
            case REQUEST_ID, CLIENT_REQUEST_TOKEN -> 260;
            case HASH -> 300;
            default -> 130;
        };
    }

    private static double width(DecisionColumn column) {
        return switch (column) {
            case DECIDED_AT, OUTCOME_RECORDED_AT -> 210;
            case ACTION, OUTCOME, ATTEMPTS -> 80;
            case OPERATOR, CALLBACK_TOKEN, ERROR_CODE -> 110;
            case REASON, ERROR_MESSAGE, EXPLANATION, OUTPUT_PARAMETERS -> 240;
            case EXECUTION_ARN, RETURNED_EXECUTION_ARN -> 320;
            case REQUEST_ID, CLIENT_REQUEST_TOKEN -> 260;
            default -> 130;
        };
    }

    /**
     * A stored value as a cell shows it: rows hold what outside text said (error messages, rows an older console
     * wrote), so control and bidirectional characters are shown escaped, never obeyed.
     */
    private static String shown(String value) {
        return value == null ? null : DisplayText.escape(value);
    }
}
