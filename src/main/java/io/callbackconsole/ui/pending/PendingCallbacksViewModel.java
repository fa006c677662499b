package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.FxBackground;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State of the Pending tab: the rows of the latest snapshot, the filter, the selected token, the reason being typed
 * and what became of the last submission. Views bind to it; it never touches a control. FX thread only.
 */
public final class PendingCallbacksViewModel {
    private final FxBackground background;
    private final ObservableList<PendingRow> rows = FXCollections.observableArrayList();
    private final FilteredList<PendingRow> filteredRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<PendingRow> selected = new SimpleObjectProperty<>();
    private final StringProperty reason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper tableState = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyBooleanWrapper submitting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lastResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<SubmissionResult.Status> lastResultStatus = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty connected = new SimpleBooleanProperty(false);
    private final StringBinding reasonCounter;
    private final StringBinding submitBlockedBecause;
    private final BooleanBinding submitDisabled;
    private final BooleanBinding selectedStale;
    private final BooleanBinding selectedStopRequested;
    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper findProgress = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Duration> discoveryWindow = new SimpleObjectProperty<>(Duration.ofDays(7));
    private volatile boolean findCancelled;
    private ConsoleSession session;
    private Consumer<SubmissionResult> submissionListener = result -> { };

    public PendingCallbacksViewModel(FxBackground background) {
        this.background = background;
        filteredRows.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(java.util.Locale.ROOT);
            return row -> row.matches(needle);
        }, filter));
        reasonCounter = Bindings.createStringBinding(
                () -> FailureReason.lengthOf(reason.get()) + "/" + FailureReason.MAX_LENGTH, reason);
        submitBlockedBecause = Bindings.createStringBinding(this::whySubmitIsBlocked, reason, selected, submitting, connected);
        submitDisabled = submitBlockedBecause.isNotEmpty();
        selectedStale = Bindings.createBooleanBinding(() -> selected.get() != null && selected.get().stale(), selected);
        selectedStopRequested = Bindings.createBooleanBinding(
                () -> selected.get() != null && selected.get().stopRequested() && !selected.get().stale(), selected);
        // Acknowledging a stop sends a reason naming the operator; offer it, editable, when nothing is typed yet.
        selected.addListener((obs, old, row) -> {
            if (row != null && row.stopRequested() && session != null && reason.get().isBlank()) {
                reason.set(session.defaultStopReason());
            }
        });
    }

    private String whySubmitIsBlocked() {
        if (!connected.get()) {
            return "Not connected yet.";
        }
        if (selected.get() == null) {
            return "Select a pending callback.";
        }
        if (submitting.get()) {
            return "Submitting…";
        }
        if (selected.get().stale()) {
            return "This token can no longer be answered (" + selected.get().context().staleReason()
                    + "). Dismiss it to remove its message.";
        }
        String problem = FailureReason.problemWith(reason.get());
        return problem == null ? "" : problem;
    }

    /** A new session: rows come from its snapshots from now on. */
    public void attach(ConsoleSession newSession) {
        this.session = newSession;
        connected.set(newSession != null);
        if (newSession == null) {
            rows.clear();
            tableState.set("Connecting…");
        }
    }

    public void onSubmission(Consumer<SubmissionResult> listener) {
        this.submissionListener = listener;
    }

    /** Applies one snapshot: the whole table at once, the selection kept by token. FX thread. */
    public void apply(PendingSnapshot snapshot) {
        apply(snapshot, rowsOf(snapshot));
    }

    /** The table rows of a snapshot; pure, so the poller's thread makes them and the FX thread only swaps them in. */
    public static List<PendingRow> rowsOf(PendingSnapshot snapshot) {
        return snapshot.pending().stream()
                .map(p -> new PendingRow(p, snapshot.takenAt(), snapshot.contextOf(p.token()))).toList();
    }

    /** Applies one snapshot with its rows made beforehand (see {@link #rowsOf}). FX thread. */
    public void apply(PendingSnapshot snapshot, List<PendingRow> fresh) {
        String selectedToken = selected.get() == null ? null : selected.get().token();
        rows.setAll(fresh);
        selected.set(selectedToken == null ? null
                : fresh.stream().filter(r -> r.token().equals(selectedToken)).findFirst().orElse(null));
        tableState.set(describe(snapshot.pollState()));
    }

    static String describe(PollState state) {
        return switch (state.phase()) {
            case STARTING -> "Polling " + state.queueCount() + " queue(s)…";
            case NO_QUEUES -> "No queue is configured. Use Connect… to add the queues your callback steps send to.";
            case POLLING -> "No pending callbacks on " + state.queueCount() + " queue(s).";
            case FAILING -> "Cannot poll: " + state.problem();
        };
    }

    /** Fails the selected step with the typed reason, off the FX thread. */
    public void submit() {
        PendingRow row = selected.get();
        if (submitDisabled.get() || row == null || session == null) {
            return;
        }
        CallbackToken token = row.callback().token();
        FailureReason failureReason = FailureReason.of(reason.get());
        ConsoleSession target = session;
        submitting.set(true);
        lastResult.set("Submitting failure for " + token + "…");
        lastResultStatus.set(null);
        background.run(() -> target.submitFailure(token, failureReason), result -> {
            submitting.set(false);
            lastResult.set(result.message());
            lastResultStatus.set(result.status());
            if (result.accepted()) {
                reason.set("");
            }
            submissionListener.accept(result);
        }, error -> {
            submitting.set(false);
            lastResultStatus.set(SubmissionResult.Status.NOT_SENT);
            lastResult.set("Submission failed unexpectedly: " + error.getMessage());
        });
    }

    /** Dismisses the selected stale token (after the view's confirmation), off the FX thread. */
    public void dismiss() {
        PendingRow row = selected.get();
        if (row == null || session == null || submitting.get()) {
            return;
        }
        ConsoleSession target = session;
        String why = row.stale() ? row.context().staleReason() : "dismissed by the operator";
        runDecision("Dismissing " + row.token() + "…", () -> target.dismiss(row.callback().token(), why));
    }

    /** Approves the selected step with typed output values (checked against the declared types first). */
    public void approve(OutputParameters outputs) {
        PendingRow row = selected.get();
        if (row == null || session == null || submitting.get() || row.stale()) {
            return;
        }
        ConsoleSession target = session;
        runDecision("Approving " + row.token() + "…", () -> target.approve(row.callback().token(), outputs));
    }

    /** The output parameters the selected step declares in its pipeline definition; empty when unknown. */
    public List<DeclaredOutput> declaredOutputsOfSelected() {
        PendingRow row = selected.get();
        if (row == null || row.context().execution() == null || row.context().step() == null) {
            return List.of();
        }
        return row.context().execution().declaredOutputsOf(row.context().step().stepName());
    }

    private void runDecision(String doing, java.util.concurrent.Callable<SubmissionResult> work) {
        submitting.set(true);
        lastResult.set(doing);
        lastResultStatus.set(null);
        background.run(work, result -> {
            submitting.set(false);
            lastResult.set(result.message());
            lastResultStatus.set(result.status());
            submissionListener.accept(result);
        }, error -> {
            submitting.set(false);
            lastResultStatus.set(SubmissionResult.Status.NOT_SENT);
            lastResult.set("Failed unexpectedly: " + error.getMessage());
        });
    }

    /** Scans SageMaker for waiting callback steps, with progress; {@link #cancelFind()} stops it. */
    public void findWaiting() {
        if (session == null || finding.get()) {
            return;
        }
        ConsoleSession target = session;
        Duration window = discoveryWindow.get();
        findCancelled = false;
        finding.set(true);
        findProgress.set("Listing pipelines…");
        background.run(() -> target.findWaitingCallbacks(window, progress -> Platform.runLater(() -> {
            if (finding.get()) {
                findProgress.set("Scanned " + progress.pipelinesScanned() + "/" + progress.pipelineCount()
                        + " pipelines, " + progress.waitingFound() + " waiting found…");
            }
        }), () -> findCancelled), result -> {
            finding.set(false);
            findProgress.set((result.cancelled() ? "Cancelled: " : "") + result.waiting().size()
                    + " waiting callback(s) in " + result.pipelines() + " pipeline(s), " + result.newTokens()
                    + " new" + (result.problems().isEmpty() ? "." : "; not scanned: "
                    + String.join("; ", result.problems())));
        }, error -> {
            finding.set(false);
            findProgress.set("Could not scan SageMaker: " + error.getMessage());
        });
    }

    public void cancelFind() {
        findCancelled = true;
    }

    public ReadOnlyBooleanProperty findingProperty() {
        return finding.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty findProgressProperty() {
        return findProgress.getReadOnlyProperty();
    }

    /** How far back "Find waiting" looks for executions. */
    public ObjectProperty<Duration> discoveryWindowProperty() {
        return discoveryWindow;
    }

    public BooleanBinding selectedStaleProperty() {
        return selectedStale;
    }

    public BooleanBinding selectedStopRequestedProperty() {
        return selectedStopRequested;
    }

    public Optional<PendingCallback> selectedCallback() {
        return Optional.ofNullable(selected.get()).map(PendingRow::callback);
    }

    public ObservableList<PendingRow> rows() {
        return rows;
    }

    public FilteredList<PendingRow> filteredRows() {
        return filteredRows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<PendingRow> selectedProperty() {
        return selected;
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

    public ReadOnlyStringProperty tableStateProperty() {
        return tableState.getReadOnlyProperty();
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
