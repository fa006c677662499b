package io.callbackconsole.ui.main;

import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.WindowClosings;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the window's one open connection and switches it: the current one's tasks stop on the FX thread, then closing
 * it and opening the next run off it, one at a time and in order, so the window's last task (closing) finds every
 * session opened before it. A session that finishes opening after a newer request is closed, never shown. FX thread.
 */
final class ConnectionSwitcher {
    private static final Logger log = LoggerFactory.getLogger(ConnectionSwitcher.class);

    /** A session just opened, and the environment mark its profile carries. */
    record Opened(ConsoleSession session, EnvironmentMark mark) {
    }

    /** Its thread is not a daemon: it keeps the JVM until closing is done. */
    private final FxTaskExecutor sessionTasks = new FxTaskExecutor("console-sessions", 1, false);
    /** Sessions opened and not yet shown or closed: closing the window closes them too. */
    private final Set<ConsoleSession> unattached = ConcurrentHashMap.newKeySet();
    /** The views let go of the connection; returns the history reader to close with it (or null). */
    private final Supplier<AuditLog> detachViews;
    private ConnectionScope current;
    /** Counts switch requests, so only the newest one's session is shown. */
    private long generation;
    private boolean closed;

    ConnectionSwitcher(WindowClosings closings, Supplier<AuditLog> detachViews) {
        this.detachViews = detachViews;
        closings.track(sessionTasks);
    }

    /** The open connection, or null while none is shown. */
    ConnectionScope current() {
        return current;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Lets go of the current connection and, off the FX thread, closes it and runs {@code opening}. On the FX thread
     * afterwards: {@code onOpened} with the new connection, or {@code onFailure} — each only if no newer switch came.
     */
    void switchTo(String label, Callable<Opened> opening, BiConsumer<ConnectionScope, EnvironmentMark> onOpened,
            Consumer<Throwable> onFailure) {
        if (closed) {
            return;
        }
        ConnectionScope previous = letGo();
        AuditLog previousAudit = detachViews.get();
        long requested = ++generation;
        sessionTasks.execute(BackgroundTask.of(() -> {
            closeQuietly(previous, previousAudit);
            Opened opened = opening.call();
            unattached.add(opened.session());
            return opened;
        }).named("connect to " + label).onSuccess(opened -> {
            if (requested == generation && !closed) {
                unattached.remove(opened.session());
                current = new ConnectionScope(opened.session());
                onOpened.accept(current, opened.mark());
            } else {
                unattached.remove(opened.session());
                sessionTasks.execute(BackgroundTask.ofAction(opened.session()::close)
                        .named("close a superseded session"));
            }
        }).onFailure(error -> {
            if (requested == generation) {
                onFailure.accept(error);
            }
        }));
    }

    /** FX thread: the window lets go of the current connection; its tasks stop, nothing of it is shown any more. */
    private ConnectionScope letGo() {
        ConnectionScope previous = current;
        current = null;
        if (previous != null) {
            previous.stopTasks();
        }
        return previous;
    }

    /** Blocking: closes what a replaced connection left; a failure there must not keep the next one from opening. */
    private static void closeQuietly(ConnectionScope previous, AuditLog previousAudit) {
        try {
            if (previous != null) {
                previous.close(previousAudit);
            } else if (previousAudit != null) {
                previousAudit.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("The previous connection did not close cleanly", e);
        }
    }

    /**
     * The connection's tasks stop at once; its session and history close on the session thread, which is not a
     * daemon, so held messages are released even as the application exits.
     */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        generation++;
        ConnectionScope closing = letGo();
        AuditLog audit = detachViews.get();
        // Last in the queue: after any switch still under way, so a session it opens is closed here.
        sessionTasks.execute(BackgroundTask.ofAction(() -> {
            closeQuietly(closing, audit);
            for (ConsoleSession opened : unattached) {
                unattached.remove(opened);
                opened.close();
            }
        }).named("close the window's sessions"));
        sessionTasks.shutdown();
    }

    /** Waits (off the FX thread) until the closing work of {@link #close()} is done; false on time-out. */
    boolean awaitClosed(long timeoutMillis) {
        try {
            return sessionTasks.awaitTermination(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
