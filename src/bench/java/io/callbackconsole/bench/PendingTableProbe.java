package io.callbackconsole.bench;

import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.PendingCallbackSet;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.pending.PendingCallbacksViewModel;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.pending.PendingTableViewModel;
import io.callbackconsole.ui.pending.PendingView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Child JVM of the benchmark, run under Monocle headless: the Pending tab with many rows. Times a snapshot applied
 * and one filter keystroke, each until the end of the layout of the next pulse (where the table builds its cells),
 * and the heap after a full GC with every row pending. Prints {@code APPLY_MS}, {@code APPLY_CPU_MS},
 * {@code FILTER_MS}, {@code FILTER_CPU_MS} and {@code HEAP_MIB} lines for the parent.
 */
public final class PendingTableProbe {
    private PendingTableProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int iterations = Integer.parseInt(args[1]);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();

        PendingSnapshot[] snapshots = {snapshotOf(rows), snapshotOf(rows)};
        Object[] ui = new Object[2];
        onFx(() -> {
            PendingCallbacksViewModel model = new PendingCallbacksViewModel();
            Stage stage = new Stage();
            stage.setScene(new Scene(new PendingView(model, PendingView.COPY_LINK), 1400, 900));
            stage.show();
            ui[0] = model;
            ui[1] = stage.getScene();
        });
        PendingCallbacksViewModel model = (PendingCallbacksViewModel) ui[0];
        Scene scene = (Scene) ui[1];

        for (int i = 0; i < iterations + 3; i++) {
            PendingSnapshot snapshot = snapshots[i % 2];
            // As in the console: the poller's thread makes the rows, the FX thread swaps them in.
            List<PendingRow> tableRows = PendingTableViewModel.rowsOf(snapshot);
            double[] apply = untilNextPulse(scene, () -> model.table().apply(snapshot, tableRows));
            // One keystroke: a character typed into the empty filter, then the backspace that clears it.
            double[] type = untilNextPulse(scene, () -> model.table().filterProperty().set("q"));
            double[] clear = untilNextPulse(scene, () -> model.table().filterProperty().set(""));
            if (i >= 3) {
                System.out.println("APPLY_MS " + apply[0]);
                System.out.println("APPLY_CPU_MS " + apply[1]);
                System.out.println("FILTER_MS " + type[0]);
                System.out.println("FILTER_MS " + clear[0]);
                System.out.println("FILTER_CPU_MS " + type[1]);
                System.out.println("FILTER_CPU_MS " + clear[1]);
            }
        }
        // The last snapshot applied stays referenced, as in the console; the other one goes.
        snapshots[(iterations + 3) % 2] = null;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("HEAP_MIB " + (used / (1024.0 * 1024)) + " rows " + model.table().rows().size()
                + " snapshot " + snapshots[(iterations + 2) % 2].pending().size());
        Platform.exit();
        System.exit(0);
    }

    /**
     * Milliseconds from running {@code change} on the FX thread to the end of the next pulse's layout, and the FX
     * thread's CPU time in that span (the figure that a loaded machine disturbs least: other processes take wall
     * time, not this thread's CPU time).
     */
    private static double[] untilNextPulse(Scene scene, Runnable change) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong elapsed = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            long startCpu = threads.getCurrentThreadCpuTime();
            change.run();
            Runnable[] listener = new Runnable[1];
            listener[0] = () -> {
                elapsed.set(System.nanoTime() - start);
                cpu.set(threads.getCurrentThreadCpuTime() - startCpu);
                scene.removePostLayoutPulseListener(listener[0]);
                done.countDown();
            };
            scene.addPostLayoutPulseListener(listener[0]);
            Platform.requestNextPulse();
        });
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no pulse within 60 s");
        }
        return new double[] {elapsed.get() / 1e6, cpu.get() / 1e6};
    }

    private static void onFx(Runnable work) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                work.run();
            } finally {
                done.countDown();
            }
        });
        done.await();
    }

    /** A snapshot of {@code rows} distinct pending callbacks, parsed from message bodies as the poller does. */
    static PendingSnapshot snapshotOf(int rows) {
        CallbackMessageParser parser = new CallbackMessageParser();
        PendingCallbackSet set = new PendingCallbackSet();
        Instant now = Instant.now();
        String queueUrl = "http://localhost:9324/000000000000/manual-review";
        for (int i = 0; i < rows; i++) {
            String body = SandboxBench.callbackBody(i);
            ParsedMessage parsed = parser.parse(body);
            if (!(parsed instanceof ParsedMessage.Valid valid)) {
                throw new IllegalStateException("not a callback message: " + body);
            }
            set.accept(valid.message(), new QueueMessage(queueUrl, "id-" + i, "handle-" + i + "-"
                    + SandboxBench.random(60), body, now, now, 1));
        }
        return set.snapshot(new PollState(PollState.Phase.POLLING, 1, now, null), now);
    }
}
