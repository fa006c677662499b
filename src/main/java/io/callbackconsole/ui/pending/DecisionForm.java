package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.triage.RetrySchedule;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.common.WindowWords;
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
        reasonArea.setPromptText(WindowWords.text("decision.reason.prompt"));
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
        submit.textProperty().bind(targetNamed(() -> WindowWords.text("decision.fail"),
                target -> WindowWords.text("decision.fail.target", target)));
        submit.setTooltip(new Tooltip(Shortcut.FAIL.tooltip(WindowWords.text("decision.fail.tooltip"))));
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
        acknowledgeStop.textProperty().bind(targetNamed(() -> WindowWords.text("decision.acknowledgeStop"),
                target -> WindowWords.text("decision.acknowledgeStop.target", target)));
        acknowledgeStop.setTooltip(new Tooltip(Shortcut.FAIL.tooltip(WindowWords.text("decision.acknowledgeStop.tooltip"))));
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
        Button approve = new Button(WindowWords.text("decision.approve"));
        approve.setId("approveButton");
        approve.setTooltip(new Tooltip(Shortcut.APPROVE.tooltip(WindowWords.text("decision.approve.tooltip"))));
        // An approval while the earlier decision is still being re-sent would be a second decision on the token.
        approve.disableProperty().bind(table.selectedProperty().isNull().or(model.selectedStaleProperty())
                .or(model.submittingProperty()).or(table.severalSelectedProperty()).or(retrying)
                .or(model.approveWaitsBecauseProperty().isNotEmpty()).or(decidedElsewhere));
        approve.setOnAction(e -> openApproveDialog());
        Button dismiss = new Button(WindowWords.text("decision.dismiss"));
        dismiss.setId("dismissButton");
        dismiss.setTooltip(new Tooltip(Shortcut.DISMISS.tooltip(WindowWords.text("decision.dismiss.tooltip"))));
        // A token whose earlier decision is still being re-sent is stale once SageMaker applied it; dismissing it
        // then would be a second decision beside the one still unsettled.
        dismiss.disableProperty().bind(model.selectedStaleProperty().not().or(model.submittingProperty())
                .or(table.severalSelectedProperty()).or(retrying).or(decidedElsewhere));
        dismiss.setOnAction(e -> {
            PendingRow row = table.selectedProperty().get();
            if (row != null && confirmer.test(WindowWords.text("decision.dismiss.question", row.targetText(),
                    DisplayText.escape(DecisionViewModel.dismissReasonOf(row))))) {
                model.dismiss();
            }
        });
        Button release = new Button(WindowWords.text("decision.release"));
        release.setId("releaseButton");
        release.setTooltip(new Tooltip(Shortcut.RELEASE.tooltip(WindowWords.text("decision.release.tooltip"))));
        release.disableProperty().bind(table.selectedProperty().isNull().or(model.submittingProperty())
                .or(peeking).or(bulkRunning).or(table.severalSelectedProperty()));
        release.setOnAction(e -> model.release());
        Button giveUp = new Button(WindowWords.text("decision.giveUp"));
        giveUp.setId("giveUpButton");
        giveUp.setTooltip(new Tooltip(Shortcut.GIVE_UP.tooltip(WindowWords.text("decision.giveUp.tooltip"))));
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
    private StringBinding targetNamed(java.util.function.Supplier<String> noRow,
                                      java.util.function.UnaryOperator<String> withRow) {
        return Bindings.createStringBinding(() -> {
            PendingRow row = table.selectedProperty().get();
            return row == null ? noRow.get() : withRow.apply(row.targetText());
        }, table.selectedProperty(), table.revisionProperty());
    }

    /** Names the row, the decision that goes unanswered and its reason: giving up cannot be undone. */
    private static String giveUpQuestion(PendingRow row) {
        RetrySchedule retry = row.retry();
        String decision;
        if (retry == null) {
            decision = WindowWords.text("decision.giveUp.unknown");
        } else {
            String action = retry.action().name().toLowerCase(java.util.Locale.ROOT);
            int sent = retry.attempt() - 1;
            String reason = DisplayText.escape(retry.reason());
            decision = retry.reason().isEmpty()
                    ? sent == 1 ? WindowWords.text("decision.giveUp.sentOnce", action)
                    : WindowWords.text("decision.giveUp.sent", action, sent)
                    : sent == 1 ? WindowWords.text("decision.giveUp.sentOnce.reason", action, reason)
                    : WindowWords.text("decision.giveUp.sent.reason", action, reason, sent);
        }
        return WindowWords.text("decision.giveUp.question", decision, row.targetText());
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
