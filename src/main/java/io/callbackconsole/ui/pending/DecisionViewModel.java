package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision on the focused row: the reason being typed (each token keeps its own draft), whether and why it cannot
 * be sent, the one action its state allows (fail, acknowledge stop, approve, dismiss, release, give up retrying), and
 * what became of the last one on that row. Each action runs off the FX thread on the connection's executor. FX thread
 * only.
 */
public final class DecisionViewModel {
    private static final Logger log = LoggerFactory.getLogger(DecisionViewModel.class);

    private final PendingTableViewModel table;
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReasonDrafts drafts = new ReasonDrafts();
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SubmissionResult.Status> lastResultStatus = new ReadOnlyObjectWrapper<>();
    private final StringBinding reasonCounter;
    private final StringBinding submitBlockedBecause;
    private final BooleanBinding submitDisabled;
    private final BooleanBinding selectedStale;
    private final BooleanBinding selectedStopRequested;
    private final StringBinding selectedRetryText;
    private final StringBinding approveWaitsBecause;
    /** The token the shown result is about; null when none is shown. */
    private String resultToken;
    private ConsoleSession session;
    private TaskExecutor tasks;
    private Consumer<DecisionNotice> submissionListener = notice -> { };

    public DecisionViewModel(PendingTableViewModel table) {
        this.table = table;
        var selected = table.selectedProperty();
        var revision = table.revisionProperty();
        reasonCounter = Bindings.createStringBinding(
                () -> FailureReason.lengthOf(reason.get()) + "/" + FailureReason.MAX_LENGTH, reason);
        submitBlockedBecause = Bindings.createStringBinding(this::whySubmitIsBlocked, reason, selected, revision,
                submitting, connected, table.severalSelectedProperty());
        submitDisabled = submitBlockedBecause.isNotEmpty();
        selectedStale = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().stale(),
                selected, revision);
        selectedStopRequested = Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().stopRequested() && !selected.get().stale(),
                selected, revision);
        selectedRetryText = Bindings.createStringBinding(() -> selected.get() == null ? ""
                : selected.get().retryText(), selected, revision);
        // Approve sends the outputs the step declares: until its pipeline definition is read, the dialog would
        // offer none and an approval would send none.
        approveWaitsBecause = Bindings.createStringBinding(() -> selected.get() != null && selected.get().lookingUp()
                ? WindowWords.text("decision.approveWaits") : "",
                selected, revision);
        // Acknowledging a stop sends a reason naming the operator; offer it, editable, when nothing is typed yet:
        // when such a row is selected, or when the selected row turns into one.
        selectedStopRequested.addListener((obs, was, stopping) -> offerStopReason());
        selected.addListener((obs, old, row) -> selectionMoved(old, row));
    }

    /**
     * The reason typed stays with its token, and the other row shows its own draft. A result about another token
     * leaves the pane when the operator selects another row; not when the selection moved because the row left the
     * table (answered, say): that result is what the operator waits to read.
     */
    private void selectionMoved(PendingRow old, PendingRow row) {
        if (old != null) {
            drafts.keep(old.token(), reason.get());
        }
        reason.set(row == null ? "" : drafts.of(row.token()));
        offerStopReason();
        boolean rowLeft = old != null && !table.shows(old);
        if (row != null && !rowLeft && !submitting.get() && !row.token().equals(resultToken)) {
            showResult("", null, null);
        }
    }

    private void showResult(String text, SubmissionResult.Status status, String token) {
        lastResult.set(text);
        lastResultStatus.set(status);
        resultToken = token;
    }

    private void offerStopReason() {
        if (selectedStopRequested.get() && session != null && reason.get().isBlank()) {
            reason.set(session.decisions().defaultStopReason());
        }
    }

    /**
     * A new connection (or none): actions go to {@code newSession}, on {@code newTasks}. Drafts belong to the
     * connection they were typed on: kept when {@code sameConnection}, gone otherwise; results always go.
     */
    void attach(ConsoleSession newSession, TaskExecutor newTasks, boolean sameConnection) {
        session = newSession;
        tasks = newTasks;
        connected.set(newSession != null);
        submitting.set(false);
        PendingRow shown = table.selectedProperty().get();
        if (shown != null) {
            drafts.keep(shown.token(), reason.get()); // the row is still selected when no table was cleared first
        }
        if (!sameConnection) {
            drafts.clear();
        }
        reason.set("");
        showResult("", null, null);
        if (newSession != null) {
            // A background retry settled (or not) an unanswered decision: say so in the pane when it is that row's.
            newSession.decisions().addRetryListener(result -> Platform.runLater(() -> {
                if (session != newSession) {
                    return;
                }
                String token = result.submission() == null ? null : result.submission().token().value();
                PendingRow row = table.selectedProperty().get();
                if (!submitting.get() && row != null && row.token().equals(token)) {
                    showResult(DecisionWording.of(result), result.status(), token);
                }
                submissionListener.accept(DecisionNotice.of(result.accepted()
                        ? WindowWords.text("decision.notice.retrySettled") : WindowWords.text("decision.notice.retry"),
                        result));
            }));
        }
    }

    void onSubmission(Consumer<DecisionNotice> listener) {
        this.submissionListener = listener;
    }

    private String whySubmitIsBlocked() {
        PendingRow row = table.selectedProperty().get();
        if (table.severalSelectedProperty().get()) {
            return WindowWords.text("decision.problem.several", table.chosenRows().size());
        }
        if (!connected.get()) {
            return WindowWords.text("decision.problem.notConnected");
        }
        if (row == null) {
            return WindowWords.text("decision.problem.noSelection");
        }
        if (submitting.get()) {
            return WindowWords.text("decision.problem.submitting");
        }
        if (row.beingDecidedBy() != null) {
            return WindowWords.text("decision.problem.decidedElsewhere", row.token(), row.beingDecidedText());
        }
        if (selectedRetrying()) {
            return WindowWords.text("decision.problem.retrying");
        }
        if (row.stale()) {
            return WindowWords.text("decision.problem.stale", row.context().staleReason());
        }
        String problem = FailureReason.problemWith(reason.get());
        return problem == null ? "" : problem;
    }

    /** Fails the selected step with the typed reason (or acknowledges its stop), off the FX thread. */
    public void submit() {
        PendingRow row = actionableRow();
        if (submitDisabled.get() || row == null) {
            return;
        }
        CallbackToken token = row.callback().token();
        FailureReason failureReason = FailureReason.of(reason.get());
        ConsoleSession target = session;
        String title = row.stopRequested() ? WindowWords.text("decision.notice.stopAcknowledged")
                : WindowWords.text("decision.notice.failed");
        run(token, title, WindowWords.text("decision.doing.fail", token),
                () -> target.decisions().submitFailure(token, failureReason),
                result -> {
                    if (result.accepted()) {
                        forgetDraft(token.value());
                    }
                });
    }

    /** The token's decision is made: its draft goes, from the field too while its row is still the one shown. */
    private void forgetDraft(String token) {
        drafts.forget(token);
        PendingRow shown = table.selectedProperty().get();
        if (shown != null && shown.token().equals(token)) {
            reason.set("");
        }
    }

    /** A single-row action applies: one row focused, not several selected, nothing being sent. */
    private PendingRow actionableRow() {
        PendingRow row = table.selectedProperty().get();
        return row == null || session == null || submitting.get() || table.severalSelectedProperty().get() ? null
                : row;
    }

    /** Dismisses the selected stale token (after the view's confirmation), off the FX thread. */
    public void dismiss() {
        PendingRow row = actionableRow();
        if (row == null || selectedRetrying() || row.beingDecidedBy() != null) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        String why = dismissReasonOf(row);
        run(token, WindowWords.text("decision.notice.dismissed"), WindowWords.text("decision.doing.dismiss", token), () -> target.decisions().dismiss(token, why), result -> {
            if (result.accepted()) {
                forgetDraft(token.value());
            }
        });
    }

    /** The reason a dismissal of the row records. */
    static String dismissReasonOf(PendingRow row) {
        return row.stale() ? row.context().staleReason() : "dismissed by the operator";
    }

    /**
     * Hands the selected token's messages back to SQS so another console can take it; the row goes until a poll
     * receives it again. Off the FX thread.
     */
    public void release() {
        PendingRow row = actionableRow();
        if (row == null || row.callback().onlyFoundViaSageMaker()) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        run(token, WindowWords.text("decision.notice.released"), WindowWords.text("decision.doing.release", token), () -> target.decisions().release(token), result -> { });
    }

    /**
     * True when the selected token's unanswered decision is retried in the background, as the latest snapshot or the
     * session (no I/O) says.
     */
    public boolean selectedRetrying() {
        PendingRow row = table.selectedProperty().get();
        return row != null && (row.retry() != null
                || session != null && session.decisions().retrying(row.callback().token()));
    }

    /** Stops the background retries of the selected token's unanswered decision; recorded in the history. */
    public void giveUp() {
        PendingRow row = actionableRow();
        if (row == null) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        run(token, WindowWords.text("decision.notice.gaveUp"), WindowWords.text("decision.doing.giveUp", token), () -> target.decisions().giveUp(token),
                result -> { });
    }

    /** Why Approve is off for the selected row while its context is looked up; empty when it is not waiting. */
    public StringBinding approveWaitsBecauseProperty() {
        return approveWaitsBecause;
    }

    /** Approves the selected step with typed output values (checked against the declared types first). */
    public void approve(OutputParameters outputs) {
        PendingRow row = actionableRow();
        if (row == null || row.stale() || selectedRetrying() || row.lookingUp() || row.beingDecidedBy() != null) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        run(token, WindowWords.text("decision.notice.approved"), WindowWords.text("decision.doing.approve", token), () -> target.decisions().approve(token, outputs),
                result -> {
                    if (result.accepted()) {
                        forgetDraft(token.value());
                    }
                });
    }

    /** The output parameters the selected step declares in its pipeline definition; empty when unknown. */
    public List<DeclaredOutput> declaredOutputsOfSelected() {
        PendingRow row = selectedWithStep();
        return row == null ? List.of() : row.context().execution().declaredOutputsOf(row.context().step().stepName());
    }

    /** The description the selected step has in its pipeline definition (not escaped); empty when it has none. */
    public Optional<String> declaredDescriptionOfSelected() {
        PendingRow row = selectedWithStep();
        return row == null ? Optional.empty()
                : row.context().execution().declaredDescriptionOf(row.context().step().stepName());
    }

    /** The selected row once SageMaker has told its execution and step; null before, or with none selected. */
    private PendingRow selectedWithStep() {
        PendingRow row = table.selectedProperty().get();
        return row == null || row.context().execution() == null || row.context().step() == null ? null : row;
    }

    /** Who an output asking for the approver is pre-filled with; the OS user while no session is open. */
    ReviewerName reviewerName() {
        return session == null ? ReviewerName.of(Optional.empty(), Operator.current())
                : ReviewerName.of(session.identity().caller(), session.decisions().operator());
    }

    /** @param title what a notice of the result is titled when it went as asked */
    private void run(CallbackToken token, String title, String doing, Callable<SubmissionResult> work,
                     Consumer<SubmissionResult> afterwards) {
        submitting.set(true);
        showResult(doing, null, token.value());
        tasks.execute(BackgroundTask.of(work).named(doing)
                .onSuccess(result -> {
                    showResult(DecisionWording.of(result), result.status(), token.value());
                    afterwards.accept(result);
                    submissionListener.accept(DecisionNotice.of(title, result));
                })
                .onFailure(error -> {
                    log.error("{} failed unexpectedly", doing, error);
                    showResult(WindowWords.text("decision.failedUnexpectedly", error.getMessage()),
                            SubmissionResult.Status.NOT_SENT,
                            token.value());
                })
                .onFinished(() -> submitting.set(false)));
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public StringBinding reasonCounterProperty() {
        return reasonCounter;
    }

    public BooleanBinding submitDisabledProperty() {
        return submitDisabled;
    }

    public StringBinding submitBlockedBecauseProperty() {
        return submitBlockedBecause;
    }

    public BooleanBinding selectedStaleProperty() {
        return selectedStale;
    }

    public BooleanBinding selectedStopRequestedProperty() {
        return selectedStopRequested;
    }

    /** "outcome unknown — retrying in 8 s (attempt 4)" for the focused row; empty when no retry runs. */
    public StringBinding selectedRetryTextProperty() {
        return selectedRetryText;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty submittingProperty() {
        return submitting.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastResultProperty() {
        return lastResult.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SubmissionResult.Status> lastResultStatusProperty() {
        return lastResultStatus.getReadOnlyProperty();
    }
}
