package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.triage.RetrySchedule;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.Shortcut;
import java.util.List;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
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

        // Each button names the row it acts on, so the decision cannot be taken for another row's.
        Button submit = new Button();
        submit.setId("submitButton");
        submit.textProperty().bind(targetNamed("Fail "));
        submit.setTooltip(new Tooltip(Shortcut.FAIL.tooltip("Fail this step with the reason typed")));
        submit.getStyleClass().add("danger");
        submit.disableProperty().bind(model.submitDisabledProperty());
        submit.setOnAction(e -> model.submit());
        reasonArea.setOnKeyPressed(event -> {
            if (Shortcut.FAIL.keys().match(event)) {
                model.submit();
                event.consume();
            }
        });

        Button acknowledgeStop = new Button();
        acknowledgeStop.setId("acknowledgeStopButton");
        acknowledgeStop.textProperty().bind(targetNamed("Acknowledge stop of "));
        acknowledgeStop.setTooltip(new Tooltip(Shortcut.FAIL.tooltip("Fail the step with this reason so the "
                + "execution can stop")));
        acknowledgeStop.getStyleClass().add("danger");
        acknowledgeStop.disableProperty().bind(model.submitDisabledProperty());
        acknowledgeStop.setOnAction(e -> model.submit());
        // Re-evaluated with each snapshot and after each submission.
        BooleanBinding retrying = Bindings.createBooleanBinding(model::selectedRetrying, table.selectedProperty(),
                table.revisionProperty(), model.submittingProperty(), model.lastResultProperty());
        // Another console has the token's decision journaled and not settled: nothing is decided beside it here.
        BooleanBinding decidedElsewhere = Bindings.createBooleanBinding(() -> table.selectedProperty().get() != null
                && table.selectedProperty().get().beingDecidedBy() != null, table.selectedProperty(),
                table.revisionProperty());
        Button approve = new Button("Approve…");
        approve.setId("approveButton");
        approve.setTooltip(new Tooltip(Shortcut.APPROVE.tooltip("Send success with the step's output values")));
        // An approval while the earlier decision is still being re-sent would be a second decision on the token.
        approve.disableProperty().bind(table.selectedProperty().isNull().or(model.selectedStaleProperty())
                .or(model.submittingProperty()).or(table.severalSelectedProperty()).or(retrying)
                .or(model.approveWaitsBecauseProperty().isNotEmpty()).or(decidedElsewhere));
        approve.setOnAction(e -> openApproveDialog());
        Button dismiss = new Button("Dismiss…");
        dismiss.setId("dismissButton");
        dismiss.setTooltip(new Tooltip(Shortcut.DISMISS.tooltip("Remove the message of a token that can no longer "
                + "be answered; recorded in the history")));
        // A token whose earlier decision is still being re-sent is stale once SageMaker applied it; dismissing it
        // then would be a second decision beside the one still unsettled.
        dismiss.disableProperty().bind(model.selectedStaleProperty().not().or(model.submittingProperty())
                .or(table.severalSelectedProperty()).or(retrying).or(decidedElsewhere));
        dismiss.setOnAction(e -> {
            PendingRow row = table.selectedProperty().get();
            if (row != null && confirmer.test("Dismiss 1 callback: token " + row.targetText() + "? Its step no"
                    + " longer waits. Its SQS message is deleted and the dismissal is recorded in the history with"
                    + " the reason \"" + DisplayText.escape(DecisionViewModel.dismissReasonOf(row)) + "\". It cannot"
                    + " be undone.")) {
                model.dismiss();
            }
        });
        Button release = new Button("Release");
        release.setId("releaseButton");
        release.setTooltip(new Tooltip(Shortcut.RELEASE.tooltip("Hand this token's SQS message back to the queue "
                + "so another console can take it; the row goes until a poll receives it again")));
        release.disableProperty().bind(table.selectedProperty().isNull().or(model.submittingProperty())
                .or(peeking).or(bulkRunning).or(table.severalSelectedProperty()));
        release.setOnAction(e -> model.release());
        Button giveUp = new Button("Give up retrying");
        giveUp.setId("giveUpButton");
        giveUp.setTooltip(new Tooltip(Shortcut.GIVE_UP.tooltip("Stop re-sending the decision that got no answer; "
                + "the history records that whether SageMaker applied it is unknown")));
        giveUp.visibleProperty().bind(retrying);
        giveUp.managedProperty().bind(giveUp.visibleProperty());
        giveUp.disableProperty().bind(model.submittingProperty().or(table.severalSelectedProperty()));
        giveUp.setOnAction(e -> {
            PendingRow row = table.selectedProperty().get();
            if (row != null && confirmer.test(giveUpQuestion(row))) {
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

        Label approveWaits = new Label();
        approveWaits.setId("approveWaitsReason");
        approveWaits.setWrapText(true);
        approveWaits.getStyleClass().add("hint");
        approveWaits.textProperty().bind(model.approveWaitsBecauseProperty());
        approveWaits.managedProperty().bind(approveWaits.textProperty().isNotEmpty().and(approve.visibleProperty()));
        approveWaits.visibleProperty().bind(approveWaits.managedProperty());

        Label retry = new Label();
        retry.setId("retryStatus");
        retry.setWrapText(true);
        retry.getStyleClass().add("stop-requested");
        retry.textProperty().bind(model.selectedRetryTextProperty());
        retry.managedProperty().bind(retry.textProperty().isNotEmpty());
        retry.visibleProperty().bind(retry.managedProperty());

        Label result = new Label();
        result.setId("submissionResult");
        result.setWrapText(true);
        result.textProperty().bind(model.lastResultProperty());
        model.lastResultStatusProperty().addListener((obs, old, status) -> result.getStyleClass().setAll("label",
                status == null ? "hint" : status == SubmissionResult.Status.ACCEPTED ? "result-ok" : "result-error"));

        // Buttons wrap to a second line rather than shrink to "Give up ret…": each keeps the width of its text.
        FlowPane actions = new FlowPane(8, 6, submit, acknowledgeStop, approve, dismiss, release, giveUp);
        actions.setId("decisionActions");
        for (Button button : List.of(submit, acknowledgeStop, approve, dismiss, release, giveUp)) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox reasonFooter = new HBox(8, spacer, counter);
        setSpacing(6);
        // The retry line on a row of its own: its deadline is what the operator plans by, never cut for the counter.
        // Wrapped lines keep the height of all their lines: a short pane gives up other room, never "… until 04:…".
        for (Label line : List.of(retry, blocked, approveWaits, result)) {
            line.setMinHeight(Region.USE_PREF_SIZE);
        }
        getChildren().addAll(reasonArea, reasonFooter, retry, actions, blocked, approveWaits, result);
        // Tab leaves the reason for the first action that can be taken (a reason has no tab characters), Shift+Tab
        // goes back to where focus came from, as in any form.
        reasonArea.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() != KeyCode.TAB || event.isControlDown() || event.isAltDown() || event.isMetaDown()) {
                return;
            }
            event.consume();
            if (event.isShiftDown()) {
                reasonArea.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.TAB, true, true, false,
                        false));
                return;
            }
            actions.getChildren().stream()
                    .filter(node -> node.isVisible() && node.isManaged() && !node.isDisabled())
                    .findFirst().ifPresent(javafx.scene.Node::requestFocus);
        });
        setPadding(new Insets(8));
    }

    /** "Fail 7kfcdae9VK (manual-approval / ManualReview)" for the focused row. */
    private StringBinding targetNamed(String action) {
        return Bindings.createStringBinding(() -> {
            PendingRow row = table.selectedProperty().get();
            return row == null ? action.strip() : action + row.targetText();
        }, table.selectedProperty(), table.revisionProperty());
    }

    /** Names the row, the decision that goes unanswered and its reason: giving up cannot be undone. */
    private static String giveUpQuestion(PendingRow row) {
        RetrySchedule retry = row.retry();
        String decision = retry == null ? "the unanswered decision"
                : "the unanswered decision (" + retry.action().name().toLowerCase(java.util.Locale.ROOT)
                + (retry.reason().isEmpty() ? "" : " with the reason \"" + DisplayText.escape(retry.reason()) + "\"")
                + ", sent " + (retry.attempt() - 1) + (retry.attempt() == 2 ? " time" : " times") + ")";
        return "Give up retrying " + decision + " on 1 callback: token " + row.targetText() + "? Whether SageMaker"
                + " applied it stays unknown, and the history records that; check the execution before deciding"
                + " again.";
    }

    private void openApproveDialog() {
        PendingRow row = table.selectedProperty().get();
        if (row == null) {
            return;
        }
        new ApproveDialog(getScene() == null ? null : getScene().getWindow(), row.token(), row.stepName(),
                model.declaredDescriptionOfSelected(), model.declaredOutputsOfSelected(), model.reviewerName())
                .showAndWait().ifPresent(model::approve);
    }
}
