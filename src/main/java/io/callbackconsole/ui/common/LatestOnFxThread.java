package io.callbackconsole.ui.common;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Hands values from a producer thread (the poller) to the FX thread, keeping only the newest: however many arrive
 * before the FX thread gets to them, it applies one, the latest, in one turn. At most one turn is queued at a time.
 *
 * @param <T> the value handed over, immutable
 */
public final class LatestOnFxThread<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final Consumer<T> apply;
    private final Executor fxThread;

    /** {@code apply} runs on the FX thread with the newest value offered since its last run. */
    public LatestOnFxThread(Consumer<T> apply) {
        this(apply, Platform::runLater);
    }

    /** With another way to reach the FX thread, for tests. */
    public LatestOnFxThread(Consumer<T> apply, Executor fxThread) {
        this.apply = Objects.requireNonNull(apply, "apply");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    /** Any thread. Replaces a value not applied yet; schedules a turn only when none is pending. */
    public void offer(T value) {
        Objects.requireNonNull(value, "value");
        if (latest.getAndSet(value) == null) {
            fxThread.execute(this::applyLatest);
        }
    }

    private void applyLatest() {
        T value = latest.getAndSet(null);
        if (value != null) {
            apply.accept(value);
        }
    }
}
