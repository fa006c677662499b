package io.callbackconsole.ui.common.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds every task until the test releases them, then runs each (work, then handlers) on the calling thread in the
 * order they came: what a busy executor does to a burst of tasks, made deterministic.
 */
public final class HeldTaskExecutor implements TaskExecutor {
    private final List<BackgroundTask<?>> held = new ArrayList<>();

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        task.markSubmitted();
        held.add(task);
        return task;
    }

    /** The tasks held, in order. */
    public List<BackgroundTask<?>> held() {
        return List.copyOf(held);
    }

    /** Runs every held task, in order; a cancelled one fails without running, as on the window's executors. */
    public void releaseAll() {
        List<BackgroundTask<?>> now = List.copyOf(held);
        held.clear();
        now.forEach(task -> task.run(Runnable::run));
    }
}
