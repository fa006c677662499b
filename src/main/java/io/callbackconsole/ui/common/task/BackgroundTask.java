package io.callbackconsole.ui.common.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One piece of blocking work (an AWS call, a database read) and what to do with its result on the FX thread. Built
 * on the FX thread with its handlers, then handed to a {@link TaskExecutor}, once.
 *
 * <ul>
 *   <li>{@link #onSuccess}, {@link #onFailure} (by error type, first match wins, then the catch-all) and
 *       {@link #onFinished} (after either) run on the FX thread, in the order the work produced them.</li>
 *   <li>{@link #cancel} asks the work to stop: it sees {@link TaskControl#isCancelled()}. A task cancelled before it
 *       started never runs and fails with a {@link CancellationException}; work that returns after a cancel still
 *       delivers its result, which says how far it got.</li>
 *   <li>Progress reported while the work runs reaches the FX thread in batches: everything reported since the last
 *       delivery, in one call, so a fast producer costs one FX-thread turn per pulse, not one per update.</li>
 *   <li>A failure nobody handles is logged, never dropped.</li>
 * </ul>
 *
 * @param <T> what the work returns
 */
public final class BackgroundTask<T> {
    private static final Logger log = LoggerFactory.getLogger(BackgroundTask.class);

    /** Blocking work that may look whether it was asked to stop. */
    @FunctionalInterface
    public interface Work<T> {
        T call(TaskControl control) throws Exception;
    }

    /** Blocking work that reports progress of type {@code P} from its own thread(s). */
    @FunctionalInterface
    public interface ProgressWork<T, P> {
        T call(TaskControl control, Consumer<P> progress) throws Exception;
    }

    /** What the work sees of its task. */
    public interface TaskControl {
        /** True once {@link BackgroundTask#cancel()} was called or the task's executor closed. */
        boolean isCancelled();
    }

    private record FailureHandler<E extends Throwable>(Class<E> type, Consumer<? super E> handler) {
        boolean handles(Throwable error) {
            return type.isInstance(error);
        }

        void accept(Throwable error) {
            handler.accept(type.cast(error));
        }
    }

    private final ProgressWork<T, Object> work;
    private final Consumer<List<Object>> onProgress;
    private final List<Consumer<? super T>> successHandlers = new ArrayList<>();
    private final List<FailureHandler<?>> failureHandlers = new ArrayList<>();
    private final List<Runnable> finishedHandlers = new ArrayList<>();
    private final AtomicBoolean submitted = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ConcurrentLinkedQueue<Object> progressArrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean progressScheduled = new AtomicBoolean();
    private volatile String name = "background task";

    @SuppressWarnings("unchecked")
    private <P> BackgroundTask(ProgressWork<T, P> work, Consumer<List<P>> onProgress) {
        this.work = (ProgressWork<T, Object>) (ProgressWork<T, ?>) Objects.requireNonNull(work, "work");
        this.onProgress = (Consumer<List<Object>>) (Consumer<?>) Objects.requireNonNull(onProgress, "onProgress");
    }

    /** Work that neither reports progress nor looks at cancellation. */
    public static <T> BackgroundTask<T> of(Callable<T> work) {
        Objects.requireNonNull(work, "work");
        return new BackgroundTask<>((ProgressWork<T, Object>) (control, progress) -> work.call(), updates -> { });
    }

    /** Blocking work with no result, such as closing a resource. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Work with no result; its success handlers get null. */
    public static BackgroundTask<Void> ofAction(Action action) {
        Objects.requireNonNull(action, "action");
        return of(() -> {
            action.run();
            return null;
        });
    }

    /** Work that may stop early when cancelled. */
    public static <T> BackgroundTask<T> of(Work<T> work) {
        Objects.requireNonNull(work, "work");
        return new BackgroundTask<>((ProgressWork<T, Object>) (control, progress) -> work.call(control),
                updates -> { });
    }

    /** Work that reports progress; {@code onProgress} gets, on the FX thread, every update since the last call. */
    public static <T, P> BackgroundTask<T> of(ProgressWork<T, P> work, Consumer<List<P>> onProgress) {
        return new BackgroundTask<>(work, onProgress);
    }

    /** A name for the log, should the task fail without a handler. */
    public BackgroundTask<T> named(String taskName) {
        this.name = Objects.requireNonNull(taskName, "taskName");
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> handler) {
        checkNotSubmitted();
        successHandlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Handles failures of {@code type} (and its subtypes); handlers are tried in the order they were added. */
    public <E extends Throwable> BackgroundTask<T> onFailure(Class<E> type, Consumer<? super E> handler) {
        checkNotSubmitted();
        failureHandlers.add(new FailureHandler<>(Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(handler, "handler")));
        return this;
    }

    /** Handles any failure not handled by a typed handler added before it. */
    public BackgroundTask<T> onFailure(Consumer<? super Throwable> handler) {
        return onFailure(Throwable.class, handler);
    }

    /** Runs after the success or failure handlers, whichever ran. */
    public BackgroundTask<T> onFinished(Runnable handler) {
        checkNotSubmitted();
        finishedHandlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Asks the work to stop; see the class comment for what that means. Any thread. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** True once its success or failure has been delivered. */
    public boolean isFinished() {
        return finished.get();
    }

    private void checkNotSubmitted() {
        if (submitted.get()) {
            throw new IllegalStateException("handlers are added before the task is executed");
        }
    }

    /** Marks the task as handed to an executor; a task runs once. */
    void markSubmitted() {
        if (!submitted.compareAndSet(false, true)) {
            throw new IllegalStateException("a background task runs once: " + name);
        }
    }

    /**
     * Runs the work on the calling (worker) thread and hands every handler call to {@code deliver}, which runs them
     * on the FX thread in order.
     */
    void run(Executor deliver) {
        if (cancelled.get()) {
            deliver.execute(() -> fail(new CancellationException("cancelled before it started")));
            return;
        }
        T result;
        try {
            result = work.call(cancelled::get, update -> progressArrived(update, deliver));
        } catch (Throwable error) {
            deliver.execute(() -> fail(error));
            return;
        }
        deliver.execute(() -> succeed(result));
    }

    /** Delivers {@code error} without running the work: the executor could not take the task. */
    void refuse(Throwable error, Executor deliver) {
        deliver.execute(() -> fail(error));
    }

    private void progressArrived(Object update, Executor deliver) {
        progressArrivals.add(update);
        if (progressScheduled.compareAndSet(false, true)) {
            deliver.execute(this::deliverProgress);
        }
    }

    private void deliverProgress() {
        progressScheduled.set(false);
        List<Object> updates = new ArrayList<>();
        for (Object update; (update = progressArrivals.poll()) != null; ) {
            updates.add(update);
        }
        if (!updates.isEmpty()) {
            onProgress.accept(updates);
        }
    }

    private void succeed(T result) {
        try {
            deliverProgress();
            for (Consumer<? super T> handler : successHandlers) {
                handler.accept(result);
            }
        } finally {
            finish();
        }
    }

    private void fail(Throwable error) {
        try {
            deliverProgress();
            for (FailureHandler<?> handler : failureHandlers) {
                if (handler.handles(error)) {
                    handler.accept(error);
                    return;
                }
            }
            if (error instanceof CancellationException) {
                log.debug("{} was cancelled before it started", name);
            } else {
                log.error("{} failed and nothing handled it", name, error);
            }
        } finally {
            finish();
        }
    }

    private void finish() {
        finished.set(true);
        for (Runnable handler : finishedHandlers) {
            handler.run();
        }
    }
}
