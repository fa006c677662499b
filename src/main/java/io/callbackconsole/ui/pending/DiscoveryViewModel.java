package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.WaitingCallbackDiscovery;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.animation.PauseTransition;
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
 * snapshot), with progress, and a cancel. Its summary says when the scan was taken and goes once it is a minute old,
 * or when the connection changes. FX thread only.
 */
public final class DiscoveryViewModel {
    private static final Logger log = LoggerFactory.getLogger(DiscoveryViewModel.class);

    private final ReadOnlyBooleanWrapper finding = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    /** How long a scan's summary stays: after that the table itself is the newer word. */
    static final Duration SUMMARY_LIFETIME = Duration.ofMinutes(1);

    private final ObjectProperty<Duration> window = new SimpleObjectProperty<>(Duration.ofDays(7));
    private final Duration summaryLifetime;
    /** Made with the first summary, on the FX thread (an animation needs the toolkit). */
    private PauseTransition summaryExpiry;
    private ConsoleSession session;
    private TaskExecutor tasks;
    private BackgroundTask<WaitingCallbackDiscovery.Result> scan;

    public DiscoveryViewModel() {
        this(SUMMARY_LIFETIME);
    }

    DiscoveryViewModel(Duration summaryLifetime) {
        this.summaryLifetime = summaryLifetime;
    }

    /** A new connection (or none): the previous connection's scan and its summary go. */
    void attach(ConsoleSession newSession, TaskExecutor newTasks) {
        if (scan != null) {
            scan.cancel();
        }
        scan = null;
        session = newSession;
        tasks = newTasks;
        finding.set(false);
        stopSummaryExpiry();
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
        stopSummaryExpiry();
        progress.set(WindowWords.text("find.listing"));
        scan = tasks.execute(BackgroundTask.<WaitingCallbackDiscovery.Result, WaitingCallbackDiscovery.Progress>of(
                        (control, scanned) -> target.discovery().findWaitingCallbacks(lookBack, scanned,
                                control::isCancelled),
                        this::showProgress)
                .named("Find waiting")
                .onSuccess(result -> showSummary(summaryOf(result, Instant.now())))
                .onFailure(error -> {
                    log.warn("Find waiting failed", error);
                    showSummary(WindowWords.text("find.failed", ShortTimes.hoursMinutes(Instant.now()),
                            DisplayText.escape(error.getMessage())));
                })
                .onFinished(() -> finding.set(false)));
    }

    /** "As of 20:33: 3 waiting callbacks in 2 pipelines, 1 new." */
    static String summaryOf(WaitingCallbackDiscovery.Result result, Instant takenAt) {
        int waiting = result.waiting().size();
        String callbacks = waiting == 1 ? WindowWords.text("find.summary.oneCallback")
                : WindowWords.text("find.summary.callbacks", waiting);
        String pipelines = result.pipelines() == 1 ? WindowWords.text("find.summary.onePipeline")
                : WindowWords.text("find.summary.pipelines", result.pipelines());
        String found = result.cancelled()
                ? WindowWords.text("find.summary.cancelled", callbacks, pipelines, result.newTokens())
                : WindowWords.text("find.summary.found", callbacks, pipelines, result.newTokens());
        String time = ShortTimes.hoursMinutes(takenAt);
        return result.problems().isEmpty() ? WindowWords.text("find.summary", time, found)
                : WindowWords.text("find.summary.notScanned", time, found,
                DisplayText.escape(String.join("; ", result.problems())));
    }

    private void showSummary(String text) {
        progress.set(text);
        if (summaryExpiry == null) {
            summaryExpiry = new PauseTransition(javafx.util.Duration.millis(summaryLifetime.toMillis()));
            summaryExpiry.setOnFinished(e -> {
                if (!finding.get()) {
                    progress.set("");
                }
            });
        }
        summaryExpiry.playFromStart();
    }

    private void stopSummaryExpiry() {
        if (summaryExpiry != null) {
            summaryExpiry.stop();
        }
    }

    /** Only the newest of the updates since the last pulse is worth showing. */
    private void showProgress(List<WaitingCallbackDiscovery.Progress> updates) {
        if (finding.get()) {
            WaitingCallbackDiscovery.Progress last = updates.get(updates.size() - 1);
            progress.set(WindowWords.text("find.progress", last.pipelinesScanned(), last.pipelineCount(),
                    last.waitingFound()));
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
