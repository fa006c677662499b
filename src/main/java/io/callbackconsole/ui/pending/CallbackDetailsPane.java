package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineContext;
import io.callbackconsole.domain.PipelineParameter;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The focused callback's facts, pipeline context, parameters, arguments and raw message. */
final class CallbackDetailsPane extends ScrollPane {
    private final PendingTableViewModel model;
    private final Label executionArn = detailValue("detailExecutionArn");
    private final Label pipeline = detailValue("detailPipeline");
    private final Label status = detailValue("detailStatus");
    private final Label token = detailValue("detailToken");
    private final Label queue = detailValue("detailQueue");
    private final Label firstSent = detailValue("detailFirstSent");
    private final Label step = detailValue("detailStep");
    private final Label executionStatus = detailValue("detailExecutionStatus");
    private final Label startedBy = detailValue("detailStartedBy");
    private final Label executionName = detailValue("detailExecutionName");
    private final Label lookup = detailValue("detailLookup");
    private final Label receivesWarning = detailValue("detailDeadLetterWarning");
    private final Hyperlink consoleLink = new Hyperlink();
    private final Label linkProblem = new Label();
    private final TableView<PipelineParameter> parameters = new TableView<>();
    private final TextArea arguments = readOnlyArea("detailArguments", 6);
    private final TextArea rawBody = readOnlyArea("detailRawBody", 4);
    /** What is shown, so a snapshot that changed nothing of it leaves the operator's scroll positions alone. */
    private PendingRow shownRow;
    private PendingCallback shownCallback;
    private CallbackContext shownContext;

    CallbackDetailsPane(PendingTableViewModel model, Consumer<String> linkOpener) {
        this.model = model;
        receivesWarning.getStyleClass().add("stop-requested");
        receivesWarning.managedProperty().bind(receivesWarning.textProperty().isNotEmpty());
        consoleLink.setId("consoleLink");
        // Why it is off in the sandbox is a sentence: wrapped whole, never "(its executions e…".
        consoleLink.setWrapText(true);
        consoleLink.setMinHeight(Region.USE_PREF_SIZE);
        consoleLink.setOnAction(e -> {
            String url = (String) consoleLink.getUserData();
            if (url == null) {
                return;
            }
            try {
                linkOpener.accept(url);
                linkProblem.setText("");
            } catch (RuntimeException failure) {
                // No browser, say: the operator is told here, with the address to open by hand.
                linkProblem.setText(WindowWords.text("details.browserFailed", DisplayText.escape(failure.getMessage()),
                        url));
            }
        });
        linkProblem.setId("consoleLinkProblem");
        linkProblem.setWrapText(true);
        linkProblem.getStyleClass().add("result-error");
        linkProblem.managedProperty().bind(linkProblem.textProperty().isNotEmpty());
        parameters.setId("detailParameters");
        parameters.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<PipelineParameter, String> parameterName = new TableColumn<>(WindowWords.text("details.parameter"));
        parameterName.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        TableColumn<PipelineParameter, String> parameterValue = new TableColumn<>(WindowWords.text("details.value"));
        parameterValue.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().value()));
        parameters.getColumns().add(parameterName);
        parameters.getColumns().add(parameterValue);
        parameters.setPlaceholder(new Label(WindowWords.text("details.noParameters")));

        GridPane facts = new GridPane();
        facts.setMinHeight(Region.USE_PREF_SIZE);
        facts.setHgap(8);
        facts.setVgap(4);
        int row = 0;
        for (Object[] fact : new Object[][] {{WindowWords.text("details.token"), token},
                {WindowWords.text("details.pipeline"), pipeline}, {WindowWords.text("details.step"), step},
                {WindowWords.text("details.execution"), executionName},
                {WindowWords.text("details.executionArn"), executionArn},
                {WindowWords.text("details.executionStatus"), executionStatus},
                {WindowWords.text("details.status"), status}, {WindowWords.text("details.startedBy"), startedBy},
                {WindowWords.text("details.queue"), queue}, {WindowWords.text("details.waitingSince"), firstSent},
                {WindowWords.text("details.sageMaker"), lookup}}) {
            Label name = new Label((String) fact[0]);
            name.getStyleClass().add("detail-name");
            name.setMinWidth(Region.USE_PREF_SIZE);
            facts.addRow(row++, name, (Label) fact[1]);
        }

        model.selectedProperty().addListener((obs, old, selected) -> show());
        model.revisionProperty().addListener((obs, old, revision) -> show());
        show();

        // Parameters, arguments and the raw message each get the pane's remaining height, one at a time.
        TabPane more = new TabPane(new Tab(WindowWords.text("details.parameters"), parameters),
                new Tab(WindowWords.text("details.arguments"), arguments),
                new Tab(WindowWords.text("details.rawMessage"), rawBody));
        more.setId("detailTabs");
        more.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        more.setMinHeight(140);
        VBox details = new VBox(6, facts, receivesWarning, consoleLink, linkProblem, more);
        VBox.setVgrow(more, Priority.ALWAYS);
        details.setPadding(new Insets(8));
        // Tab goes from the table straight to the decision: the details are read, and clicked when needed.
        for (javafx.scene.Node reading : List.of(consoleLink, more, parameters, arguments, rawBody, this)) {
            reading.setFocusTraversable(false);
        }
        // Scrolls rather than pushing the decision and bulk panes out of the window.
        setContent(details);
        setFitToWidth(true);
        setFitToHeight(true);
        setMinHeight(120);
    }

    private void show() {
        PendingRow selected = model.selectedProperty().get();
        PendingCallback cb = selected == null ? null : selected.callback();
        CallbackContext context = selected == null ? null : selected.context();
        if (selected == shownRow && Objects.equals(cb, shownCallback) && Objects.equals(context, shownContext)) {
            return; // a newer snapshot with the same facts: keep the operator's scroll positions
        }
        shownRow = selected;
        shownCallback = cb;
        shownContext = context;
        showContext(selected);
        token.setText(cb == null ? "" : cb.token().value());
        pipeline.setText(cb == null ? "" : selected.pipelineDisplayName()
                + (selected.pipelineDisplayName().equals(cb.executionArn().pipelineName()) ? ""
                : " (" + cb.executionArn().pipelineName() + ")"));
        executionArn.setText(cb == null ? "" : cb.executionArn().value());
        status.setText(cb == null ? "" : selected.beingDecidedBy() == null ? selected.statusText()
                : selected.statusText() + " · " + selected.beingDecidedText());
        status.getStyleClass().remove("stop-requested");
        if (cb != null && selected.stopRequested()) {
            status.getStyleClass().add("stop-requested");
        }
        queue.setText(cb == null ? "" : cb.queueUrl());
        firstSent.setText(cb == null ? "" : Formats.localTime(cb.firstSentAt()));
        arguments.setText(cb == null ? "" : cb.message().argumentsJson());
        rawBody.setText(cb == null ? "" : cb.rawBody());
        receivesWarning.setText(selected == null ? "" : selected.deadLetterWarning());
    }

    private void showContext(PendingRow row) {
        CallbackContext context = row == null ? null : row.context();
        PipelineContext execution = context == null ? null : context.execution();
        CallbackStepState stepState = context == null ? null : context.step();
        step.setText(stepState == null ? (row != null && row.lookingUp() ? PendingRow.LOOKING_UP : "")
                : WindowWords.text("details.stepState", stepState.shownName(), stepState.status(),
                stepState.attemptCount(), Formats.localTime(stepState.startTime())));
        executionStatus.setText(row == null ? "" : row.executionStatus()
                + (execution != null && execution.failureReason() != null ? " — " + execution.failureReason() : ""));
        startedBy.setText(row == null ? "" : row.startedByText());
        executionName.setText(execution == null ? "" : WindowWords.text("details.executionName",
                execution.executionDisplayName(), Formats.localTime(execution.creationTime()),
                Formats.localTime(execution.lastModifiedTime())));
        lookup.getStyleClass().remove("stop-requested");
        if (context == null) {
            lookup.setText("");
        } else if (context.stale()) {
            lookup.setText(WindowWords.text("details.stale", context.staleReason()));
            lookup.getStyleClass().add("stop-requested");
        } else if (context.problem() != null) {
            lookup.setText(context.problem());
        } else if (context.lookup() == CallbackContext.Lookup.PENDING) {
            lookup.setText(WindowWords.text("details.lookingUp"));
        } else {
            lookup.setText(row.callback().onlyFoundViaSageMaker()
                    ? WindowWords.text("details.foundViaSageMaker") : WindowWords.text("details.waits"));
        }
        boolean sandbox = model.sandboxProperty().get();
        String url = row == null || sandbox ? null : AwsConsoleLinks.execution(row.callback().executionArn());
        consoleLink.setUserData(url);
        consoleLink.setDisable(sandbox);
        linkProblem.setText("");
        consoleLink.setText(row == null ? "" : sandbox
                ? WindowWords.text("details.consoleLink.sandbox")
                : WindowWords.text("details.consoleLink", row.callback().executionArn().region()));
        parameters.getItems().setAll(execution == null ? List.of() : execution.parameters());
    }

    private static Label detailValue(String id) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        // Wrapped lines keep their height (the pane scrolls instead), and a value that cannot wrap (an ARN, a
        // URL) has its whole text in the tooltip.
        label.setMinHeight(Region.USE_PREF_SIZE);
        Tooltip whole = new Tooltip();
        whole.textProperty().bind(label.textProperty());
        label.tooltipProperty().bind(javafx.beans.binding.Bindings.when(label.textProperty().isEmpty())
                .then((Tooltip) null).otherwise(whole));
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
}
