package io.callbackconsole.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs blocking work (AWS calls, the database) off the FX thread and hands its result back on the FX thread. The only
 * way views and view models do I/O.
 */
public final class FxBackground implements AutoCloseable {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "console-background-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onError) {
        executor.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    /** Work whose result nobody waits for, such as closing a session. */
    public void run(Runnable work) {
        executor.execute(work);
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
