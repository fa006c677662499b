package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.List;
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
 * The decision on the focused row: the reason being typed, whether and why it cannot be sent, the one action its
 * state allows (fail, acknowledge stop, approve, dismiss, release, give up retrying), and what became of the last
 * one. Each action runs off the FX thread on the connection's executor. FX thread only.
 */
public final class DecisionViewModel {
    private static final Logger log = LoggerFactory.getLogger(DecisionViewModel.class);

    private final PendingTableViewModel table;
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SubmissionResult.Status> lastResultStatus = new ReadOnlyObjectWrapper<>();
    private final StringBinding reasonCounter;
    private final StringBinding submitBlockedBecause;
    private final BooleanBinding submitDisabled;
    private final BooleanBinding selectedStale;
    private final BooleanBinding selectedStopRequested;
    private ConsoleSession session;
    private TaskExecutor tasks;
    private Consumer<SubmissionResult> submissionListener = result -> { };

    public DecisionViewModel(PendingTableViewModel table) {
        this.table = table;
        var selected = table.selectedProperty();
        var revision = table.revisionProperty();
        reasonCounter = Bindings.createStringBinding(
                () -> FailureReason.lengthOf(reason.get()) + "/" + FailureReason.MAX_LENGTH, reason);
        submitBlockedBecause = Bindings.createStringBinding(this::whySubmitIsBlocked, reason, selected, revision,
                submitting, connected);
        submitDisabled = submitBlockedBecause.isNotEmpty();
        selectedStale = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().stale(),
                selected, revision);
        selectedStopRequested = Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().stopRequested() && !selected.get().stale(),
                selected, revision);
        // Acknowledging a stop sends a reason naming the operator; offer it, editable, when nothing is typed yet:
        // when such a row is selected, or when the selected row turns into one.
        selectedStopRequested.addListener((obs, was, stopping) -> offerStopReason());
        selected.addListener((obs, old, row) -> offerStopReason());
    }

    private void offerStopReason() {
        if (selectedStopRequested.get() && session != null && reason.get().isBlank()) {
            reason.set(session.defaultStopReason());
        }
    }

    /** A new connection (or none): actions go to {@code newSession}, on {@code newTasks}. */
    void attach(ConsoleSession newSession, TaskExecutor newTasks) {
        session = newSession;
        tasks = newTasks;
        connected.set(newSession != null);
        submitting.set(false);
        lastResult.set("");
        lastResultStatus.set(null);
        if (newSession != null) {
            // A background retry settled (or not) an unanswered decision: say so where the operator looks.
            newSession.addRetryListener(result -> Platform.runLater(() -> {
                if (session == newSession && !submitting.get()) {
                    lastResult.set(result.message());
                    lastResultStatus.set(result.status());
                    submissionListener.accept(result);
                }
            }));
        }
    }

    void onSubmission(Consumer<SubmissionResult> listener) {
        this.submissionListener = listener;
    }

    private String whySubmitIsBlocked() {
        PendingRow row = table.selectedProperty().get();
        if (!connected.get()) {
            return "Not connected yet.";
        }
        if (row == null) {
            return "Select a pending callback.";
        }
        if (submitting.get()) {
            return "Submitting…";
        }
        if (row.stale()) {
            return "This token can no longer be answered (" + row.context().staleReason()
                    + "). Dismiss it to remove its message.";
        }
        String problem = FailureReason.problemWith(reason.get());
        return problem == null ? "" : problem;
    }

    /** Fails the selected step with the typed reason (or acknowledges its stop), off the FX thread. */
    public void submit() {
        PendingRow row = table.selectedProperty().get();
        if (submitDisabled.get() || row == null || session == null) {
            return;
        }
        CallbackToken token = row.callback().token();
        FailureReason failureReason = FailureReason.of(reason.get());
        ConsoleSession target = session;
        run("Submitting failure for " + token + "…", () -> target.submitFailure(token, failureReason), result -> {
            if (result.accepted()) {
                reason.set("");
            }
        });
    }

    /** Dismisses the selected stale token (after the view's confirmation), off the FX thread. */
    public void dismiss() {
        PendingRow row = table.selectedProperty().get();
        if (row == null || session == null || submitting.get()) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        String why = row.stale() ? row.context().staleReason() : "dismissed by the operator";
        run("Dismissing " + token + "…", () -> target.dismiss(token, why), result -> { });
    }

    /**
     * Hands the selected token's messages back to SQS so another console can take it; the row goes until a poll
     * receives it again. Off the FX thread.
     */
    public void release() {
        PendingRow row = table.selectedProperty().get();
        if (row == null || session == null || submitting.get() || row.callback().onlyFoundViaSageMaker()) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        run("Releasing " + token + "…", () -> target.release(token), result -> { });
    }

    /** True when the selected token's unanswered decision is retried in the background (no I/O). */
    public boolean selectedRetrying() {
        PendingRow row = table.selectedProperty().get();
        return row != null && session != null && session.retrying(row.callback().token());
    }

    /** Stops the background retries of the selected token's unanswered decision; recorded in the history. */
    public void giveUp() {
        PendingRow row = table.selectedProperty().get();
        if (row == null || session == null || submitting.get()) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        run("Giving up on " + token + "…", () -> target.giveUp(token), result -> { });
    }

    /** Approves the selected step with typed output values (checked against the declared types first). */
    public void approve(OutputParameters outputs) {
        PendingRow row = table.selectedProperty().get();
        if (row == null || session == null || submitting.get() || row.stale()) {
            return;
        }
        ConsoleSession target = session;
        CallbackToken token = row.callback().token();
        run("Approving " + token + "…", () -> target.approve(token, outputs), result -> { });
    }

    /** The output parameters the selected step declares in its pipeline definition; empty when unknown. */
    public List<DeclaredOutput> declaredOutputsOfSelected() {
        PendingRow row = table.selectedProperty().get();
        if (row == null || row.context().execution() == null || row.context().step() == null) {
            return List.of();
        }
        return row.context().execution().declaredOutputsOf(row.context().step().stepName());
    }

    private void run(String doing, Callable<SubmissionResult> work, Consumer<SubmissionResult> afterwards) {
        submitting.set(true);
        lastResult.set(doing);
        lastResultStatus.set(null);
        tasks.execute(BackgroundTask.of(work).named(doing)
                .onSuccess(result -> {
                    lastResult.set(result.message());
                    lastResultStatus.set(result.status());
                    afterwards.accept(result);
                    submissionListener.accept(result);
                })
                .onFailure(error -> {
                    log.error("{} failed unexpectedly", doing, error);
                    lastResultStatus.set(SubmissionResult.Status.NOT_SENT);
                    lastResult.set("Failed unexpectedly: " + error.getMessage()
                            + " Whether anything was sent is in the History tab.");
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
