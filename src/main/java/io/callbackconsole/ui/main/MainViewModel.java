package io.callbackconsole.ui.main;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.triage.SubmissionRecovery;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.common.FxBackground;
import io.callbackconsole.ui.history.HistoryViewModel;
import io.callbackconsole.ui.pending.PendingCallbacksViewModel;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.quarantine.QuarantineViewModel;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state: which connection is open, how polling goes, the counts on the tabs, and the view models
 * of the tabs. It opens and closes sessions off the FX thread and applies one snapshot per poll tick. FX thread only.
 */
public final class MainViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainViewModel.class);
    private static final java.util.List<Thread> closers = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final ConsoleEnvironment environment;
    private final FxBackground background = new FxBackground();
    private final PendingCallbacksViewModel pending = new PendingCallbacksViewModel(background);
    private final QuarantineViewModel quarantine = new QuarantineViewModel();
    private final HistoryViewModel history = new HistoryViewModel(background);
    private final ReadOnlyObjectWrapper<ConnectionSettings> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper sandbox = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyStringWrapper connectProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper quarantineCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<PollState> pollState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> lastSnapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper historyPath = new ReadOnlyStringWrapper("");
    private final StringProperty recoveryNotice = new SimpleStringProperty("");
    private ConsoleSession session;
    /** Counts connect requests, so a session that finishes opening after a newer request is closed, not shown. */
    private long connectGeneration;
    private Consumer<SubmissionResult> submissionNotifier = result -> { };

    public MainViewModel(ConsoleEnvironment environment) {
        this.environment = environment;
        pending.onSubmission(result -> {
            submissionNotifier.accept(result);
            history.reload();
        });
    }

    /** Closes the current session (if any) and opens one for {@code settings}, all off the FX thread. */
    public void connect(ConnectionSettings settings) {
        ConsoleSession previous = session;
        session = null;
        long generation = ++connectGeneration;
        pending.attach(null);
        connection.set(settings);
        sandbox.set(settings.sandbox());
        connectionText.set(settings.sandbox() ? "Starting the sandbox…" : "Connecting to " + settings.label() + "…");
        connectProblem.set("");
        background.run(() -> {
            if (previous != null) {
                previous.close();
            }
            ConsoleSession opened = environment.opener().open(settings);
            if (!settings.sandbox()) {
                try {
                    environment.saver().save(settings);
                } catch (Exception e) {
                    log.warn("Connection opened but not saved: {}", e.getMessage());
                }
            }
            return opened;
        }, opened -> {
            if (generation == connectGeneration) {
                attach(opened);
            } else {
                background.run(opened::close);
            }
        }, error -> {
            if (generation != connectGeneration) {
                return;
            }
            log.warn("Cannot connect to {}", settings.label(), error);
            connectionText.set("Not connected");
            connectProblem.set("Cannot connect to " + settings.label() + ": " + error.getMessage()
                    + " Use Connect… to change the connection.");
        });
    }

    private void attach(ConsoleSession opened) {
        session = opened;
        connection.set(opened.connection());
        connectionText.set(opened.connection().sandbox() ? "SANDBOX" : opened.connection().label());
        historyPath.set(opened.historyFile().toString());
        pending.attach(opened);
        history.attach(opened);
        // One runLater per poll tick, never one per message.
        opened.addSnapshotListener(snapshot -> {
            List<PendingRow> rows = PendingCallbacksViewModel.rowsOf(snapshot);
            Platform.runLater(() -> {
                if (session == opened) {
                    apply(snapshot, rows);
                }
            });
        });
        opened.start();
        recoverEarlierDecisions(opened);
    }

    /** Settles, in the background, decisions an earlier run left without a known outcome, and says what came of them. */
    private void recoverEarlierDecisions(ConsoleSession opened) {
        background.run(() -> {
            int count = opened.unsettledSubmissions().size();
            if (count == 0) {
                return List.<SubmissionRecovery.Recovered>of();
            }
            Platform.runLater(() -> recoveryNotice.set(count + " decision(s) from an earlier run have no known "
                    + "outcome; sending each again with its own request token…"));
            return opened.recoverUnsettled();
        }, recovered -> {
            if (!recovered.isEmpty()) {
                recoveryNotice.set(describeRecovery(recovered));
                history.reload();
            }
        }, error -> recoveryNotice.set("Decisions from an earlier run could not be settled: " + error.getMessage()
                + " They stay listed as in flight in the History tab and are tried again on the next start."));
    }

    static String describeRecovery(List<SubmissionRecovery.Recovered> recovered) {
        StringBuilder text = new StringBuilder("Settled decisions from an earlier run:");
        for (SubmissionRecovery.Recovered r : recovered) {
            text.append(' ').append(r.submission().token()).append(' ');
            if (r.outcome() instanceof Outcome.Accepted) {
                text.append("accepted;");
            } else if (r.outcome() instanceof Outcome.Refused refused) {
                text.append("refused (").append(refused.errorCode()).append(");");
            } else {
                text.append("still unknown, tried again on the next start;");
            }
        }
        return text.toString();
    }

    /** Applies one snapshot whose rows the poller's thread made. FX thread. */
    private void apply(PendingSnapshot snapshot, List<PendingRow> rows) {
        pending.apply(snapshot, rows);
        quarantine.apply(snapshot.quarantined());
        pendingCount.set(snapshot.pending().size());
        quarantineCount.set(snapshot.quarantined().size());
        pollState.set(snapshot.pollState());
        lastSnapshot.set(snapshot.takenAt());
    }

    public void refresh() {
        if (session != null) {
            session.refresh();
        }
        history.reload();
    }

    public void onSubmission(Consumer<SubmissionResult> notifier) {
        this.submissionNotifier = notifier;
    }

    public ConsoleEnvironment environment() {
        return environment;
    }

    public FxBackground background() {
        return background;
    }

    public PendingCallbacksViewModel pending() {
        return pending;
    }

    public QuarantineViewModel quarantine() {
        return quarantine;
    }

    public HistoryViewModel history() {
        return history;
    }

    public ReadOnlyObjectProperty<ConnectionSettings> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectProblemProperty() {
        return connectProblem.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pendingCountProperty() {
        return pendingCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty quarantineCountProperty() {
        return quarantineCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PollState> pollStateProperty() {
        return pollState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastSnapshotProperty() {
        return lastSnapshot.getReadOnlyProperty();
    }

    /** What recovery of an earlier run's decisions did; the operator may clear it. */
    public StringProperty recoveryNoticeProperty() {
        return recoveryNotice;
    }

    public ReadOnlyStringProperty historyPathProperty() {
        return historyPath.getReadOnlyProperty();
    }

    /**
     * Closes the session on a non-daemon thread: held messages are released and the history closed even as the
     * application exits, without blocking the FX thread.
     */
    @Override
    public void close() {
        ConsoleSession closing = session;
        session = null;
        connectGeneration++;
        history.close();
        if (closing != null) {
            Thread closer = new Thread(closing::close, "console-session-close");
            closer.setDaemon(false);
            closer.start();
            closers.add(closer);
        }
        background.close();
    }

    /** Waits (off the FX thread, e.g. in the launcher after the GUI ended) until closing sessions have finished. */
    public static void awaitClosed(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Thread closer : closers) {
            try {
                closer.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
