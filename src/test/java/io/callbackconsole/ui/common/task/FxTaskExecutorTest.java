package io.callbackconsole.ui.common.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production executor on real worker threads; its "FX thread" is this test's thread, which runs what the
 * executor delivers from a queue, so each test sees exactly what would reach the window.
 */
class FxTaskExecutorTest {
    final BlockingQueue<Runnable> fxQueue = new LinkedBlockingQueue<>();
    final List<String> delivered = new CopyOnWriteArrayList<>();
    FxTaskExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
    }

    FxTaskExecutor executor(int threads) {
        executor = new FxTaskExecutor("test", threads, true, fxQueue::add);
        return executor;
    }

    /** Runs what reaches the "FX thread" until {@code count} handler calls were delivered. */
    void deliverUntil(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.size() < count && System.nanoTime() < deadline) {
            Runnable next = fxQueue.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                next.run();
            }
        }
    }

    @Test
    void anErrorIsDeliveredToItsHandlerOnTheFxThreadNotTheWorker() throws Exception {
        Thread fxThread = Thread.currentThread();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        executor(2).execute(BackgroundTask.of(() -> {
            workers.add(Thread.currentThread());
            throw new IllegalStateException("ThrottlingException: Rate exceeded");
        }).onFailure(IllegalStateException.class, error -> {
            assertThat(Thread.currentThread()).isSameAs(fxThread);
            delivered.add("failure: " + error.getMessage());
        }).onFinished(() -> delivered.add("finished")));

        deliverUntil(2);

        assertThat(delivered).containsExactly("failure: ThrottlingException: Rate exceeded", "finished");
        assertThat(workers).singleElement().isNotSameAs(fxThread);
        assertThat(workers.get(0).getName()).startsWith("test-");
    }

    @Test
    void cancellingARunningTaskIsSeenByItsWork() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        BackgroundTask<String> task = executor(1).execute(BackgroundTask.of(control -> {
            started.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!control.isCancelled() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return control.isCancelled() ? "stopped when asked" : "never asked";
        }).onSuccess(delivered::add));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        task.cancel();
        deliverUntil(1);

        assertThat(delivered).containsExactly("stopped when asked");
    }

    @Test
    void closingCancelsRunningWorkAndDeliversNothingMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger sawCancel = new AtomicInteger();
        executor(1).execute(BackgroundTask.of(control -> {
            started.countDown();
            while (!control.isCancelled()) {
                Thread.sleep(5);
            }
            sawCancel.incrementAndGet();
            return "result of a closed connection";
        }).onSuccess(delivered::add).onFinished(() -> delivered.add("finished")));
        BackgroundTask<String> queued = executor.execute(BackgroundTask.of(() -> "queued behind it")
                .onSuccess(delivered::add));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        executor.close();

        assertThat(executor.awaitTermination(10_000)).isTrue();
        fxQueue.forEach(Runnable::run);
        assertThat(sawCancel).hasValue(1);
        assertThat(queued.isCancelled()).isTrue();
        assertThat(delivered).as("nothing of a closed executor reaches the window").isEmpty();
    }

    @Test
    void noMoreTasksThanThreadsRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        executor(2);
        for (int i = 0; i < 8; i++) {
            executor.execute(BackgroundTask.of(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(20);
                running.decrementAndGet();
                return "done";
            }).onSuccess(delivered::add));
        }

        deliverUntil(8);

        assertThat(delivered).hasSize(8);
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void aTaskBeyondTheQueuesCapacityFailsInsteadOfWaitingUnbounded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        executor(1).execute(BackgroundTask.of(() -> {
            release.await(10, TimeUnit.SECONDS);
            return "first";
        }));
        for (int i = 0; i < FxTaskExecutor.QUEUE_CAPACITY; i++) {
            executor.execute(BackgroundTask.of(() -> "queued"));
        }
        List<Throwable> refused = new CopyOnWriteArrayList<>();

        executor.execute(BackgroundTask.of(() -> "one too many").onFailure(error -> {
            refused.add(error);
            delivered.add("refused");
        }));
        deliverUntil(1);
        release.countDown();

        assertThat(refused).singleElement().isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aClosedExecutorRunsNothingNew() throws Exception {
        executor(1).close();
        BackgroundTask<String> late = executor.execute(BackgroundTask.of(() -> {
            delivered.add("ran");
            return "late";
        }));

        assertThat(executor.awaitTermination(10_000)).isTrue();
        fxQueue.forEach(Runnable::run);
        assertThat(late.isCancelled()).isTrue();
        assertThat(delivered).isEmpty();
    }
}
