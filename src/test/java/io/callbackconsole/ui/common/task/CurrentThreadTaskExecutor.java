package io.callbackconsole.ui.common.task;

/**
 * Runs each task's work and then its handlers on the calling thread, before {@code execute} returns: async code made
 * deterministic in tests.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        task.markSubmitted();
        task.run(Runnable::run);
        return task;
    }
}
