package io.callbackconsole.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Faults the simulator injects on request, per operation, so tests (and anyone trying the console) can see what it
 * does when AWS throttles, fails, is slow, or applies a call and then loses the answer. Thread-safe.
 */
public final class SimulatorFaults {

    /** What happens to one call. */
    public enum Kind {
        /** Answered 400 ThrottlingException; nothing applied. */
        THROTTLE,
        /** Answered 500 InternalFailure; nothing applied. */
        SERVER_ERROR,
        /** Applied, then the connection is closed without an answer: the caller cannot know it took effect. */
        DROP_AFTER_APPLY,
        /**
         * Answered 400 ExpiredTokenException, as AWS answers a request signed with session credentials that have
         * expired; nothing applied.
         */
        EXPIRED_TOKEN
    }

    private final Map<String, Deque<Kind>> planned = new HashMap<>();
    private final Map<String, Duration[]> latencies = new HashMap<>();
    private final Map<String, Consumer<String>> observers = new HashMap<>();
    /** Per operation, how many more calls pass before the session expires for it (see {@link #expireAfter}). */
    private final Map<String, Integer> callsBeforeExpiry = new HashMap<>();

    /** The next {@code times} calls of {@code operation} get {@code kind}, in order after what is planned already. */
    public synchronized void inject(String operation, Kind kind, int times) {
        Deque<Kind> queue = planned.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.addLast(kind);
        }
    }

    /**
     * The session expires mid-run: the next {@code calls} calls of {@code operation} pass as usual (unless another
     * fault is planned for them), and every call after them is answered {@link Kind#EXPIRED_TOKEN} until
     * {@link #clear()} (the operator signed in again).
     */
    public synchronized void expireAfter(String operation, int calls) {
        if (calls < 0) {
            throw new IllegalArgumentException("A session expires after 0 or more calls, not " + calls);
        }
        callsBeforeExpiry.put(operation, calls);
    }

    /** Every call of {@code operation} waits {@code beforeApply} before it takes effect and {@code afterApply} after. */
    public synchronized void latency(String operation, Duration beforeApply, Duration afterApply) {
        latencies.put(operation, new Duration[] {beforeApply, afterApply});
    }

    /**
     * Every call of {@code operation} first runs {@code observer} with its request body, on the simulator's thread,
     * before any latency or fault and before it takes effect; the caller waits meanwhile. For tests that check what
     * the world looks like when a call arrives: what the caller made durable first, how many calls are in flight.
     */
    public synchronized void beforeApply(String operation, Consumer<String> observer) {
        observers.put(operation, observer);
    }

    public synchronized void clear() {
        planned.clear();
        latencies.clear();
        observers.clear();
        callsBeforeExpiry.clear();
    }

    /** What watches the calls of {@code operation}, or null. */
    synchronized Consumer<String> observer(String operation) {
        return observers.get(operation);
    }

    /** Takes the fault planned for the next call of {@code operation}, or null. */
    synchronized Kind next(String operation) {
        Deque<Kind> queue = planned.get(operation);
        Kind kind = queue == null ? null : queue.pollFirst();
        Integer beforeExpiry = callsBeforeExpiry.get(operation);
        if (beforeExpiry == null) {
            return kind;
        }
        if (beforeExpiry == 0) {
            return Kind.EXPIRED_TOKEN;
        }
        callsBeforeExpiry.put(operation, beforeExpiry - 1);
        return kind;
    }

    synchronized Duration latencyBeforeApply(String operation) {
        Duration[] latency = latencies.get(operation);
        return latency == null ? Duration.ZERO : latency[0];
    }

    synchronized Duration latencyAfterApply(String operation) {
        Duration[] latency = latencies.get(operation);
        return latency == null ? Duration.ZERO : latency[1];
    }
}
