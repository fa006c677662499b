package io.callbackconsole.ui.pending;

import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.WaitingCallbackDiscovery;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Find waiting": scans SageMaker for callback steps still waiting (tokens found join the table through the next
 * snapshot), with progress, and a cancel. FX thread only.
 */
public final class DiscoveryViewModel {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryViewModel.class);

    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Duration> window = new SimpleObjectProperty<>(Duration.ofDays(7));
    private ConsoleSession session;
    private TaskExecutor tasks;
    private BackgroundTask<WaitingCallbackDiscovery.Result> scan;

    /** A new connection (or none): the previous connection's scan and its summary go. */
    void attach(ConsoleSession newSession, TaskExecutor newTasks) {
        if (scan != null) {
            scan.cancel();
        }
        scan = null;
        session = newSession;
        tasks = newTasks;
        finding.set(false);
        progress.set("");
    }

    /** Scans SageMaker for waiting callback steps, with progress; {@link #cancel()} stops it. */
    public void findWaiting() {
        if (session == null || finding.get()) {
            return;
        }
        ConsoleSession target = session;
        Duration lookBack = window.get();
        finding.set(true);
        progress.set("Listing pipelines…");
        scan = tasks.execute(BackgroundTask.<WaitingCallbackDiscovery.Result, WaitingCallbackDiscovery.Progress>of(
                        (control, scanned) -> target.findWaitingCallbacks(lookBack, scanned, control::isCancelled),
                        this::showProgress)
                .named("Find waiting")
                .onSuccess(result -> progress.set((result.cancelled() ? "Cancelled: " : "") + result.waiting().size()
                        + " waiting callback(s) in " + result.pipelines() + " pipeline(s), " + result.newTokens()
                        + " new" + (result.problems().isEmpty() ? "." : "; not scanned: "
                        + String.join("; ", result.problems()))))
                .onFailure(error -> {
                    log.warn("Find waiting failed", error);
                    progress.set("Could not scan SageMaker: " + error.getMessage());
                })
                .onFinished(() -> finding.set(false)));
    }

    /** Only the newest of the updates since the last pulse is worth showing. */
    private void showProgress(List<WaitingCallbackDiscovery.Progress> updates) {
        if (finding.get()) {
            WaitingCallbackDiscovery.Progress last = updates.get(updates.size() - 1);
            progress.set("Scanned " + last.pipelinesScanned() + "/" + last.pipelineCount() + " pipelines, "
                    + last.waitingFound() + " waiting found…");
        }
    }

    public void cancel() {
        if (scan != null) {
            scan.cancel();
        }
    }

    public ReadOnlyBooleanProperty findingProperty() {
        return finding.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** How far back "Find waiting" looks for executions. */
    public ObjectProperty<Duration> windowProperty() {
        return window;
    }
}
