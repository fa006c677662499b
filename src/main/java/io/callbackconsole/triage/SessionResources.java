package io.callbackconsole.triage;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session opened ({@link SessionAssembly}), closed in the reverse order of opening: whatever is opened later
 * may use what was opened before it, so it goes first (the retries before the poller, the poller before the SQS client
 * it releases messages with, the clients before the history). The order is the order of the {@link #opened} calls,
 * nothing else.
 */
final class SessionResources implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionResources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Registers a resource just opened; returns it. */
    synchronized <T extends AutoCloseable> T opened(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything, last opened first; a failure to close one is logged and the others are still closed. */
    @Override
    public synchronized void close() {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
