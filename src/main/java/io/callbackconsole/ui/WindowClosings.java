package io.callbackconsole.ui;

import io.callbackconsole.ui.common.task.FxTaskExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The closing work of the windows opened on one {@link ConsoleEnvironment}: held messages released, histories closed.
 * The launcher waits for it after the GUI ended, before the process exits.
 */
public final class WindowClosings {
    private final List<FxTaskExecutor> closers = new CopyOnWriteArrayList<>();

    /** A window's executor whose last tasks close its sessions; it is shut down when the window closes. */
    public void track(FxTaskExecutor closer) {
        closers.add(closer);
    }

    /** Waits (never on the FX thread) until every tracked window's closing work is done, or the time is up. */
    public void awaitClosed(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (FxTaskExecutor closer : closers) {
            try {
                closer.awaitTermination(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
