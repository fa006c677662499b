package io.callbackconsole.ui.main;

import io.callbackconsole.history.AuditLog;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the window holds for one open connection: the session and the executor its view models run their work on.
 * Closing it is two steps, in this order: {@link #stopTasks} on the FX thread (nothing of this connection reaches the
 * window afterwards), then {@link #close} off it (the tasks' work returns, the history reader and the session close).
 */
final class ConnectionScope {
    private static final Logger log = LoggerFactory.getLogger(ConnectionScope.class);
    /** Tasks of one connection that may run at once: a bulk run, a scan, history reads, exports, decisions. */
    static final int TASK_THREADS = 6;
    /** How long closing waits for the connection's work to return before it closes the session under it. */
    static final long TASKS_GRACE_MILLIS = 10_000;

    private final ConsoleSession session;
    private final FxTaskExecutor tasks;

    ConnectionScope(ConsoleSession session) {
        this.session = session;
        this.tasks = new FxTaskExecutor("connection", TASK_THREADS, true);
    }

    ConsoleSession session() {
        return session;
    }

    FxTaskExecutor tasks() {
        return tasks;
    }

    /** FX thread: cancels the connection's tasks and drops what they would still deliver. */
    void stopTasks() {
        tasks.close();
    }

    /** Blocking, after {@link #stopTasks}: lets the work return, then closes {@code audit} (if any) and the session. */
    void close(AuditLog audit) throws InterruptedException {
        if (!tasks.awaitTermination(TASKS_GRACE_MILLIS)) {
            log.warn("Work of the connection to {} still runs after {} ms; closing the session under it",
                    session.connection().label(), TASKS_GRACE_MILLIS);
        }
        try {
            if (audit != null) {
                audit.close();
            }
        } finally {
            session.close();
        }
    }
}
