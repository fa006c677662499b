package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes the simulator's state as the service model's response shapes (sagemaker 2017-07-24), member names and
 * optional members exactly as AWS sends them: a member the model does not have is never written.
 */
final class PipelineResponses {
    /** The Studio user every sandbox execution is started by. */
    static final String SANDBOX_USER = "sandbox-user";

    private final String region;
    private final String accountId;

    PipelineResponses(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /** {@code {"PipelineExecutionArn": ...}}, the answer of the start, stop and callback operations. */
    static ObjectNode executionArn(String executionArn) {
        return JsonNodeFactory.instance.objectNode().put("PipelineExecutionArn", executionArn);
    }

    /** A {@code PipelineSummary} of {@code ListPipelines}. */
    ObjectNode pipelineSummary(Pipeline pipeline) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("PipelineArn", pipeline.arn());
        summary.put("PipelineName", pipeline.name());
        summary.put("PipelineDisplayName", pipeline.displayName());
        if (pipeline.description() != null) {
            summary.put("PipelineDescription", pipeline.description());
        }
        summary.put("RoleArn", pipeline.roleArn());
        summary.set("CreationTime", timestamp(pipeline.creationTime()));
        summary.set("LastModifiedTime", timestamp(pipeline.lastModifiedTime()));
        if (pipeline.lastRunTime() != null) {
            summary.set("LastExecutionTime", timestamp(pipeline.lastRunTime()));
        }
        return summary;
    }

    /** The {@code DescribePipeline} answer, with the definition of {@code version}. */
    ObjectNode pipelineDescription(Pipeline pipeline, PipelineVersion version) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("PipelineArn", pipeline.arn());
        out.put("PipelineName", pipeline.name());
        out.put("PipelineDisplayName", pipeline.displayName());
        out.put("PipelineDefinition", version.definitionJson());
        if (pipeline.description() != null) {
            out.put("PipelineDescription", pipeline.description());
        }
        out.put("RoleArn", pipeline.roleArn());
        out.put("PipelineStatus", "Active");
        out.set("CreationTime", timestamp(pipeline.creationTime()));
        out.set("LastModifiedTime", timestamp(pipeline.lastModifiedTime()));
        if (pipeline.lastRunTime() != null) {
            out.set("LastRunTime", timestamp(pipeline.lastRunTime()));
        }
        if (pipeline.maxParallelSteps() != null) {
            out.putObject("ParallelismConfiguration").put("MaxParallelExecutionSteps", pipeline.maxParallelSteps());
        }
        return out;
    }

    /** {@code {"PipelineArn": ...}}, the answer of create and delete. */
    static ObjectNode pipelineArn(Pipeline pipeline) {
        return pipelineArn(pipeline.arn());
    }

    static ObjectNode pipelineArn(String pipelineArn) {
        return JsonNodeFactory.instance.objectNode().put("PipelineArn", pipelineArn);
    }

    /** The {@code UpdatePipeline} answer: the ARN and the version executions now start with. */
    static ObjectNode updated(Pipeline pipeline) {
        return pipelineArn(pipeline).put("PipelineVersionId", pipeline.latestVersion().id());
    }

    /** The {@code DescribePipelineDefinitionForExecution} answer: the definition of the version the execution ran. */
    static ObjectNode definitionForExecution(Execution execution) {
        PipelineVersion version = execution.startRequest().version();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("PipelineDefinition", version.definitionJson());
        out.set("CreationTime", timestamp(version.creationTime()));
        return out;
    }

    /** A {@code PipelineVersionSummary} of {@code ListPipelineVersions}. */
    static ObjectNode versionSummary(Pipeline pipeline, PipelineVersion version) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("PipelineArn", pipeline.arn());
        summary.put("PipelineVersionId", version.id());
        summary.set("CreationTime", timestamp(version.creationTime()));
        String last = pipeline.lastExecutionOf(version);
        if (last != null) {
            summary.put("LastExecutionPipelineExecutionArn", last);
        }
        return summary;
    }

    /** The {@code DescribePipelineExecution} answer. */
    ObjectNode executionDescription(Execution execution) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("PipelineArn", execution.pipeline().arn());
        out.put("PipelineExecutionArn", execution.arn());
        out.put("PipelineExecutionDisplayName", execution.displayName());
        out.put("PipelineExecutionStatus", execution.status().name());
        if (execution.description() != null) {
            out.put("PipelineExecutionDescription", execution.description());
        }
        if (execution.failureReason() != null) {
            out.put("FailureReason", execution.failureReason());
        }
        out.set("CreationTime", timestamp(execution.creationTime()));
        out.set("LastModifiedTime", timestamp(execution.lastModifiedTime()));
        out.putObject("CreatedBy").put("UserProfileName", SANDBOX_USER).put("DomainId", "d-sandbox")
                .put("UserProfileArn", "arn:aws:sagemaker:" + region + ":" + accountId
                        + ":user-profile/d-sandbox/" + SANDBOX_USER);
        Execution.StartRequest started = execution.startRequest();
        if (started.maxParallelSteps() != null) {
            out.putObject("ParallelismConfiguration").put("MaxParallelExecutionSteps", started.maxParallelSteps());
        }
        PipelineRequests.SelectiveExecution selection = started.selectiveExecution();
        if (selection != null) {
            ObjectNode config = out.putObject("SelectiveExecutionConfig");
            if (selection.sourceExecutionArn() != null) {
                config.put("SourcePipelineExecutionArn", selection.sourceExecutionArn());
            }
            ArrayNode selected = config.putArray("SelectedSteps");
            selection.selectedSteps().forEach(name -> selected.addObject().put("StepName", name));
        }
        out.put("PipelineVersionId", started.version().id());
        if (started.mlflowExperimentName() != null) {
            // The sandbox has no MLflow tracking server, so there is no MlflowResourceArn to name.
            out.putObject("MLflowConfig").put("MlflowExperimentName", started.mlflowExperimentName());
        }
        return out;
    }

    /** A {@code PipelineExecutionSummary} of {@code ListPipelineExecutions}. */
    static ObjectNode executionSummary(Execution execution) {
        ObjectNode summary = JsonNodeFactory.instance.objectNode();
        summary.put("PipelineExecutionArn", execution.arn());
        summary.set("StartTime", timestamp(execution.creationTime()));
        summary.put("PipelineExecutionStatus", execution.status().name());
        if (execution.description() != null) {
            summary.put("PipelineExecutionDescription", execution.description());
        }
        summary.put("PipelineExecutionDisplayName", execution.displayName());
        if (execution.failureReason() != null) {
            summary.put("PipelineExecutionFailureReason", execution.failureReason());
        }
        return summary;
    }

    /** A {@code PipelineExecutionStep} of {@code ListPipelineExecutionSteps}. */
    ObjectNode step(StepRun run) {
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        step.put("StepName", run.step().name());
        step.set("StartTime", timestamp(run.startTime()));
        if (run.endTime() != null) {
            step.set("EndTime", timestamp(run.endTime()));
        }
        step.put("StepStatus", run.status().name());
        if (run.failureReason() != null) {
            step.put("FailureReason", run.failureReason());
        }
        step.put("AttemptCount", run.attempt());
        ObjectNode metadata = step.putObject("Metadata");
        String type = run.step().type();
        if (run.step().isCondition() && run.conditionOutcome() != null) {
            metadata.putObject("Condition").put("Outcome", run.conditionOutcome() ? "True" : "False");
        } else if (run.step().isFail() && run.failureReason() != null) {
            metadata.putObject("Fail").put("ErrorMessage", run.failureReason());
        } else if (run.step().isCallback()) {
            // CallbackStepMetadata has exactly these members: no SQS message id, which AWS does not send.
            ObjectNode callback = metadata.putObject("Callback");
            callback.put("CallbackToken", run.callbackToken());
            callback.put("SqsQueueUrl", run.step().sqsQueueUrl());
            if (run.outputParameters() != null) {
                callback.set("OutputParameters", nameValues(run.outputParameters()));
            }
        } else if (type.equals("Processing") || type.equals("Training")) {
            String kind = type.equals("Processing") ? "processing-job" : "training-job";
            metadata.putObject(type + "Job").put("Arn", "arn:aws:sagemaker:" + region + ":" + accountId
                    + ":" + kind + "/" + jobName(run));
        }
        return step;
    }

    /** A {@code Parameter} of {@code ListPipelineParametersForExecution}: the value as text. */
    static ObjectNode parameter(String name, JsonNode value) {
        return JsonNodeFactory.instance.objectNode().put("Name", name).put("Value", value.asText());
    }

    private static ArrayNode nameValues(List<NameValue> pairs) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        pairs.forEach(p -> list.addObject().put("Name", p.name()).put("Value", p.value()));
        return list;
    }

    /** A job name like the service gives a step's job: {@code pipelines-<execution id>-<step name>}. */
    private static String jobName(StepRun run) {
        String step = run.step().name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String name = ("pipelines-" + run.execution().id() + "-" + step).replaceAll("-+$", "");
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    /** Epoch seconds with milliseconds, as the JSON protocol carries timestamps. */
    private static JsonNode timestamp(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }
}
