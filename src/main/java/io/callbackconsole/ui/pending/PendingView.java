package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.Formats;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Pending tab: the table of tokens waiting for a decision, the selected one's details, and the decision form. */
public final class PendingView extends SplitPane {
    private final PendingCallbacksViewModel model;
    private final TableView<PendingRow> table = new TableView<>();
    private final TextField filterField = new TextField();
    private final TextArea reasonArea = new TextArea();

    public PendingView(PendingCallbacksViewModel model) {
        this.model = model;
        getStyleClass().add("pending-view");
        getItems().addAll(buildTablePane(), buildDetailPane());
        setDividerPositions(0.62);
    }

    private BorderPane buildTablePane() {
        filterField.setId("pendingFilter");
        filterField.setPromptText("Filter by token, pipeline, execution, status, arguments, queue (Ctrl+F)");
        filterField.textProperty().bindBidirectional(model.filterProperty());

        table.setId("pendingTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.getColumns().add(column("Token", PendingRow::token, 110));
        table.getColumns().add(column("Pipeline", PendingRow::pipelineName, 150));
        table.getColumns().add(column("Execution", PendingRow::executionId, 120));
        TableColumn<PendingRow, String> status = column("Status", PendingRow::statusText, 110);
        status.setCellFactory(c -> new StatusCell());
        table.getColumns().add(status);
        table.getColumns().add(column("Arguments", PendingRow::argumentsSummary, 220));
        TableColumn<PendingRow, Instant> received = new TableColumn<>("Received at");
        received.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().receivedAt()));
        received.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Instant item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.localTime(item));
            }
        });
        received.setPrefWidth(150);
        table.getColumns().add(received);
        TableColumn<PendingRow, String> age = column("Age", PendingRow::age, 80);
        // Its text does not sort by time ("9 min" after "10 min"); sort by "Received at" instead.
        age.setSortable(false);
        table.getColumns().add(age);
        TableColumn<PendingRow, Integer> receives = new TableColumn<>("Receives");
        receives.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().receiveCount()));
        receives.setPrefWidth(75);
        table.getColumns().add(receives);
        table.getColumns().add(column("Queue", PendingRow::queueName, 130));

        SortedList<PendingRow> sorted = new SortedList<>(model.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        Label placeholder = new Label();
        placeholder.setId("pendingPlaceholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.tableStateProperty());
        table.setPlaceholder(placeholder);

        // Selection flows table → model; after a snapshot the model reselects by token and the table follows.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                model.selectedProperty().set(row);
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> showSelection());
        // Replacing the rows clears the table's selection; put the model's selection back after each snapshot.
        table.getItems().addListener((ListChangeListener<PendingRow>) change -> showSelection());

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

        BorderPane pane = new BorderPane(table);
        BorderPane.setMargin(filterField, new Insets(0, 0, 6, 0));
        pane.setTop(filterField);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private VBox buildDetailPane() {
        Label executionArn = detailValue("detailExecutionArn");
        Label pipeline = detailValue("detailPipeline");
        Label status = detailValue("detailStatus");
        Label token = detailValue("detailToken");
        Label queue = detailValue("detailQueue");
        Label firstSent = detailValue("detailFirstSent");
        TextArea arguments = readOnlyArea("detailArguments", 6);
        TextArea rawBody = readOnlyArea("detailRawBody", 4);

        GridPane facts = new GridPane();
        facts.setHgap(8);
        facts.setVgap(4);
        int row = 0;
        for (Object[] fact : new Object[][] {{"Token", token}, {"Pipeline", pipeline}, {"Execution ARN", executionArn},
                {"Status", status}, {"Queue", queue}, {"Waiting since", firstSent}}) {
            Label name = new Label((String) fact[0]);
            name.getStyleClass().add("detail-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            facts.addRow(row++, name, (Label) fact[1]);
        }

        model.selectedProperty().addListener((obs, old, selectedRow) -> {
            PendingCallback cb = selectedRow == null ? null : selectedRow.callback();
            if (old != null && cb != null && old.callback().equals(cb)) {
                return; // the same callback from a newer snapshot: keep the operator's scroll positions
            }
            token.setText(cb == null ? "" : cb.token().value());
            pipeline.setText(cb == null ? "" : cb.executionArn().pipelineName());
            executionArn.setText(cb == null ? "" : cb.executionArn().value());
            status.setText(cb == null ? "" : selectedRow.statusText());
            status.getStyleClass().remove("stop-requested");
            if (cb != null && cb.stopRequested()) {
                status.getStyleClass().add("stop-requested");
            }
            queue.setText(cb == null ? "" : cb.queueUrl());
            firstSent.setText(cb == null ? "" : Formats.localTime(cb.firstSentAt()));
            arguments.setText(cb == null ? "" : cb.message().argumentsJson());
            rawBody.setText(cb == null ? "" : cb.rawBody());
        });

        VBox details = new VBox(6, facts, new Label("Arguments"), arguments, new Label("Raw message"), rawBody);
        details.setPadding(new Insets(8));
        TitledPane detailsPane = new TitledPane("Details", details);
        detailsPane.setCollapsible(false);

        TitledPane decisionPane = new TitledPane("Decision", buildDecisionForm());
        decisionPane.setCollapsible(false);

        VBox right = new VBox(8, detailsPane, decisionPane);
        right.setPadding(new Insets(8));
        VBox.setVgrow(detailsPane, Priority.ALWAYS);
        return right;
    }

    private VBox buildDecisionForm() {
        reasonArea.setId("reasonField");
        reasonArea.setPromptText("Why this step fails (shown in SageMaker as the step's failure reason)");
        reasonArea.setWrapText(true);
        reasonArea.setPrefRowCount(3);
        reasonArea.textProperty().bindBidirectional(model.reasonProperty());

        Label counter = new Label();
        counter.setId("reasonCounter");
        counter.textProperty().bind(model.reasonCounterProperty());
        model.reasonCounterProperty().addListener((obs, old, text) -> counter.getStyleClass().setAll("label",
                FailureReason.lengthOf(model.reasonProperty().get()) > FailureReason.MAX_LENGTH
                        ? "counter-over" : "counter"));

        Button submit = new Button("Fail step (Ctrl+Enter)");
        submit.setId("submitButton");
        submit.getStyleClass().add("danger");
        submit.disableProperty().bind(model.submitDisabledProperty());
        submit.setOnAction(e -> model.submit());
        reasonArea.setOnKeyPressed(event -> {
            if (new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN).match(event)) {
                model.submit();
                event.consume();
            }
        });

        Label blocked = new Label();
        blocked.setId("submitBlockedReason");
        blocked.setWrapText(true);
        blocked.getStyleClass().add("hint");
        blocked.textProperty().bind(model.submitBlockedBecauseProperty());

        Label result = new Label();
        result.setId("submissionResult");
        result.setWrapText(true);
        result.textProperty().bind(model.lastResultProperty());
        model.lastResultStatusProperty().addListener((obs, old, status) -> result.getStyleClass().setAll("label",
                status == null ? "hint" : status == SubmissionResult.Status.ACCEPTED ? "result-ok" : "result-error"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, submit, spacer, counter);
        VBox form = new VBox(6, reasonArea, actions, blocked, result);
        form.setPadding(new Insets(8));
        return form;
    }

    private void showSelection() {
        PendingRow row = model.selectedProperty().get();
        if (row == null) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != row) {
            table.getSelectionModel().select(row);
        }
    }

    public void focusFilter() {
        filterField.requestFocus();
    }

    private static Label detailValue(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.getStyleClass().add("detail-value");
        return label;
    }

    private static TextArea readOnlyArea(String id, int rows) {
        TextArea area = new TextArea();
        area.setId(id);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(rows);
        area.getStyleClass().add("monospace");
        return area;
    }

    private static TableColumn<PendingRow, String> column(String title, Function<PendingRow, String> value, double width) {
        TableColumn<PendingRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }

    /** Makes "Stop requested" stand out: the execution waits for an answer to stop. */
    private static final class StatusCell extends javafx.scene.control.TableCell<PendingRow, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            getStyleClass().remove("stop-requested");
            if (!empty && "Stop requested".equals(item)) {
                getStyleClass().add("stop-requested");
            }
        }
    }
}
