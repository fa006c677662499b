package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * What each kind of step does when it starts: a {@code Condition} step evaluates its conditions and succeeds (its
 * outcome picks the branch that runs); a callback step waits for its token to be answered; a {@code Fail} step fails
 * the execution; every other step is a no-op that succeeds (at once, or after the sandbox's step time) unless a
 * rehearsal asks it to fail. A step whose expressions cannot be evaluated fails with the reason.
 */
final class StepBehaviour {
    private StepBehaviour() {
    }

    /** Why a starting step fails its execution. */
    record Failure(String reason) {
    }

    /**
     * Starts the step's behaviour; a callback step that now waits is added to {@code waiting}, whose messages the
     * caller sends once the simulator's lock is released.
     *
     * @return null when the step runs on or has succeeded; else why it fails the execution
     */
    static Failure begin(StepRun run, PipelineExpressions.Scope scope, Instant now, StepStarts starts,
                         List<StepRun> waiting) {
        PipelineDefinition.Step step = run.step();
        try {
            if (step.isCondition()) {
                run.conditionOutcome(PipelineConditions.allHold(step.arguments().get("Conditions"), scope));
                run.finish(StepStatus.Succeeded, null, now);
                return null;
            }
            run.resolvedArguments(PipelineExpressions.evaluate(step.arguments(), scope));
        } catch (PipelineExpressions.EvaluationException e) {
            return new Failure(e.getMessage());
        }
        if (step.isCallback()) {
            run.waitForCallback(starts.issueCallbackToken(run));
            waiting.add(run);
        } else if (step.isFail()) {
            JsonNode message = run.resolvedArguments().path("ErrorMessage");
            return new Failure(message.isMissingNode() ? "Fail step reached" : PipelineExpressions.text(message));
        } else {
            String failure = starts.rehearsedFailure(step);
            if (failure != null) {
                return new Failure(failure);
            }
            if (!starts.finishLater(run)) {
                run.finish(StepStatus.Succeeded, null, now);
            }
        }
        return null;
    }
}
