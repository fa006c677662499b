package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk runs: the rows selected together fail with the reason typed for them in the bulk pane (its own, never a row's
 * draft), at most a few calls in flight, each row's outcome shown as it arrives, and a cancel that stops journaling.
 * FX thread only.
 */
public final class BulkFailViewModel {
    private static final Logger log = LoggerFactory.getLogger(BulkFailViewModel.class);
    private static final String WAITING = "waiting";

    /** One row of the bulk progress list: a token, its pipeline and what became of it so far. */
    public record BulkRow(String token, String pipeline, String outcome, boolean ok) {
        /** True once its outcome (sent or not) arrived. */
        public boolean settled() {
            return !outcome.equals(WAITING);
        }
    }

    private final PendingTableViewModel table;
    private final DecisionViewModel decision;
    /** The reason for the rows selected together; it goes when they no longer are (fewer than two). */
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringBinding reasonCounter;
    private final IntegerProperty concurrency = new SimpleIntegerProperty(BulkSubmission.DEFAULT_CONCURRENCY);
    private final ObservableList<BulkRow> outcomes = FXCollections.observableArrayList();
    private final ObservableList<BulkRow> readOnlyOutcomes = FXCollections.unmodifiableObservableList(outcomes);
    /** Index in {@link #outcomes} by token, so each arriving outcome costs one look-up. */
    private final Map<String, Integer> outcomeIndex = new HashMap<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final StringBinding blockedBecause;
    private ConsoleSession session;
    private TaskExecutor tasks;
    private BackgroundTask<BulkSubmission.Summary> run;
    private Consumer<DecisionNotice> submissionListener = notice -> { };
    private Consumer<String> signedOutListener = code -> { };

    public BulkFailViewModel(PendingTableViewModel table, DecisionViewModel decision) {
        this.table = table;
        this.decision = decision;
        blockedBecause = Bindings.createStringBinding(this::whyBlocked, reason,
                table.chosenRows(), table.revisionProperty(), decision.submittingProperty(), running,
                decision.connectedProperty());
        reasonCounter = Bindings.createStringBinding(
                () -> FailureReason.lengthOf(reason.get()) + "/" + FailureReason.MAX_LENGTH, reason);
        // A reason typed for one group of rows is not armed for whatever is selected together next.
        table.severalSelectedProperty().addListener((obs, was, several) -> {
            if (!several && !running.get()) {
                reason.set("");
            }
        });
    }

    /** A new connection (or none): a run of the previous one no longer reports here, and its outcomes go. */
    void attach(ConsoleSession newSession, TaskExecutor newTasks) {
        session = newSession;
        tasks = newTasks;
        run = null;
        running.set(false);
        summary.set("");
        progress.set(0);
        reason.set("");
        clearOutcomes();
    }

    void onSubmission(Consumer<DecisionNotice> listener) {
        this.submissionListener = listener;
    }

    /** Told the error code when a run stopped because AWS said the session is over, so the window can offer sign-in. */
    void onSignedOut(Consumer<String> listener) {
        this.signedOutListener = listener;
    }

    private String whyBlocked() {
        if (!decision.connectedProperty().get()) {
            return WindowWords.text("decision.problem.notConnected");
        }
        if (running.get()) {
            return WindowWords.text("bulk.problem.running");
        }
        if (decision.submittingProperty().get()) {
            return WindowWords.text("decision.problem.submitting");
        }
        if (targets().isEmpty()) {
            return WindowWords.text("bulk.problem.noSelection");
        }
        String problem = FailureReason.problemWith(reason.get());
        return problem == null ? "" : problem;
    }

    /** The rows a bulk decision would fail: two or more selected together, stale ones left out. */
    public List<PendingRow> targets() {
        List<PendingRow> chosen = table.chosenRows();
        return chosen.size() < 2 ? List.of() : chosen.stream().filter(r -> !r.stale()).toList();
    }

    /** What the confirmation asks: the count and the pipelines affected, and that it cannot be undone. */
    public String question() {
        return BulkWording.question(targets(), reason.get(), concurrency.get());
    }

    /** Fails every target with the typed reason (after the view's confirmation), off the FX thread. */
    public void start() {
        List<PendingRow> targets = targets();
        if (!blockedBecause.get().isEmpty() || targets.isEmpty() || session == null) {
            return;
        }
        ConsoleSession target = session;
        FailureReason failureReason = FailureReason.of(reason.get());
        int inFlight = concurrency.get();
        List<CallbackToken> tokens = targets.stream().map(r -> r.callback().token()).toList();
        clearOutcomes();
        for (PendingRow row : targets) {
            outcomeIndex.put(row.token(), outcomes.size());
            outcomes.add(new BulkRow(row.token(), row.pipelineDisplayName(), WAITING, false));
        }
        running.set(true);
        progress.set(0);
        summary.set(WindowWords.text("bulk.sending", targets.size(), inFlight));
        run = tasks.execute(BackgroundTask.<BulkSubmission.Summary, BulkSubmission.RowOutcome>of(
                        (control, rowDone) -> target.decisions().submitFailures(tokens, failureReason, inFlight,
                                rowDone, control::isCancelled), this::outcomesArrived)
                .named("bulk failure of " + tokens.size() + " token(s)")
                .onSuccess(done -> {
                    String text = BulkWording.summary(done);
                    summary.set(text);
                    if (done.count(SubmissionResult.Status.ACCEPTED) > 0) {
                        reason.set("");
                    }
                    submissionListener.accept(new DecisionNotice(WindowWords.text("bulk.notice"), done.allAccepted(), text));
                    if (done.signedOut() && session == target) {
                        signedOutListener.accept(done.signedOutBy());
                    }
                })
                .onFailure(error -> {
                    log.error("A bulk submission stopped unexpectedly", error);
                    summary.set(WindowWords.text("bulk.stoppedUnexpectedly", error.getMessage()));
                })
                .onFinished(() -> running.set(false)));
    }

    /**
     * Stops journaling: decisions already journaled (a few ahead of the calls) are still sent and recorded; the rest
     * are not sent.
     */
    public void cancel() {
        if (run != null && running.get()) {
            run.cancel();
            summary.set(WindowWords.text("bulk.cancelling",
                    concurrency.get() * BulkSubmission.LOOK_AHEAD_PER_SENDER));
        }
    }

    /** Every outcome since the last delivery, in one FX-thread turn. */
    private void outcomesArrived(List<BulkSubmission.RowOutcome> arrived) {
        for (BulkSubmission.RowOutcome outcome : arrived) {
            Integer index = outcomeIndex.get(outcome.token().value());
            if (index != null) {
                BulkRow row = outcomes.get(index);
                outcomes.set(index, new BulkRow(row.token(), row.pipeline(), BulkWording.row(outcome),
                        outcome.sent() && outcome.result().accepted()));
            }
        }
        long settled = outcomes.stream().filter(BulkRow::settled).count();
        progress.set(outcomes.isEmpty() ? 0 : (double) settled / outcomes.size());
    }

    /** Clears the outcomes of the last run (not while one runs). */
    public void clearOutcomes() {
        if (!running.get()) {
            outcomes.clear();
            outcomeIndex.clear();
        }
    }

    /** The reason every selected step fails with. */
    public StringProperty reasonProperty() {
        return reason;
    }

    public StringBinding reasonCounterProperty() {
        return reasonCounter;
    }

    public ObservableList<BulkRow> outcomes() {
        return readOnlyOutcomes;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public StringBinding blockedBecauseProperty() {
        return blockedBecause;
    }

    /** How many failures a bulk submission keeps in flight at once (setting, default 4). */
    public IntegerProperty concurrencyProperty() {
        return concurrency;
    }
}
