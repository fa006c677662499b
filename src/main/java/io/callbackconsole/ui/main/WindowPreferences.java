package io.callbackconsole.ui.main;

import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import io.callbackconsole.ui.pending.PendingCallbacksViewModel;
import io.callbackconsole.ui.preferences.Preferences;
import io.callbackconsole.ui.preferences.StartPreferences;
import io.callbackconsole.ui.preferences.WindowLayout;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The preferences at work in the window: applied to the Pending tab and the alerts at start and at once when the
 * operator chooses others, and saved (with the window's layout) in the background, the latest choice last. Its saver
 * is waited for when the window closes, so the layout of the last move reaches the file. FX thread.
 */
final class WindowPreferences {
    private static final Logger log = LoggerFactory.getLogger(WindowPreferences.class);

    private final StartPreferences start;
    private final PendingCallbacksViewModel pending;
    private final WaitingAlerts alerts;
    private final FxTaskExecutor saver;
    private final ReadOnlyObjectWrapper<Preferences> current = new ReadOnlyObjectWrapper<>();
    private final AtomicReference<Preferences> preferencesToSave = new AtomicReference<>();
    private final AtomicReference<WindowLayout> layoutToSave = new AtomicReference<>();

    WindowPreferences(StartPreferences start, PendingCallbacksViewModel pending, WaitingAlerts alerts,
                      FxTaskExecutor saver) {
        this.start = start;
        this.pending = pending;
        this.alerts = alerts;
        this.saver = saver;
        apply(start.preferences());
    }

    /** Applies {@code chosen} now and saves it. */
    void choose(Preferences chosen) {
        apply(chosen);
        preferencesToSave.set(chosen);
        saver.execute(BackgroundTask.ofAction(() -> {
            Preferences latest = preferencesToSave.getAndSet(null);
            if (latest != null) {
                start.store().save(latest);
            }
        }).named("save the preferences").onFailure(error -> log.warn("The preferences cannot be saved: {}",
                error.getMessage())));
    }

    private void apply(Preferences preferences) {
        current.set(preferences);
        pending.table().ageAlarms(preferences.ageAlarms());
        EnumSet<WaitingAlerts.Kind> kinds = EnumSet.noneOf(WaitingAlerts.Kind.class);
        if (preferences.notifyNew()) {
            kinds.add(WaitingAlerts.Kind.NEW);
        }
        if (preferences.notifyOverdue()) {
            kinds.add(WaitingAlerts.Kind.OVERDUE);
        }
        if (preferences.notifyNearDeadLetter()) {
            kinds.add(WaitingAlerts.Kind.NEAR_DEAD_LETTER);
        }
        alerts.enable(kinds);
        pending.discovery().windowProperty().set(Duration.ofDays(preferences.findWaitingDays()));
        pending.bulk().concurrencyProperty().set(preferences.bulkConcurrency());
    }

    /** The window's layout as saved by the last start; empty when none is. */
    Optional<WindowLayout> startLayout() {
        return start.layout();
    }

    /** Saves the layout in the background; of quick moves, the latest is written. */
    void saveLayout(WindowLayout layout) {
        layoutToSave.set(layout);
        saver.execute(BackgroundTask.ofAction(() -> {
            WindowLayout latest = layoutToSave.getAndSet(null);
            if (latest != null) {
                start.store().saveLayout(latest);
            }
        }).named("save the window layout").onFailure(error -> log.warn("The window layout cannot be saved: {}",
                error.getMessage())));
    }

    /** The window closed: saves still queued are written, then the saver ends. */
    void close() {
        saver.shutdown();
    }

    ReadOnlyObjectProperty<Preferences> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** What the window says once about the start (a damaged settings file); empty when nothing. */
    String startNotice() {
        return start.startNotice();
    }
}
