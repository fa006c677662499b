package io.callbackconsole.app;

import io.callbackconsole.history.HistoryStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A history being opened on a thread of its own while the caller starts something else (the sandbox): opening a new
 * history file migrates it through every schema, work that need not wait for ElasticMQ. {@link #get} hands it over
 * once it is open, with the exception of a failed opening as the opener threw it; {@link #abandon} closes it when the
 * session that was to take it never does.
 */
final class HistoryOpenedAside implements Supplier<HistoryStore> {
    private final CompletableFuture<HistoryStore> opening = new CompletableFuture<>();

    private HistoryOpenedAside() {
    }

    /** Starts {@code opener} on a daemon thread named {@code threadName} and returns at once. */
    static HistoryOpenedAside start(Supplier<HistoryStore> opener, String threadName) {
        HistoryOpenedAside aside = new HistoryOpenedAside();
        Thread thread = new Thread(() -> {
            try {
                aside.opening.complete(opener.get());
            } catch (RuntimeException | Error e) {
                aside.opening.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return aside;
    }

    /** Blocking: the history once it is open. */
    @Override
    public HistoryStore get() {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** No session takes it: closed as soon as it is open (a failed opening has nothing to close). */
    void abandon() {
        opening.thenAccept(HistoryStore::close);
    }
}
