package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.time.Instant;
import java.util.List;

/**
 * What one execution's expressions read at one instant: its parameters, its own properties and its steps' results —
 * a callback step's outputs by name, a placeholder for what the sandbox does not produce (a job's S3 URI, say), and
 * for the steps a selective execution does not run, the reference execution's results.
 */
final class ExecutionScope implements PipelineExpressions.Scope {
    private final Execution execution;
    private final StepRuns steps;
    private final Instant now;

    ExecutionScope(Execution execution, StepRuns steps, Instant now) {
        this.execution = execution;
        this.steps = steps;
        this.now = now;
    }

    @Override
    public JsonNode parameter(String name) {
        return execution.parameterValues().get(name);
    }

    @Override
    public String executionArn() {
        return execution.arn();
    }

    @Override
    public String executionId() {
        return execution.id();
    }

    @Override
    public String pipelineName() {
        return execution.pipeline().name();
    }

    @Override
    public String pipelineArn() {
        return execution.pipeline().arn();
    }

    @Override
    public Instant startTime() {
        return execution.creationTime();
    }

    @Override
    public Instant now() {
        return now;
    }

    /**
     * A step's property: a callback step's output by its name, else a placeholder naming the execution, step and
     * path (the sandbox runs no jobs, so a job's S3 URI, say, has no real value).
     */
    @Override
    public JsonNode stepProperty(String stepName, String path) {
        StepRun run = steps.get(stepName);
        String output = PipelineExpressions.outputParameterName(path);
        Execution.StartRequest startRequest = execution.startRequest();
        if (run == null && startRequest.reusesResultsOf(stepName) && execution.reference() != null) {
            // A selective execution reads the reference's results.
            return execution.reference().scope(now).stepProperty(stepName, path);
        }
        if (run == null && !startRequest.reusesResultsOf(stepName)) {
            throw new PipelineExpressions.EvaluationException("Get Steps." + stepName + "." + path + ": step '"
                    + stepName + "' has not run in this execution");
        }
        if (run != null && run.step().isCallback() && output != null) {
            for (NameValue given : run.outputParameters() == null ? List.<NameValue>of() : run.outputParameters()) {
                if (given.name().equals(output)) {
                    return TextNode.valueOf(given.value());
                }
            }
            throw new PipelineExpressions.EvaluationException("Get Steps." + stepName + "." + path + ": callback"
                    + " step '" + stepName + "' was not given the output '" + output + "'");
        }
        return TextNode.valueOf("sandbox://" + execution.id() + "/" + stepName + (path.isEmpty() ? "" : "/" + path));
    }
}
