package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pipeline execution and its state machine: which steps start when ({@link StepRuns} says which may), how a
 * callback answer, a stop request or a failed step moves the steps and the execution on. What a step does when it
 * starts is {@link StepBehaviour}'s; what its expressions read is {@link ExecutionScope}'s. At most
 * {@code MaxParallelExecutionSteps} steps run at once, and a selective execution runs only its selected steps. Not
 * thread-safe: every call is made under the simulator's lock.
 *
 * <p>Transitions that start callback steps return those steps, so the caller can send their messages once the lock
 * is released.
 */
final class Execution {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final Pipeline pipeline;
    private final String arn;
    private final Instant creationTime;
    private final String displayName;
    private final String description;
    private final StartRequest startRequest;
    private final Map<String, JsonNode> parameterValues;
    /** The execution whose results a selective execution reuses, or null. */
    private final Execution reference;
    private final StepRuns steps = new StepRuns();
    private Integer maxParallelSteps;
    private PipelineExecutionStatus status = PipelineExecutionStatus.Executing;
    private String failureReason;
    private Instant lastModifiedTime;

    /**
     * @param startRequest    what the start asked for, so a retry with the same {@code ClientRequestToken} can be
     *                        told apart from a different request
     * @param parameterValues the typed value of every declared parameter
     */
    Execution(Pipeline pipeline, String arn, Instant creationTime, String displayName, String description,
              StartRequest startRequest, Map<String, JsonNode> parameterValues) {
        this(pipeline, arn, creationTime, displayName, description, startRequest, parameterValues, null);
    }

    /**
     * @param reference the execution a selective execution reuses the results of, or null: the steps it does not run
     *                  read their properties (a callback's outputs) from there
     */
    Execution(Pipeline pipeline, String arn, Instant creationTime, String displayName, String description,
              StartRequest startRequest, Map<String, JsonNode> parameterValues, Execution reference) {
        this.reference = reference;
        this.pipeline = pipeline;
        this.arn = arn;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
        this.displayName = displayName;
        this.description = description;
        this.startRequest = startRequest;
        this.parameterValues = Collections.unmodifiableMap(new LinkedHashMap<>(parameterValues));
        this.maxParallelSteps = startRequest.maxParallelSteps();
    }

    /**
     * What a start asked for and the execution runs by; a retry with the same {@code ClientRequestToken} must ask
     * for the same.
     *
     * @param displayName          as requested, or null
     * @param version              the version of the pipeline that runs
     * @param maxParallelSteps     at most this many steps run at once; null for no limit
     * @param selectiveExecution   the only steps that run, or null for all of them
     * @param mlflowExperimentName or null
     */
    record StartRequest(Pipeline pipeline, String displayName, List<NameValue> parameters, PipelineVersion version,
                        Integer maxParallelSteps, PipelineRequests.SelectiveExecution selectiveExecution,
                        String mlflowExperimentName) {
        StartRequest {
            parameters = List.copyOf(parameters);
        }

        /** Whether this execution runs the step: every step, or only the selected ones. */
        boolean runs(PipelineDefinition.Step step) {
            return !reusesResultsOf(step.name());
        }

        /** A step a selective execution does not run: its results are the reference execution's. */
        boolean reusesResultsOf(String stepName) {
            return selectiveExecution != null && !selectiveExecution.selectedSteps().contains(stepName);
        }
    }

    Pipeline pipeline() {
        return pipeline;
    }

    String arn() {
        return arn;
    }

    /** The last part of the ARN, as {@code Execution.PipelineExecutionId} reads it. */
    String id() {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    Instant creationTime() {
        return creationTime;
    }

    String displayName() {
        return displayName;
    }

    /** Free text, or null. */
    String description() {
        return description;
    }

    StartRequest startRequest() {
        return startRequest;
    }

    Map<String, JsonNode> parameterValues() {
        return parameterValues;
    }

    PipelineExecutionStatus status() {
        return status;
    }

    /** Null unless the execution failed. */
    String failureReason() {
        return failureReason;
    }

    Instant lastModifiedTime() {
        return lastModifiedTime;
    }

    /** The execution whose results a selective execution reuses, or null. */
    Execution reference() {
        return reference;
    }

    /** The started steps, in start order. */
    Collection<StepRun> steps() {
        return steps.all();
    }

    /** The started step of that name, or null. */
    StepRun step(String name) {
        return steps.get(name);
    }

    /**
     * Starts every step whose dependencies have succeeded and whose condition branch was taken, in definition order,
     * until nothing more can start, and marks the execution Succeeded once nothing runs and nothing can start. A
     * condition step is evaluated when it starts; a fail step fails the execution; a step whose expressions cannot be
     * evaluated fails with the reason.
     *
     * @return the callback steps that started and now wait for their message to be sent
     */
    List<StepRun> advance(Instant now, StepStarts starts) {
        List<StepRun> waiting = new ArrayList<>();
        List<PipelineDefinition.Step> toRun = stepsToRun();
        boolean started = true;
        while (started && status == PipelineExecutionStatus.Executing) {
            started = false;
            for (PipelineDefinition.Step step : toRun) {
                if (steps.started(step.name()) || !steps.dependenciesSucceeded(step, startRequest)
                        || !steps.onTakenBranch(step)) {
                    continue;
                }
                if (maxParallelSteps != null && steps.running() >= maxParallelSteps) {
                    break; // the step starts when a running one finishes; every finish advances again
                }
                StepRun run = steps.start(this, step, starts.nextSequence(), now);
                started = true;
                if (!start(run, now, starts, waiting)) {
                    break;
                }
            }
        }
        if (status == PipelineExecutionStatus.Executing && steps.running() == 0) {
            status = PipelineExecutionStatus.Succeeded;
            lastModifiedTime = now;
            log.info("Execution {} succeeded", arn);
        }
        return waiting;
    }

    /**
     * Runs what a step does when it starts.
     *
     * @return false when the step failed the execution
     */
    private boolean start(StepRun run, Instant now, StepStarts starts, List<StepRun> waiting) {
        StepBehaviour.Failure failure = StepBehaviour.begin(run, scope(now), now, starts, waiting);
        if (failure != null) {
            failStep(run, failure.reason(), now);
            return false;
        }
        return true;
    }

    /**
     * A no-op step that took its time is done: it succeeds and the execution goes on, unless the step or the
     * execution has ended meanwhile (stopped, failed).
     *
     * @return the callback steps that started as a result
     */
    List<StepRun> finishNoOp(StepRun run, Instant now, StepStarts starts) {
        if (run.status() != StepStatus.Executing || status != PipelineExecutionStatus.Executing
                || steps.get(run.step().name()) != run) {
            return List.of();
        }
        run.finish(StepStatus.Succeeded, null, now);
        lastModifiedTime = now;
        return advance(now, starts);
    }

    /**
     * Runs a failed execution again from where it failed: the steps that failed or were stopped run again (a
     * callback step with a fresh token and message), the steps that succeeded keep their results.
     *
     * @param newMaxParallelSteps the retry's {@code ParallelismConfiguration}, or null to keep the execution's
     * @return the callback steps that started
     * @throws SageMakerSimulatorException a validation error when the execution has not failed
     */
    List<StepRun> retry(Integer newMaxParallelSteps, Instant now, StepStarts starts) {
        if (status != PipelineExecutionStatus.Failed) {
            throw SageMakerSimulatorException.validation("Pipeline execution '" + arn + "' is " + status
                    + "; only a Failed execution can be retried.");
        }
        steps.forgetFailedAndStopped();
        if (newMaxParallelSteps != null) {
            maxParallelSteps = newMaxParallelSteps;
        }
        status = PipelineExecutionStatus.Executing;
        failureReason = null;
        lastModifiedTime = now;
        log.info("Execution {} retried", arn);
        return advance(now, starts);
    }

    /** What this execution's expressions read at {@code now}. */
    PipelineExpressions.Scope scope(Instant now) {
        return new ExecutionScope(this, steps, now);
    }

    /**
     * Fails one step and with it the execution; callback steps still waiting are stopped (their tokens then answer
     * with a conflict), as nothing would ever resume them.
     */
    void failStep(StepRun run, String reason, Instant now) {
        run.finish(StepStatus.Failed, reason, now);
        status = PipelineExecutionStatus.Failed;
        failureReason = "Step failure: Step '" + run.step().name() + "' failed"
                + (reason == null || reason.isEmpty() ? "." : ": " + reason);
        lastModifiedTime = now;
        for (StepRun other : steps.all()) {
            if (other.status() == StepStatus.Executing) {
                other.finish(StepStatus.Stopped, null, now);
            }
        }
        log.info("Execution {} failed: {}", arn, failureReason);
    }

    /**
     * Applies an answer to the token of one of this execution's callback steps. A step that is stopping stops on
     * any answer, as the service lets the stop go through; otherwise a failure fails the execution and a success
     * lets the next steps start. A retry of the accepted answer changes nothing.
     *
     * @return the callback steps that started as a result
     * @throws SageMakerSimulatorException a conflict when the token was answered differently or can no longer be
     *                                     used
     */
    List<StepRun> answer(StepRun run, CallbackAnswer answer, Instant now, StepStarts starts) {
        String token = run.callbackToken();
        CallbackAnswer accepted = run.answer();
        if (accepted != null) {
            if (answer.clientRequestToken() != null
                    && answer.clientRequestToken().equals(accepted.clientRequestToken())) {
                if (answer.equals(accepted)) {
                    return List.of(); // a retry of the same request: same answer, no change
                }
                throw SageMakerSimulatorException.conflict("ClientRequestToken '" + answer.clientRequestToken()
                        + "' was already used for callback token '" + token + "' with different parameters");
            }
            throw SageMakerSimulatorException.conflict("The callback token '" + token
                    + "' has already been used: step '" + run.step().name() + "' is " + run.status());
        }
        if (run.status() != StepStatus.Executing && run.status() != StepStatus.Stopping) {
            throw SageMakerSimulatorException.conflict("The callback token '" + token + "' can no longer be used: "
                    + "step '" + run.step().name() + "' is " + run.status() + " and its execution is " + status);
        }
        run.answered(answer);
        if (run.status() == StepStatus.Stopping) {
            run.finish(StepStatus.Stopped, null, now);
            settleStop(now);
            return List.of();
        }
        if (answer.success()) {
            run.succeedWith(answer.outputParameters(), now);
        } else {
            failStep(run, answer.failureReason(), now);
        }
        lastModifiedTime = now;
        return advance(now, starts);
    }

    /**
     * Makes a waiting callback step finish without an answer to its token (someone answered it elsewhere, or a
     * timeout ended it): {@code Succeeded} lets the execution go on, {@code Failed} fails it.
     *
     * @return the callback steps that started as a result
     */
    List<StepRun> finishWithoutAnswer(StepRun run, StepStatus finalStatus, Instant now, StepStarts starts) {
        if (run.status() != StepStatus.Executing) {
            throw new IllegalStateException("Step '" + run.step().name() + "' of token " + run.callbackToken()
                    + " is " + run.status() + ", not Executing");
        }
        lastModifiedTime = now;
        switch (finalStatus) {
            case Succeeded -> {
                run.finish(StepStatus.Succeeded, null, now);
                return advance(now, starts);
            }
            case Failed -> {
                failStep(run, "Finished outside the console", now);
                return List.of();
            }
            default -> throw new IllegalArgumentException("A step finishes Succeeded or Failed, not " + finalStatus);
        }
    }

    /**
     * Asks the execution to stop. Waiting callback steps become {@code Stopping} and the execution stays
     * {@code Stopping} until each of them is answered; other running steps stop at once. Asking a stopping or
     * stopped execution again changes nothing.
     *
     * @return the callback steps now stopping, whose {@code Stopping} message must be sent
     * @throws SageMakerSimulatorException a validation error when the execution has already finished otherwise
     */
    List<StepRun> requestStop(Instant now) {
        switch (status) {
            case Stopping, Stopped -> {
                return List.of();
            }
            case Executing -> { }
            default -> throw SageMakerSimulatorException.validation("Pipeline execution '" + arn + "' is "
                    + status + " and can no longer be stopped.");
        }
        status = PipelineExecutionStatus.Stopping;
        lastModifiedTime = now;
        List<StepRun> stopping = new ArrayList<>();
        for (StepRun run : steps.all()) {
            if (run.status() == StepStatus.Executing && run.step().isCallback()) {
                run.stopping();
                stopping.add(run);
            } else if (run.status() == StepStatus.Executing) {
                run.finish(StepStatus.Stopped, null, now);
            }
        }
        settleStop(now);
        log.info("Stop requested for {} ({} callback step(s) must answer)", arn, stopping.size());
        return stopping;
    }

    /** A stopping execution is Stopped once none of its steps is still Stopping. */
    private void settleStop(Instant now) {
        if (status == PipelineExecutionStatus.Stopping && !steps.anyStopping()) {
            status = PipelineExecutionStatus.Stopped;
            lastModifiedTime = now;
            log.info("Execution {} stopped", arn);
        }
    }

    private List<PipelineDefinition.Step> stepsToRun() {
        return startRequest.version().definition().steps().stream().filter(startRequest::runs).toList();
    }
}
