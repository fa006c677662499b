package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.LazyContent;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The decision on the focused row: the reason, the one action its state allows, and what became of the last one. */
final class DecisionForm extends VBox {
    private final DecisionViewModel model;
    private final PendingTableViewModel table;
    private final Predicate<String> confirmer;
    private final TextArea reasonArea = new TextArea();

    /**
     * @param bulkRunning true while a bulk run sends (Release is off then)
     * @param confirmer   asks the operator before anything that cannot be undone
     */
    DecisionForm(DecisionViewModel model, PendingTableViewModel table, ObservableBooleanValue bulkRunning,
                 ObservableBooleanValue peeking, Predicate<String> confirmer) {
        this.model = model;
        this.table = table;
        this.confirmer = confirmer;
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
        approve.disableProperty().bind(table.selectedProperty().isNull().or(model.selectedStaleProperty())
                .or(model.submittingProperty()));
        approve.setOnAction(e -> openApproveDialog());
        Button dismiss = new Button("Dismiss…");
        dismiss.setId("dismissButton");
        dismiss.disableProperty().bind(model.selectedStaleProperty().not().or(model.submittingProperty()));
        dismiss.setOnAction(e -> {
            PendingRow row = table.selectedProperty().get();
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
        release.disableProperty().bind(table.selectedProperty().isNull().or(model.submittingProperty())
                .or(peeking).or(bulkRunning));
        release.setOnAction(e -> model.release());
        Button giveUp = new Button("Give up retrying");
        giveUp.setId("giveUpButton");
        LazyContent.tooltipOnFirstHover(giveUp, "Stop re-sending the decision that got no answer; the "
                + "history records that whether SageMaker applied it is unknown");
        // Re-evaluated with each snapshot and after each submission.
        giveUp.visibleProperty().bind(Bindings.createBooleanBinding(model::selectedRetrying, table.selectedProperty(),
                table.revisionProperty(), model.submittingProperty(), model.lastResultProperty()));
        giveUp.managedProperty().bind(giveUp.visibleProperty());
        giveUp.disableProperty().bind(model.submittingProperty());
        giveUp.setOnAction(e -> {
            PendingRow row = table.selectedProperty().get();
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
        setSpacing(6);
        getChildren().addAll(reasonArea, actions, blocked, result);
        setPadding(new Insets(8));
    }

    private void openApproveDialog() {
        PendingRow row = table.selectedProperty().get();
        if (row == null) {
            return;
        }
        new ApproveDialog(getScene() == null ? null : getScene().getWindow(), row.token(), row.stepName(),
                model.declaredOutputsOfSelected()).showAndWait().ifPresent(model::approve);
    }
}
