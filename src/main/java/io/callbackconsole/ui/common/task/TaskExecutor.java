package io.callbackconsole.ui.common.task;

/**
 * Runs {@link BackgroundTask}s: their work off the FX thread, their handlers on it. The only way views and view models
 * do I/O. The window's executors are {@link FxTaskExecutor}s; tests run tasks on the calling thread.
 */
public interface TaskExecutor {
    /** Starts {@code task} (or queues it) and returns it, so the caller can cancel it. */
    <T> BackgroundTask<T> execute(BackgroundTask<T> task);
}
