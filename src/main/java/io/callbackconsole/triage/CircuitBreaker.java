package io.callbackconsole.triage;

import io.callbackconsole.domain.Outcome;

/**
 * Stops a run of many calls once SageMaker has given no answer to {@code limit} calls in a row: a dead endpoint then
 * costs a few deadlines, not one per token. Any answer (accepted or refused) closes the count again. Thread-safe.
 */
final class CircuitBreaker {
    /** The console's default: enough to ride out a blip, few enough that a dead endpoint is noticed in seconds. */
    static final int DEFAULT_LIMIT = 5;

    private final int limit;
    private int unansweredInARow;
    private boolean open;

    CircuitBreaker(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The circuit breaker opens after 1 or more unanswered calls; got "
                    + limit);
        }
        this.limit = limit;
    }

    synchronized void record(Outcome outcome) {
        if (outcome instanceof Outcome.Unknown) {
            unansweredInARow++;
            open |= unansweredInARow >= limit;
        } else if (outcome instanceof Outcome.Accepted || outcome instanceof Outcome.Refused) {
            unansweredInARow = 0;
        }
    }

    /** Once open, it stays open for the rest of the run. */
    synchronized boolean open() {
        return open;
    }

    int limit() {
        return limit;
    }
}
