package io.callbackconsole.ui.common.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The task's contract, on the same-thread executor: what is delivered, to which handler, in which order. */
class BackgroundTaskTest {
    final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    final List<String> events = new ArrayList<>();

    @Test
    void aResultGoesToTheSuccessHandlersThenFinished() {
        executor.execute(BackgroundTask.of(() -> 42)
                .onSuccess(value -> events.add("success " + value))
                .onFailure(error -> events.add("failure"))
                .onFinished(() -> events.add("finished")));

        assertThat(events).containsExactly("success 42", "finished");
    }

    @Test
    void aFailureGoesToTheFirstHandlerOfItsTypeNotToTheCatchAll() {
        executor.execute(BackgroundTask.of(() -> {
                    throw new UncheckedIOException(new IOException("disk full"));
                })
                .onSuccess(value -> events.add("success"))
                .onFailure(IllegalStateException.class, error -> events.add("illegal state"))
                .onFailure(UncheckedIOException.class, error -> events.add("io " + error.getCause().getMessage()))
                .onFailure(error -> events.add("catch-all"))
                .onFinished(() -> events.add("finished")));

        assertThat(events).containsExactly("io disk full", "finished");
    }

    @Test
    void aFailureOfNoHandledTypeReachesTheCatchAllWithItsCause() {
        List<Throwable> caught = new ArrayList<>();
        executor.execute(BackgroundTask.of(() -> {
                    throw new IOException("connection reset");
                })
                .onFailure(IllegalStateException.class, error -> events.add("illegal state"))
                .onFailure(caught::add));

        assertThat(caught).singleElement().isInstanceOf(IOException.class)
                .satisfies(error -> assertThat(error).hasMessage("connection reset"));
        assertThat(events).isEmpty();
    }

    @Test
    void anUnhandledFailureStillFinishes() {
        executor.execute(BackgroundTask.of(() -> {
            throw new IOException("nobody listens");
        }).onFinished(() -> events.add("finished")));

        assertThat(events).containsExactly("finished");
    }

    @Test
    void aTaskCancelledBeforeItStartsNeverRunsAndFailsWithCancellation() {
        BackgroundTask<Integer> task = BackgroundTask.of(() -> {
            events.add("ran");
            return 1;
        }).onSuccess(value -> events.add("success")).onFailure(CancellationException.class,
                cancelled -> events.add("cancelled"));
        task.cancel();

        executor.execute(task);

        assertThat(events).containsExactly("cancelled");
        assertThat(task.isFinished()).isTrue();
    }

    @Test
    void workSeesACancelMadeWhileItRunsAndItsResultIsStillDelivered() {
        List<BackgroundTask<String>> self = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.of(control -> {
            self.get(0).cancel(); // as the operator's Cancel would, while the work runs
            return control.isCancelled() ? "stopped early" : "ran to the end";
        }).onSuccess(events::add);
        self.add(task);

        executor.execute(task);

        assertThat(events).containsExactly("stopped early");
    }

    @Test
    void progressArrivesInBatchesBeforeTheResult() {
        List<List<Integer>> batches = new ArrayList<>();
        executor.execute(BackgroundTask.<String, Integer>of((control, progress) -> {
            progress.accept(1);
            progress.accept(2);
            return "done";
        }, batches::add).onSuccess(events::add));

        // The same-thread executor delivers at once, so each update is its own batch; all come before the result.
        assertThat(batches).flatExtracting(batch -> batch).containsExactly(1, 2);
        assertThat(events).containsExactly("done");
    }

    @Test
    void progressQueuedBehindOneDeliveryArrivesAsOneBatch() {
        List<Runnable> fxQueue = new ArrayList<>();
        List<List<Integer>> batches = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.<String, Integer>of((control, progress) -> {
            for (int i = 1; i <= 5; i++) {
                progress.accept(i);
            }
            return "done";
        }, batches::add).onSuccess(events::add);
        task.markSubmitted();

        task.run(fxQueue::add); // the work runs; nothing reaches the "FX thread" yet
        assertThat(fxQueue).as("one progress turn and the result").hasSize(2);
        fxQueue.forEach(Runnable::run);

        assertThat(batches).containsExactly(List.of(1, 2, 3, 4, 5));
        assertThat(events).containsExactly("done");
    }

    @Test
    void aTaskRunsOnceAndTakesNoHandlerOnceSubmitted() {
        BackgroundTask<Integer> task = BackgroundTask.of(() -> 1);
        executor.execute(task);

        assertThatThrownBy(() -> executor.execute(task)).isInstanceOf(IllegalStateException.class);
        Consumer<Integer> late = value -> { };
        assertThatThrownBy(() -> task.onSuccess(late)).isInstanceOf(IllegalStateException.class);
    }
}
