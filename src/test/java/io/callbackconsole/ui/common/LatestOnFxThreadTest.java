package io.callbackconsole.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshots that arrive faster than the FX thread runs are applied once, the newest. */
class LatestOnFxThreadTest {
    final List<Runnable> fxQueue = new ArrayList<>();
    final List<String> applied = new ArrayList<>();
    final LatestOnFxThread<String> latest = new LatestOnFxThread<>(applied::add, fxQueue::add);

    void runFxThread() {
        List<Runnable> turns = new ArrayList<>(fxQueue);
        fxQueue.clear();
        turns.forEach(Runnable::run);
    }

    @Test
    void threeSnapshotsBeforeTheFxThreadRunsMakeOneTurnThatAppliesTheLast() {
        latest.offer("tick 1");
        latest.offer("tick 2");
        latest.offer("tick 3");

        assertThat(fxQueue).hasSize(1);
        runFxThread();

        assertThat(applied).containsExactly("tick 3");
    }

    @Test
    void aSnapshotAfterATurnRanSchedulesTheNextTurn() {
        latest.offer("tick 1");
        runFxThread();
        latest.offer("tick 2");
        runFxThread();
        runFxThread();

        assertThat(applied).containsExactly("tick 1", "tick 2");
    }
}
