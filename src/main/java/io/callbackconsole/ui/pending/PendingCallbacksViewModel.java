package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.FxBackground;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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
    private ConsoleSession session;
    private Consumer<SubmissionResult> submissionListener = result -> { };

    public PendingCallbacksViewModel(FxBackground background) {
        this.background = background;
        filteredRows.predicateProperty().bind(Bindings.createObjectBinding(
                () -> row -> row.matches(filter.get()), filter));
        reasonCounter = Bindings.createStringBinding(
                () -> FailureReason.lengthOf(reason.get()) + "/" + FailureReason.MAX_LENGTH, reason);
        submitBlockedBecause = Bindings.createStringBinding(this::whySubmitIsBlocked, reason, selected, submitting, connected);
        submitDisabled = submitBlockedBecause.isNotEmpty();
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
        String selectedToken = selected.get() == null ? null : selected.get().token();
        List<PendingRow> fresh = snapshot.pending().stream().map(p -> new PendingRow(p, snapshot.takenAt())).toList();
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
