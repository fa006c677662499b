package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.RememberedColumns;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.PinnedColumn;
import io.callbackconsole.ui.common.WindowWords;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The pending table with its filter and the Find-waiting controls above it. Rows keep their identity across
 * snapshots, so the table's selection is the operator's alone: it flows to the view model and never back.
 */
final class PendingTablePane extends BorderPane {
    /** How long a new row must stay on screen, the Pending tab in front in the focused window, to count as seen. */
    static final Duration SEEN_AFTER = Duration.ofSeconds(3);
    /** The name the table's columns are saved under (an older settings file holds its shown columns there). */
    static final String REMEMBERED_AS = "pending";
    private final PendingTableViewModel model;
    private final TableView<PendingRow> table = new TableView<>();
    private final TextField filterField = new TextField();
    private final CheckBox overdueFirst = new CheckBox(WindowWords.text("pending.overdueFirst"));
    /** Runs while the operator looks at the table and rows are new; see {@link #markSeenAfterALook()}. */
    private final PauseTransition look = new PauseTransition(javafx.util.Duration.millis(SEEN_AFTER.toMillis()));
    private Set<PendingRow> onScreenAtLookStart = Set.of();
    /** The row cells the table made (a screenful and a few more); weak, as the table may drop them. */
    private final Set<PendingTableCells.PendingTableRow> liveRows = Collections.newSetFromMap(new WeakHashMap<>());

    PendingTablePane(PendingTableViewModel model, DiscoveryViewModel discovery) {
        this.model = model;
        filterField.setId("pendingFilter");
        filterField.setPromptText(WindowWords.text("pending.filter.prompt"));
        filterField.textProperty().bindBidirectional(model.filterProperty());
        // Esc clears the filter (and only then is consumed, so Esc still reaches the window when there is none).
        filterField.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE && !filterField.getText().isEmpty()) {
                model.clearFilter();
                event.consume();
            }
        });
        buildTable();

        DiscoveryControls find = new DiscoveryControls(discovery);
        HBox.setHgrow(filterField, Priority.ALWAYS);
        overdueFirst.setId("overdueFirstToggle");
        overdueFirst.setTooltip(new Tooltip(WindowWords.text("pending.overdueFirst.tooltip")));
        overdueFirst.selectedProperty().bindBidirectional(model.overdueFirstProperty());
        HBox top = new HBox(6, filterField, overdueFirst, find.findButton(), find.windowChoice(),
                find.cancelButton());
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(4, top, find.progressLabel());
        setCenter(table);
        BorderPane.setMargin(header, new Insets(0, 0, 6, 0));
        setTop(header);
        setPadding(new Insets(8));
    }

    private void buildTable() {
        table.setId("pendingTable");
        // Several rows can be selected together for one bulk decision; the detail pane shows the focused one.
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableColumn<PendingRow, String> token = column(WindowWords.text("pending.column.token"), "Token", PendingRow::token, 110);
        token.setCellFactory(c -> new PendingTableCells.TokenCell(model));
        table.getColumns().add(token);
        table.getColumns().add(column(WindowWords.text("pending.column.pipeline"), "Pipeline", PendingRow::pipelineDisplayName, 150));
        table.getColumns().add(column(WindowWords.text("pending.column.step"), "Step", PendingRow::stepText, 120));
        TableColumn<PendingRow, PendingRow> status = new TableColumn<>(WindowWords.text("pending.column.status"));
        status.setUserData("Status");
        status.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        status.setComparator(Comparator.comparing(PendingRow::statusLine));
        status.setCellFactory(c -> new PendingTableCells.StatusCell());
        // The message's, the execution's and the step's status in one column: one word when they agree, each that
        // differs named after it ("Executing · step Failed").
        status.setPrefWidth(200);
        table.getColumns().add(status);
        table.getColumns().add(column(WindowWords.text("pending.column.startedBy"), "Started by", PendingRow::startedByText, 110));
        // Past the age alarm the age says so in words: the row's colour alone would not reach every operator.
        TableColumn<PendingRow, String> stepAge = column(WindowWords.text("pending.column.stepAge"), "Step age", r -> model.ageAlarms().over(r)
                ? r.stepAge() + " · " + model.ageAlarms().of(r).text() : r.stepAge(), 90);
        stepAge.setSortable(false);
        table.getColumns().add(stepAge);
        table.getColumns().add(column(WindowWords.text("pending.column.execution"), "Execution", PendingRow::executionId, 120));
        table.getColumns().add(column(WindowWords.text("pending.column.arguments"), "Arguments", PendingRow::argumentsSummary, 220));
        TableColumn<PendingRow, Instant> received = new TableColumn<>(WindowWords.text("pending.column.receivedAt"));
        received.setUserData("Received at");
        received.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().receivedAt()));
        received.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.localTime(item));
            }
        });
        received.setPrefWidth(150);
        table.getColumns().add(received);
        TableColumn<PendingRow, String> age = column(WindowWords.text("pending.column.age"), "Age", PendingRow::age, 80);
        // Its text does not sort by time ("9 min" after "10 min"); sort by "Received at" instead.
        age.setSortable(false);
        table.getColumns().add(age);
        TableColumn<PendingRow, PendingRow> receives = new TableColumn<>(WindowWords.text("pending.column.receives"));
        receives.setUserData("Receives");
        receives.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        receives.setComparator(Comparator.comparingInt(PendingRow::receiveCount));
        receives.setCellFactory(c -> new PendingTableCells.ReceivesCell());
        receives.setPrefWidth(88);
        table.getColumns().add(receives);
        table.getColumns().add(column(WindowWords.text("pending.column.queue"), "Queue", PendingRow::queueName, 130));

        showChosenColumns();
        // The token names the row: it stays in view when the table scrolls sideways.
        PinnedColumn.pin(table, token);

        SortedList<PendingRow> sorted = new SortedList<>(model.filteredRows());
        // Overdue first, on request: the rows past their alarm on top, each group in the order the header sets.
        javafx.beans.binding.ObjectBinding<Comparator<PendingRow>> order = Bindings.createObjectBinding(() -> {
            Comparator<PendingRow> byHeader = table.getComparator();
            if (!model.overdueFirstProperty().get()) {
                return byHeader;
            }
            Comparator<PendingRow> overdue = Comparator.comparing(r -> !model.ageAlarms().over(r));
            return byHeader == null ? overdue : overdue.thenComparing(byHeader);
        }, table.comparatorProperty(), model.overdueFirstProperty());
        sorted.comparatorProperty().bind(order);
        // Which rows are overdue changes with every snapshot, so they are sorted again then, but only while Overdue
        // first is on: invalidating the order re-sorts every row, 100 000 of them in a large backlog.
        model.revisionProperty().addListener((obs, old, revision) -> {
            if (model.overdueFirstProperty().get()) {
                order.invalidate();
            }
        });
        table.setItems(sorted);
        table.setRowFactory(t -> {
            PendingTableCells.PendingTableRow row = new PendingTableCells.PendingTableRow(model);
            liveRows.add(row);
            return row;
        });
        // Rows keep their objects when a snapshot changes them, so the table does not redraw them by itself.
        model.revisionProperty().addListener((obs, old, revision) -> liveRows.forEach(PendingTableCells.PendingTableRow::showNewState));
        model.newCountProperty().addListener((obs, old, count) -> liveRows.forEach(PendingTableCells.PendingTableRow::showNewState));
        markSeenAfterALook();

        Label placeholder = new Label();
        placeholder.setId("pendingPlaceholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.placeholderProperty());
        Hyperlink clearFilter = new Hyperlink(WindowWords.text("pending.clearFilter"));
        clearFilter.setId("clearFilterLink");
        clearFilter.visibleProperty().bind(model.filterHidesAllProperty());
        clearFilter.managedProperty().bind(clearFilter.visibleProperty());
        clearFilter.setOnAction(e -> model.clearFilter());
        HBox empty = new HBox(4, placeholder, clearFilter);
        empty.setAlignment(Pos.CENTER);
        empty.setMaxWidth(Region.USE_PREF_SIZE);
        table.setPlaceholder(empty);

        var selection = table.getSelectionModel();
        selection.selectedItemProperty().addListener((obs, old, row) -> reportSelection());
        selection.getSelectedItems().addListener((ListChangeListener<PendingRow>) change -> reportSelection());
        model.selectionRequestProperty().addListener((obs, old, request) -> {
            if (request != null) {
                restore(request);
            }
        });

        table.setOnKeyPressed(event -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(event)) {
                model.selectedCallback().ifPresent(cb -> {
                    ClipboardContent content = new ClipboardContent();
                    content.putString(cb.token().value());
                    Clipboard.getSystemClipboard().setContent(content);
                });
                event.consume();
            }
        });
    }

    /**
     * The column menu (the "+" in the header) lets the operator choose columns; the choice lives in the view model,
     * where settings can save it, and flows both ways.
     */
    private void showChosenColumns() {
        table.setTableMenuButtonVisible(true);
        boolean[] applying = {false};
        Runnable apply = () -> {
            Set<String> shown = model.shownColumnsProperty().get();
            // One change of the choice, not one per column it shows or hides (a settings store saves each change).
            applying[0] = true;
            try {
                for (TableColumn<PendingRow, ?> column : table.getColumns()) {
                    column.setVisible(shown == null || shown.contains(idOf(column)));
                }
            } finally {
                applying[0] = false;
            }
        };
        apply.run();
        model.shownColumnsProperty().addListener((obs, old, shown) -> apply.run());
        for (TableColumn<PendingRow, ?> column : table.getColumns()) {
            column.visibleProperty().addListener((obs, was, visible) -> {
                if (applying[0]) {
                    return;
                }
                Set<String> shown = table.getColumns().stream().filter(TableColumn::isVisible)
                        .map(PendingTablePane::idOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
                if (!shown.equals(model.shownColumnsProperty().get())) {
                    model.shownColumnsProperty().set(shown);
                }
            });
        }
    }

    /** Selects the rows the operator had selected before a reconnect; the focused one last, so it shows. */
    private void restore(PendingTableViewModel.SelectionRequest request) {
        var selection = table.getSelectionModel();
        selection.clearSelection();
        for (PendingRow row : request.together()) {
            int index = table.getItems().indexOf(row);
            if (index >= 0) {
                selection.select(index);
            }
        }
        int focused = table.getItems().indexOf(request.focused());
        if (focused >= 0) {
            selection.select(focused);
            table.getFocusModel().focus(focused);
            table.scrollTo(focused);
        }
        model.selectionRestored();
    }

    /**
     * A new row is seen once it has been on screen for {@link #SEEN_AFTER} while the Pending tab is in front in the
     * focused window: the rows on screen both when the look began and when it ends lose their mark, and the next look
     * begins while new rows are left. Leaving the tab or the window stops the look.
     */
    private void markSeenAfterALook() {
        Runnable startOrStop = () -> {
            if (model.lookingProperty().get() && model.newCountProperty().get() > 0) {
                if (look.getStatus() != javafx.animation.Animation.Status.RUNNING) {
                    onScreenAtLookStart = rowsOnScreen();
                    look.playFromStart();
                }
            } else {
                look.stop();
            }
        };
        look.setOnFinished(e -> {
            Set<PendingRow> seen = new java.util.HashSet<>(onScreenAtLookStart);
            seen.retainAll(rowsOnScreen());
            onScreenAtLookStart = Set.of();
            model.seen(seen);
            startOrStop.run();
        });
        model.lookingProperty().addListener((obs, was, now) -> startOrStop.run());
        model.newCountProperty().addListener((obs, was, now) -> startOrStop.run());
    }

    /** The rows whose cells are drawn inside the table's viewport now. */
    private Set<PendingRow> rowsOnScreen() {
        if (table.getScene() == null) {
            return Set.of();
        }
        javafx.geometry.Bounds view = table.localToScene(table.getLayoutBounds());
        Set<PendingRow> shown = new java.util.HashSet<>();
        for (PendingTableCells.PendingTableRow row : liveRows) {
            if (row.getItem() != null && !row.isEmpty() && row.isVisible() && row.getScene() != null
                    && view.intersects(row.localToScene(row.getLayoutBounds()))) {
                shown.add(row.getItem());
            }
        }
        return shown;
    }

    private void reportSelection() {
        var selection = table.getSelectionModel();
        model.select(selection.getSelectedItem(),
                selection.getSelectedItems().stream().filter(Objects::nonNull).toList());
    }

    void focusFilter() {
        filterField.requestFocus();
    }

    /**
     * Tab (without modifiers) on the table runs {@code next} instead of the default traversal, which would walk the
     * details pane's title and tabs before the decision is reached.
     */
    void onTabForward(Runnable next) {
        table.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.TAB && !event.isShiftDown() && !event.isControlDown()
                    && !event.isAltDown() && !event.isMetaDown()) {
                event.consume();
                next.run();
            }
        });
    }

    /**
     * Keeps the operator's order, visibility and widths of the columns across starts, in {@code store} as
     * {@value #REMEMBERED_AS}. FX thread.
     */
    void rememberColumns(ColumnChoices store, TaskExecutor tasks) {
        RememberedColumns.keep(table, REMEMBERED_AS, PendingTablePane::idOf, store, tasks);
    }

    /** A column's id: one of {@link PendingTableViewModel#ALL_COLUMNS}, whatever its title says. */
    static String idOf(TableColumn<PendingRow, ?> column) {
        return (String) column.getUserData();
    }

    private static TableColumn<PendingRow, String> column(String title, String id, Function<PendingRow, String> value,
                                                          double width) {
        TableColumn<PendingRow, String> column = new TableColumn<>(title);
        column.setUserData(id);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setCellFactory(c -> new PendingTableCells.FullTextCell());
        column.setPrefWidth(width);
        return column;
    }
}
