package io.callbackconsole.ui.common.task;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * Runs tasks on a fixed number of threads and delivers their handlers on the FX thread. Each owner (the window, one
 * connection) has its own, and closes it with itself: closing cancels every task not finished and drops whatever
 * they would still deliver, so results of a closed connection never reach the window of the next one.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {
    /** Queued tasks beyond this are refused (delivered as a failure), not held without limit. */
    static final int QUEUE_CAPACITY = 1_000;

    private final String name;
    private final ThreadPoolExecutor workers;
    private final Executor fxThread;
    private final Set<BackgroundTask<?>> unfinished = ConcurrentHashMap.newKeySet();
    /** Read on the FX thread before each delivery; set there or on any thread by close. */
    private volatile boolean closed;

    /**
     * @param name    names the threads ("name-1", …) for thread dumps
     * @param threads at most this many tasks run at once; the rest wait in a bounded queue
     * @param daemon  false when work must finish even as the application exits (closing a session)
     */
    public FxTaskExecutor(String name, int threads, boolean daemon) {
        this(name, threads, daemon, Platform::runLater);
    }

    /** With another way to reach the FX thread, for tests. */
    FxTaskExecutor(String name, int threads, boolean daemon, Executor fxThread) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(daemon);
                    return thread;
                });
        // Idle threads end, so an idle console (or a finished test) holds none.
        workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
        task.markSubmitted();
        if (closed) {
            task.cancel();
            return task;
        }
        unfinished.add(task);
        Executor deliver = handler -> fxThread.execute(() -> {
            if (!closed) {
                handler.run();
            }
        });
        try {
            workers.execute(() -> {
                try {
                    task.run(deliver);
                } finally {
                    unfinished.remove(task);
                }
            });
        } catch (RejectedExecutionException refused) {
            unfinished.remove(task);
            // Delivered like any failure: the caller's handler says the work was not done.
            task.refuse(new RejectedExecutionException(name + " has " + QUEUE_CAPACITY + " tasks waiting already"),
                    deliver);
        }
        return task;
    }

    /** How many tasks are queued or running. */
    public int unfinishedCount() {
        return unfinished.size();
    }

    /**
     * Cancels every unfinished task, delivers nothing more, and lets the threads end once their work returns. Work
     * already running is not interrupted: a call half made (a journal write, a SageMaker call) completes.
     */
    @Override
    public void close() {
        closed = true;
        unfinished.forEach(BackgroundTask::cancel);
        workers.shutdown();
    }

    /**
     * Takes no more tasks and delivers nothing more, but lets every task queued or running do its work: for an owner
     * whose last tasks are its own clean-up (closing a session as the window closes).
     */
    public void shutdown() {
        closed = true;
        workers.shutdown();
    }

    /** Waits (never on the FX thread) until every task's work has returned; false on time-out. */
    public boolean awaitTermination(long timeoutMillis) throws InterruptedException {
        return workers.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS);
    }
}
