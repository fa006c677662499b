package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineContext;
import io.callbackconsole.domain.PipelineParameter;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.LazyContent;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
    private static Consumer<String> linkOpener = url -> {
        ClipboardContent content = new ClipboardContent();
        content.putString(url);
        Clipboard.getSystemClipboard().setContent(content);
    };
    private Predicate<String> confirmer = PendingView::confirmWithDialog;
    private boolean restoringSelection;
    private boolean selectingFromTable;

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
        // Several rows can be selected together for one bulk decision; the detail pane shows the focused one.
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getColumns().add(column("Token", PendingRow::token, 110));
        table.getColumns().add(column("Pipeline", PendingRow::pipelineDisplayName, 150));
        table.getColumns().add(column("Step", PendingRow::stepName, 120));
        TableColumn<PendingRow, String> status = column("Status", PendingRow::statusText, 130);
        status.setCellFactory(c -> new StatusCell());
        table.getColumns().add(status);
        table.getColumns().add(column("Execution status", PendingRow::executionStatus, 110));
        table.getColumns().add(column("Step status", PendingRow::stepStatus, 90));
        table.getColumns().add(column("Started by", PendingRow::startedBy, 110));
        TableColumn<PendingRow, String> stepAge = column("Step age", PendingRow::stepAge, 80);
        stepAge.setSortable(false);
        table.getColumns().add(stepAge);
        table.getColumns().add(column("Execution", PendingRow::executionId, 120));
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
        TableColumn<PendingRow, PendingRow> receives = new TableColumn<>("Receives");
        receives.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        receives.setComparator(java.util.Comparator.comparingInt(PendingRow::receiveCount));
        receives.setCellFactory(c -> new ReceivesCell());
        receives.setPrefWidth(75);
        table.getColumns().add(receives);
        table.getColumns().add(column("Queue", PendingRow::queueName, 130));

        SortedList<PendingRow> sorted = new SortedList<>(model.filteredRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PendingRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("stale-row", "stop-row");
                if (!empty && item != null && item.stale()) {
                    getStyleClass().add("stale-row");
                } else if (!empty && item != null && item.stopRequested()) {
                    getStyleClass().add("stop-row");
                }
            }
        });

        Label placeholder = new Label();
        placeholder.setId("pendingPlaceholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(model.tableStateProperty());
        table.setPlaceholder(placeholder);

        // Selection flows table → model; after a snapshot the model reselects by token and the table follows.
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                // The table is mid-change (a multi-select); selecting again from the model would collapse it.
                selectingFromTable = true;
                try {
                    model.selectedProperty().set(row);
                } finally {
                    selectingFromTable = false;
                }
            }
        });
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<PendingRow>) change -> {
            if (!restoringSelection && !model.applyingSnapshot()) {
                model.choose(table.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull)
                        .map(PendingRow::token).toList());
            }
        });
        model.selectedProperty().addListener((obs, old, row) -> showSelection());
        // Replacing the rows clears the table's selection; put the model's selection back after each snapshot.
        table.getItems().addListener((ListChangeListener<PendingRow>) change -> restoreSelection());

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

        Button find = new Button("Find waiting");
        find.setId("findWaitingButton");
        LazyContent.tooltipOnFirstHover(find, "Ask SageMaker for every callback step still waiting, "
                + "including those whose SQS message is gone");
        find.disableProperty().bind(model.findingProperty());
        find.setOnAction(e -> model.findWaiting());
        Button cancel = new Button("Cancel");
        cancel.setId("cancelFindButton");
        cancel.visibleProperty().bind(model.findingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancelFind());
        Label findProgress = new Label();
        findProgress.setId("findProgress");
        findProgress.getStyleClass().add("hint");
        findProgress.textProperty().bind(model.findProgressProperty());
        HBox.setHgrow(filterField, Priority.ALWAYS);
        // How far back discovery lists executions: each day more costs ListPipelineExecutions pages per pipeline.
        // A ChoiceBox: a ComboBox builds its list and list skin with the window, which the first frame pays for.
        ChoiceBox<Integer> windowDays = new ChoiceBox<>(FXCollections.observableArrayList(1, 3, 7, 14, 30, 90));
        windowDays.setId("findWindowDays");
        windowDays.setValue((int) model.discoveryWindowProperty().get().toDays());
        windowDays.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer days) {
                return days == null ? "" : "last " + days + (days == 1 ? " day" : " days");
            }

            @Override
            public Integer fromString(String text) {
                return windowDays.getValue();
            }
        });
        windowDays.valueProperty().addListener((obs, old, days) -> {
            if (days != null) {
                model.discoveryWindowProperty().set(java.time.Duration.ofDays(days));
            }
        });
        windowDays.disableProperty().bind(model.findingProperty());
        HBox top = new HBox(6, filterField, find, windowDays, cancel);
        VBox header = new VBox(4, top, findProgress);
        findProgress.managedProperty().bind(model.findProgressProperty().isNotEmpty());

        BorderPane pane = new BorderPane(table);
        BorderPane.setMargin(header, new Insets(0, 0, 6, 0));
        pane.setTop(header);
        pane.setPadding(new Insets(8));
        return pane;
    }

    /** The selected callback's facts, pipeline context, arguments and raw message. */
    private ScrollPane buildDetails() {
        Label executionArn = detailValue("detailExecutionArn");
        Label pipeline = detailValue("detailPipeline");
        Label status = detailValue("detailStatus");
        Label token = detailValue("detailToken");
        Label queue = detailValue("detailQueue");
        Label firstSent = detailValue("detailFirstSent");
        Label step = detailValue("detailStep");
        Label executionStatus = detailValue("detailExecutionStatus");
        Label startedBy = detailValue("detailStartedBy");
        Label executionName = detailValue("detailExecutionName");
        Label lookup = detailValue("detailLookup");
        Label receivesWarning = detailValue("detailDeadLetterWarning");
        receivesWarning.getStyleClass().add("stop-requested");
        receivesWarning.managedProperty().bind(receivesWarning.textProperty().isNotEmpty());
        Hyperlink consoleLink = new Hyperlink();
        consoleLink.setId("consoleLink");
        consoleLink.setOnAction(e -> {
            String url = (String) consoleLink.getUserData();
            if (url != null) {
                linkOpener.accept(url);
            }
        });
        TableView<PipelineParameter> parameters = new TableView<>();
        parameters.setId("detailParameters");
        parameters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PipelineParameter, String> parameterName = new TableColumn<>("Parameter");
        parameterName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        TableColumn<PipelineParameter, String> parameterValue = new TableColumn<>("Value");
        parameterValue.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value()));
        parameters.getColumns().add(parameterName);
        parameters.getColumns().add(parameterValue);
        parameters.setPlaceholder(new Label("No parameters known"));
        TextArea arguments = readOnlyArea("detailArguments", 6);
        TextArea rawBody = readOnlyArea("detailRawBody", 4);

        GridPane facts = new GridPane();
        facts.setHgap(8);
        facts.setVgap(4);
        int row = 0;
        for (Object[] fact : new Object[][] {{"Token", token}, {"Pipeline", pipeline}, {"Step", step},
                {"Execution", executionName}, {"Execution ARN", executionArn}, {"Execution status", executionStatus},
                {"Status", status}, {"Started by", startedBy}, {"Queue", queue}, {"Waiting since", firstSent},
                {"SageMaker", lookup}}) {
            Label name = new Label((String) fact[0]);
            name.getStyleClass().add("detail-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            facts.addRow(row++, name, (Label) fact[1]);
        }

        ChangeListener<PendingRow> showDetails = (obs, old, selectedRow) -> {
            PendingCallback cb = selectedRow == null ? null : selectedRow.callback();
            if (old != null && cb != null && old.callback().equals(cb) && old.context().equals(selectedRow.context())) {
                return; // the same callback from a newer snapshot: keep the operator's scroll positions
            }
            showContext(selectedRow, step, executionStatus, startedBy, executionName, lookup, consoleLink, parameters);
            token.setText(cb == null ? "" : cb.token().value());
            pipeline.setText(cb == null ? "" : selectedRow.pipelineDisplayName()
                    + (selectedRow.pipelineDisplayName().equals(cb.executionArn().pipelineName()) ? ""
                    : " (" + cb.executionArn().pipelineName() + ")"));
            executionArn.setText(cb == null ? "" : cb.executionArn().value());
            status.setText(cb == null ? "" : selectedRow.statusText());
            status.getStyleClass().remove("stop-requested");
            if (cb != null && selectedRow.stopRequested()) {
                status.getStyleClass().add("stop-requested");
            }
            queue.setText(cb == null ? "" : cb.queueUrl());
            firstSent.setText(cb == null ? "" : Formats.localTime(cb.firstSentAt()));
            arguments.setText(cb == null ? "" : cb.message().argumentsJson());
            rawBody.setText(cb == null ? "" : cb.rawBody());
            receivesWarning.setText(selectedRow == null ? "" : selectedRow.deadLetterWarning());
        };
        model.selectedProperty().addListener(showDetails);
        showDetails.changed(model.selectedProperty(), null, model.selectedProperty().get());

        // Parameters, arguments and the raw message each get the pane's remaining height, one at a time.
        TabPane more = new TabPane(new Tab("Parameters", parameters), new Tab("Arguments", arguments),
                new Tab("Raw message", rawBody));
        more.setId("detailTabs");
        more.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        more.setMinHeight(140);
        VBox details = new VBox(6, facts, receivesWarning, consoleLink, more);
        VBox.setVgrow(more, Priority.ALWAYS);
        details.setPadding(new Insets(8));
        // Scrolls rather than pushing the decision and bulk panes out of the window.
        ScrollPane detailsScroll = new ScrollPane(details);
        detailsScroll.setFitToWidth(true);
        detailsScroll.setFitToHeight(true);
        detailsScroll.setMinHeight(120);
        return detailsScroll;
    }

    private VBox buildDetailPane() {
        Label noSelection = new Label("Select a callback in the table to see its pipeline context, arguments and raw "
                + "message.");
        noSelection.setId("detailNoSelection");
        noSelection.setWrapText(true);
        noSelection.getStyleClass().add("hint");
        TitledPane detailsPane = new TitledPane("Details", noSelection);
        detailsPane.setCollapsible(false);
        detailsPane.setMinHeight(120);
        // Built when a callback is first selected: until then there is nothing to show in it.
        LazyContent.whenFirstSet(model.selectedProperty(), this::buildDetails, detailsPane::setContent);

        TitledPane decisionPane = new TitledPane("Decision", buildDecisionForm());
        decisionPane.setCollapsible(false);

        TitledPane bulkPane = new TitledPane();
        bulkPane.setText("Bulk");
        bulkPane.setId("bulkPane");
        bulkPane.setCollapsible(false);
        // Shown while rows are selected together, and afterwards until the operator closes the outcomes.
        bulkPane.visibleProperty().bind(Bindings.size(model.chosenTokensList()).greaterThan(1)
                .or(Bindings.isNotEmpty(model.bulkRows())));
        bulkPane.managedProperty().bind(bulkPane.visibleProperty());
        LazyContent.whenFirstVisible(bulkPane, this::buildBulkPane);

        // On top while shown: with several rows selected, the bulk decision is what the operator is about to make.
        VBox right = new VBox(8, bulkPane, detailsPane, decisionPane);
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

        Button acknowledgeStop = new Button("Acknowledge stop (Ctrl+Enter)");
        acknowledgeStop.setId("acknowledgeStopButton");
        acknowledgeStop.getStyleClass().add("danger");
        acknowledgeStop.disableProperty().bind(model.submitDisabledProperty());
        acknowledgeStop.setOnAction(e -> model.submit());
        Button approve = new Button("Approve…");
        approve.setId("approveButton");
        approve.disableProperty().bind(model.selectedProperty().isNull().or(model.selectedStaleProperty())
                .or(model.submittingProperty()));
        approve.setOnAction(e -> openApproveDialog());
        Button dismiss = new Button("Dismiss…");
        dismiss.setId("dismissButton");
        dismiss.disableProperty().bind(model.selectedStaleProperty().not().or(model.submittingProperty()));
        dismiss.setOnAction(e -> {
            PendingRow row = model.selectedProperty().get();
            if (row != null && confirmer.test("Dismiss token " + row.token() + "? Its step no longer waits ("
                    + row.context().staleReason() + "). Its SQS message is deleted and the dismissal is recorded in"
                    + " the history.")) {
                model.dismiss();
            }
        });
        Button release = new Button("Release");
        release.setId("releaseButton");
        LazyContent.tooltipOnFirstHover(release, "Hand this token's SQS message back to the queue so "
                + "another console can take it; the row goes until a poll receives it again");
        release.disableProperty().bind(model.selectedProperty().isNull().or(model.submittingProperty())
                .or(model.peekingProperty()).or(model.bulkRunningProperty()));
        release.setOnAction(e -> model.release());
        Button giveUp = new Button("Give up retrying");
        giveUp.setId("giveUpButton");
        LazyContent.tooltipOnFirstHover(giveUp, "Stop re-sending the decision that got no answer; the "
                + "history records that whether SageMaker applied it is unknown");
        // Re-evaluated with each snapshot (the selection is renewed) and after each submission.
        giveUp.visibleProperty().bind(Bindings.createBooleanBinding(model::selectedRetrying, model.selectedProperty(),
                model.submittingProperty(), model.lastResultProperty()));
        giveUp.managedProperty().bind(giveUp.visibleProperty());
        giveUp.disableProperty().bind(model.submittingProperty());
        giveUp.setOnAction(e -> {
            PendingRow row = model.selectedProperty().get();
            if (row != null && confirmer.test("Give up retrying the unanswered decision on token " + row.token()
                    + "? Whether SageMaker applied it stays unknown; check the execution before deciding again.")) {
                model.giveUp();
            }
        });
        // One action per state: a stale row can only be dismissed, a stopping one only acknowledged.
        var stopping = model.selectedStopRequestedProperty();
        var stale = model.selectedStaleProperty();
        submit.visibleProperty().bind(stopping.not().and(stale.not()));
        approve.visibleProperty().bind(stopping.not().and(stale.not()));
        acknowledgeStop.visibleProperty().bind(stopping);
        dismiss.visibleProperty().bind(stale);
        for (Button button : List.of(submit, approve, acknowledgeStop, dismiss)) {
            button.managedProperty().bind(button.visibleProperty());
        }

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
        HBox actions = new HBox(8, submit, acknowledgeStop, approve, dismiss, release, giveUp, spacer, counter);
        VBox form = new VBox(6, reasonArea, actions, blocked, result);
        form.setPadding(new Insets(8));
        return form;
    }

    private VBox buildBulkPane() {
        Button failSelected = new Button();
        failSelected.setId("bulkFailButton");
        failSelected.getStyleClass().add("danger");
        failSelected.textProperty().bind(Bindings.createStringBinding(() -> "Fail " + model.chosenRows().size()
                + " selected…", model.chosenTokensList(), model.rows()));
        failSelected.disableProperty().bind(model.bulkBlockedBecauseProperty().isNotEmpty());
        failSelected.setOnAction(e -> {
            if (confirmer.test(model.bulkQuestion())) {
                model.startBulk();
            }
        });
        Button cancel = new Button("Cancel");
        cancel.setId("bulkCancelButton");
        cancel.setTooltip(new javafx.scene.control.Tooltip("Send no more: submissions already sent finish and are"
                + " recorded"));
        cancel.disableProperty().bind(model.bulkRunningProperty().not());
        cancel.setOnAction(e -> model.cancelBulk());
        Button close = new Button("Clear outcomes");
        close.setId("bulkClearButton");
        close.disableProperty().bind(model.bulkRunningProperty());
        close.setOnAction(e -> model.bulkRows().clear());
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.setId("bulkProgress");
        progress.progressProperty().bind(model.bulkProgressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);

        Label blocked = new Label();
        blocked.setId("bulkBlockedReason");
        blocked.setWrapText(true);
        blocked.getStyleClass().add("hint");
        blocked.textProperty().bind(model.bulkBlockedBecauseProperty());
        blocked.managedProperty().bind(blocked.textProperty().isNotEmpty());
        Label summary = new Label();
        summary.setId("bulkSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.bulkSummaryProperty());

        TableView<PendingCallbacksViewModel.BulkRow> outcomes = new TableView<>(model.bulkRows());
        outcomes.setId("bulkOutcomes");
        outcomes.setPrefHeight(110);
        outcomes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        outcomes.setPlaceholder(new Label("No bulk submission yet"));
        TableColumn<PendingCallbacksViewModel.BulkRow, String> token = new TableColumn<>("Token");
        token.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().token()));
        TableColumn<PendingCallbacksViewModel.BulkRow, String> pipeline = new TableColumn<>("Pipeline");
        pipeline.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pipeline()));
        TableColumn<PendingCallbacksViewModel.BulkRow, String> outcome = new TableColumn<>("Outcome");
        outcome.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().outcome()));
        outcomes.getColumns().add(token);
        outcomes.getColumns().add(pipeline);
        outcomes.getColumns().add(outcome);
        outcomes.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PendingCallbacksViewModel.BulkRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("stop-requested");
                if (!empty && item != null && !item.ok() && !item.outcome().equals("waiting")) {
                    getStyleClass().add("stop-requested");
                }
            }
        });

        HBox actions = new HBox(8, failSelected, progress, cancel, close);
        actions.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox pane = new VBox(6, new Label("Uses the reason typed above."), actions, blocked, summary, outcomes);
        pane.setPadding(new Insets(8));
        return pane;
    }

    private void openApproveDialog() {
        PendingRow row = model.selectedProperty().get();
        if (row == null) {
            return;
        }
        new ApproveDialog(getScene() == null ? null : getScene().getWindow(), row.token(), row.stepName(),
                model.declaredOutputsOfSelected()).showAndWait().ifPresent(model::approve);
    }

    private static void showContext(PendingRow row, Label step, Label executionStatus, Label startedBy,
                                    Label executionName, Label lookup, Hyperlink consoleLink,
                                    TableView<PipelineParameter> parameters) {
        CallbackContext context = row == null ? null : row.context();
        PipelineContext execution = context == null ? null : context.execution();
        CallbackStepState stepState = context == null ? null : context.step();
        step.setText(stepState == null ? "" : stepState.shownName() + " · " + stepState.status()
                + " · attempt " + stepState.attemptCount() + " · started "
                + Formats.localTime(stepState.startTime()));
        executionStatus.setText(row == null ? "" : row.executionStatus()
                + (execution != null && execution.failureReason() != null ? " — " + execution.failureReason() : ""));
        startedBy.setText(row == null ? "" : row.startedBy());
        executionName.setText(execution == null ? "" : execution.executionDisplayName() + " · created "
                + Formats.localTime(execution.creationTime()) + " · modified "
                + Formats.localTime(execution.lastModifiedTime()));
        lookup.getStyleClass().remove("stop-requested");
        if (context == null) {
            lookup.setText("");
        } else if (context.stale()) {
            lookup.setText("Stale: " + context.staleReason() + ". Submit is disabled; dismiss it.");
            lookup.getStyleClass().add("stop-requested");
        } else if (context.problem() != null) {
            lookup.setText(context.problem());
        } else if (context.lookup() == CallbackContext.Lookup.PENDING) {
            lookup.setText("Looking up…");
        } else {
            lookup.setText(row.callback().onlyFoundViaSageMaker()
                    ? "Found via SageMaker: no SQS message was seen for this token" : "Step waits for an answer");
        }
        String url = row == null ? null : AwsConsoleLinks.execution(row.callback().executionArn());
        consoleLink.setUserData(url);
        consoleLink.setText(url == null ? "" : "Open in the AWS console (" + row.callback().executionArn().region()
                + ")");
        parameters.getItems().setAll(execution == null ? List.of() : execution.parameters());
    }

    /** How the console link is opened; the application sets the platform's browser. */
    public static void openLinksWith(Consumer<String> opener) {
        linkOpener = opener;
    }

    /** How "cannot be undone" actions are confirmed; tests replace the dialog. */
    public void confirmWith(Predicate<String> newConfirmer) {
        this.confirmer = newConfirmer;
    }

    private static boolean confirmWithDialog(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    private void showSelection() {
        if (selectingFromTable) {
            return;
        }
        PendingRow row = model.selectedProperty().get();
        if (row == null) {
            table.getSelectionModel().clearSelection();
        } else if (!table.getSelectionModel().getSelectedItems().contains(row)) {
            table.getSelectionModel().select(row);
        }
    }

    /** After a snapshot: every row selected together before it is selected again (by token), the focused one last. */
    private void restoreSelection() {
        java.util.Set<String> chosen = new java.util.HashSet<>(model.chosenTokens());
        PendingRow focused = model.selectedProperty().get();
        if (focused != null) {
            chosen.remove(focused.token());
        }
        restoringSelection = true;
        try {
            table.getSelectionModel().clearSelection();
            // Stops once every chosen row is found: with nothing chosen, a keystroke in the filter of a 100 000-row
            // table does not walk the rows here.
            int toFind = chosen.size();
            for (int i = 0; toFind > 0 && i < table.getItems().size(); i++) {
                if (chosen.contains(table.getItems().get(i).token())) {
                    table.getSelectionModel().select(i);
                    toFind--;
                }
            }
        } finally {
            restoringSelection = false;
        }
        if (focused != null) {
            table.getSelectionModel().select(focused);
        }
        // Rows that left with this snapshot are no longer chosen.
        model.choose(table.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull)
                .map(PendingRow::token).toList());
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

    /** The receive count, "n of max" when the queue has a dead-letter queue, marked when few receives are left. */
    private static final class ReceivesCell extends javafx.scene.control.TableCell<PendingRow, PendingRow> {
        @Override
        protected void updateItem(PendingRow item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.receivesText());
            getStyleClass().remove("stop-requested");
            setTooltip(null);
            if (!empty && item != null && item.nearDeadLetter()) {
                getStyleClass().add("stop-requested");
                setTooltip(new javafx.scene.control.Tooltip(item.deadLetterWarning()));
            }
        }
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
