package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.BulkSubmission;
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
    private final ReadOnlyBooleanWrapper peeking = new ReadOnlyBooleanWrapper(false);
    private final StringBinding reasonCounter;
    private final StringBinding submitBlockedBecause;
    private final BooleanBinding submitDisabled;
    private final BooleanBinding selectedStale;
    private final BooleanBinding selectedStopRequested;
    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper findProgress = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Duration> discoveryWindow = new SimpleObjectProperty<>(Duration.ofDays(7));
    private volatile boolean findCancelled;
    /** The tokens of the rows selected together, for a bulk decision; kept by token across snapshots. */
    private final ObservableList<String> chosenTokens = FXCollections.observableArrayList();
    private final javafx.beans.property.IntegerProperty bulkConcurrency =
            new javafx.beans.property.SimpleIntegerProperty(BulkSubmission.DEFAULT_CONCURRENCY);
    private final ObservableList<BulkRow> bulkRows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper bulkRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper bulkSummary = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyDoubleWrapper bulkProgress =
            new javafx.beans.property.ReadOnlyDoubleWrapper(0);
    private final StringBinding bulkBlockedBecause;
    private volatile boolean bulkCancelled;
    private boolean applyingSnapshot;
    /** Outcomes reported by the sending threads, applied to the rows in one runLater at a time. */
    private final java.util.concurrent.ConcurrentLinkedQueue<BulkSubmission.RowOutcome> bulkArrivals =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean bulkApplyScheduled =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** One row of the bulk progress list: a token, its pipeline and what became of it so far. */
    public record BulkRow(String token, String pipeline, String outcome, boolean ok) {
    }
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
        bulkBlockedBecause = Bindings.createStringBinding(this::whyBulkIsBlocked, reason, chosenTokens, rows, submitting,
                bulkRunning, connected);
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

    private String whyBulkIsBlocked() {
        if (!connected.get()) {
            return "Not connected yet.";
        }
        if (bulkRunning.get()) {
            return "A bulk submission is running.";
        }
        if (submitting.get()) {
            return "Submitting…";
        }
        if (chosenRows().isEmpty()) {
            return "Select two or more rows (Ctrl+click, Shift+click) to fail them together; stale rows are left out.";
        }
        String problem = FailureReason.problemWith(reason.get());
        return problem == null ? "" : problem;
    }

    /** The selected rows a bulk decision would fail: the chosen tokens still shown, stale ones left out. */
    public List<PendingRow> chosenRows() {
        if (chosenTokens.size() < 2) {
            return List.of();
        }
        java.util.Set<String> wanted = new java.util.HashSet<>(chosenTokens);
        return rows.stream().filter(r -> wanted.contains(r.token()) && !r.stale()).toList();
    }

    /** The view reports which rows are selected together. */
    public void choose(List<String> tokens) {
        chosenTokens.setAll(tokens);
    }

    /** True while a snapshot replaces the rows: the table's selection empties then, which is not the operator's doing. */
    public boolean applyingSnapshot() {
        return applyingSnapshot;
    }

    public List<String> chosenTokens() {
        return List.copyOf(chosenTokens);
    }

    /** What the confirmation asks: the count and the pipelines affected, and that it cannot be undone. */
    public String bulkQuestion() {
        List<PendingRow> targets = chosenRows();
        return BulkSubmission.describe(targets.stream().map(PendingRow::callback).toList()) + " with the reason \""
                + reason.get().strip() + "\"? SageMaker applies each at once; it cannot be undone. At most "
                + bulkConcurrency.get() + " are sent at a time.";
    }

    /** Fails every chosen row with the typed reason (after the view's confirmation), off the FX thread. */
    public void startBulk() {
        List<PendingRow> targets = chosenRows();
        if (!bulkBlockedBecause.get().isEmpty() || targets.isEmpty() || session == null) {
            return;
        }
        ConsoleSession target = session;
        FailureReason failureReason = FailureReason.of(reason.get());
        int concurrency = bulkConcurrency.get();
        bulkCancelled = false;
        bulkRunning.set(true);
        bulkProgress.set(0);
        bulkRows.setAll(targets.stream().map(r -> new BulkRow(r.token(), r.pipelineDisplayName(), "waiting", false))
                .toList());
        bulkSummary.set("Sending " + targets.size() + " failure(s), " + concurrency + " at a time…");
        List<CallbackToken> tokens = targets.stream().map(r -> r.callback().token()).toList();
        background.run(() -> target.submitFailures(tokens, failureReason, concurrency, this::bulkOutcomeArrived,
                () -> bulkCancelled), summary -> {
                    applyBulkArrivals();
                    bulkRunning.set(false);
                    bulkSummary.set(summary.text());
                    if (summary.count(SubmissionResult.Status.ACCEPTED) > 0) {
                        reason.set("");
                    }
                    submissionListener.accept(new SubmissionResult(summary.allAccepted()
                            ? SubmissionResult.Status.ACCEPTED : SubmissionResult.Status.REFUSED, null, null,
                            summary.text()));
                }, error -> {
                    bulkRunning.set(false);
                    bulkSummary.set("The bulk submission stopped unexpectedly: " + error.getMessage()
                            + " Each row's outcome so far is in the history.");
                });
    }

    /**
     * Stops journaling: decisions already journaled (a few ahead of the calls) are still sent and recorded; the rest
     * are not sent.
     */
    public void cancelBulk() {
        bulkCancelled = true;
        if (bulkRunning.get()) {
            bulkSummary.set("Cancelling: decisions already journaled (at most " + bulkConcurrency.get()
                    * BulkSubmission.LOOK_AHEAD_PER_SENDER + ") are still sent and recorded; the rest are not sent…");
        }
    }

    /** From a bulk run's thread: one runLater applies everything that arrived since the last one. */
    private void bulkOutcomeArrived(BulkSubmission.RowOutcome outcome) {
        bulkArrivals.add(outcome);
        if (bulkApplyScheduled.compareAndSet(false, true)) {
            Platform.runLater(this::applyBulkArrivals);
        }
    }

    private void applyBulkArrivals() {
        bulkApplyScheduled.set(false);
        for (BulkSubmission.RowOutcome outcome; (outcome = bulkArrivals.poll()) != null; ) {
            for (int i = 0; i < bulkRows.size(); i++) {
                BulkRow row = bulkRows.get(i);
                if (row.token().equals(outcome.token().value())) {
                    bulkRows.set(i, new BulkRow(row.token(), row.pipeline(), outcome.text(),
                            outcome.sent() && outcome.result().accepted()));
                }
            }
        }
        long settled = bulkRows.stream().filter(r -> !r.outcome().equals("waiting")).count();
        bulkProgress.set(bulkRows.isEmpty() ? 0 : (double) settled / bulkRows.size());
    }

    public ObservableList<BulkRow> bulkRows() {
        return bulkRows;
    }

    public ReadOnlyBooleanProperty bulkRunningProperty() {
        return bulkRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bulkSummaryProperty() {
        return bulkSummary.getReadOnlyProperty();
    }

    public javafx.beans.property.ReadOnlyDoubleProperty bulkProgressProperty() {
        return bulkProgress.getReadOnlyProperty();
    }

    public StringBinding bulkBlockedBecauseProperty() {
        return bulkBlockedBecause;
    }

    /** How many failures a bulk submission keeps in flight at once (setting, default 4). */
    public javafx.beans.property.IntegerProperty bulkConcurrencyProperty() {
        return bulkConcurrency;
    }

    public ObservableList<String> chosenTokensList() {
        return chosenTokens;
    }

    /** A new session: rows come from its snapshots from now on. */
    public void attach(ConsoleSession newSession) {
        this.session = newSession;
        connected.set(newSession != null);
        peeking.set(newSession != null && newSession.peeking());
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
        if (newSession == null) {
            rows.clear();
            tableState.set("Connecting…");
        }
    }

    public void onSubmission(Consumer<SubmissionResult> listener) {
        this.submissionListener = listener;
    }

    /** The table rows of a snapshot; pure, so the poller's thread makes them and the FX thread only swaps them in. */
    public static List<PendingRow> rowsOf(PendingSnapshot snapshot) {
        return snapshot.pending().stream()
                .map(p -> new PendingRow(p, snapshot.takenAt(), snapshot.contextOf(p.token()),
                        snapshot.maxReceiveCountOf(p))).toList();
    }

    /**
     * Applies one snapshot with its rows made beforehand (see {@link #rowsOf}): the whole table at once, the selection
     * kept by token. FX thread.
     */
    public void apply(PendingSnapshot snapshot, List<PendingRow> fresh) {
        String selectedToken = selected.get() == null ? null : selected.get().token();
        applyingSnapshot = true;
        try {
            rows.setAll(fresh);
        } finally {
            applyingSnapshot = false;
        }
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

    /**
     * Hands the selected token's messages back to SQS so another console can take it; the row goes until a poll
     * receives it again. Off the FX thread.
     */
    public void release() {
        PendingRow row = selected.get();
        if (row == null || session == null || submitting.get() || bulkRunning.get()
                || row.callback().onlyFoundViaSageMaker()) {
            return;
        }
        ConsoleSession target = session;
        runDecision("Releasing " + row.token() + "…", () -> target.release(row.callback().token()));
    }

    /** True when the selected token's unanswered decision is retried in the background (no I/O). */
    public boolean selectedRetrying() {
        PendingRow row = selected.get();
        return row != null && session != null && session.retrying(row.callback().token());
    }

    /** Stops the background retries of the selected token's unanswered decision; recorded in the history. */
    public void giveUp() {
        PendingRow row = selected.get();
        if (row == null || session == null || submitting.get()) {
            return;
        }
        ConsoleSession target = session;
        runDecision("Giving up on " + row.token() + "…", () -> target.giveUp(row.callback().token()));
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

    /** True when the session holds no message (peek): releasing means nothing, and other consumers see every row. */
    public ReadOnlyBooleanProperty peekingProperty() {
        return peeking.getReadOnlyProperty();
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
