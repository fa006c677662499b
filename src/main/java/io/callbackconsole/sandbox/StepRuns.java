package io.callbackconsole.sandbox;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The steps one execution has started, by name in start order, with the attempt number of each step's last run (a
 * retried execution numbers a failed step's next run), and what the state machine asks of them: which step may start
 * (its dependencies succeeded, its condition branch was taken), how many run. Not thread-safe: used under the
 * simulator's lock.
 */
final class StepRuns {
    private final Map<String, StepRun> byName = new LinkedHashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    /** Starts the step's next run (attempt 1, or one more than its last). */
    StepRun start(Execution execution, PipelineDefinition.Step step, long sequence, Instant now) {
        int attempt = attempts.merge(step.name(), 1, Integer::sum);
        StepRun run = new StepRun(execution, step, sequence, now, attempt);
        byName.put(step.name(), run);
        return run;
    }

    boolean started(String name) {
        return byName.containsKey(name);
    }

    /** The started step of that name, or null. */
    StepRun get(String name) {
        return byName.get(name);
    }

    /** The started steps, in start order. */
    Collection<StepRun> all() {
        return Collections.unmodifiableCollection(byName.values());
    }

    long running() {
        return byName.values().stream().filter(s -> s.status().isRunning()).count();
    }

    boolean anyStopping() {
        return byName.values().stream().anyMatch(s -> s.status() == StepStatus.Stopping);
    }

    /** Forgets the runs that failed or were stopped, so that a retry runs those steps again. */
    void forgetFailedAndStopped() {
        byName.values().removeIf(run -> run.status() == StepStatus.Failed || run.status() == StepStatus.Stopped);
    }

    /** Whether every step this one depends on has succeeded here, or is one whose results are reused. */
    boolean dependenciesSucceeded(PipelineDefinition.Step step, Execution.StartRequest startRequest) {
        for (String dependency : step.dependsOn()) {
            StepRun run = byName.get(dependency);
            if (!startRequest.reusesResultsOf(dependency)
                    && (run == null || run.status() != StepStatus.Succeeded)) {
                return false;
            }
        }
        return true;
    }

    /** A step on a condition's branch runs only when the condition (which it depends on) took that branch. */
    boolean onTakenBranch(PipelineDefinition.Step step) {
        if (step.branch() == null) {
            return true;
        }
        StepRun condition = byName.get(step.branch().conditionStep());
        return condition != null && condition.conditionOutcome() != null
                && condition.conditionOutcome() == step.branch().ifTrue();
    }
}
