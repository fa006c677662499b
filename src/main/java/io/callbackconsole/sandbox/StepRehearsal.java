package io.callbackconsole.sandbox;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the sandbox runs the steps it does not simulate (Processing, Training, Lambda, …): as no-ops that take a set
 * time and succeed, or fail with a given reason when a rehearsal asks for it, so a team can rehearse the triage of a
 * failed run. Thread-safe.
 */
public final class StepRehearsal {
    private volatile Duration noOpDuration = Duration.ZERO;
    private final Map<String, String> failures = new ConcurrentHashMap<>();

    /** How long each no-op step runs before it succeeds; zero (the default) finishes it at once. */
    public StepRehearsal noOpStepsTake(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("A step cannot take a negative time: " + duration);
        }
        noOpDuration = duration;
        return this;
    }

    /** Every no-op step of that name fails with {@code reason} when it runs, until {@link #clear()}. */
    public StepRehearsal failStepsNamed(String stepName, String reason) {
        failures.put(Objects.requireNonNull(stepName, "stepName"), Objects.requireNonNull(reason, "reason"));
        return this;
    }

    /** No-op steps succeed at once again. */
    public void clear() {
        failures.clear();
        noOpDuration = Duration.ZERO;
    }

    Duration noOpDuration() {
        return noOpDuration;
    }

    /** The reason a step of that name is to fail, or null. */
    String failureFor(String stepName) {
        return failures.get(stepName);
    }
}
