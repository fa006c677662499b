package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Reads each operation's request into a typed value, checked against the service model's constraints (sagemaker
 * 2017-07-24: required members, lengths, patterns, ranges, enums). A request that breaks any of them is refused with
 * one {@code ValidationException} naming every member at fault; checks that need the simulator's state (does the
 * pipeline exist?) are made by the operations.
 */
final class PipelineRequests {
    // Patterns and limits from the service model.
    static final String PIPELINE_NAME_OR_ARN =
            "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:([0-9]{12}|aws):pipeline/.*)?([a-zA-Z0-9](-*[a-zA-Z0-9]){0,255})";
    static final String PIPELINE_NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}";
    private static final String EXECUTION_NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}";
    private static final String EXECUTION_ARN =
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline\\/.*\\/execution\\/.*";
    private static final String PARAMETER_NAME = "[A-Za-z0-9\\-_]*";
    private static final String CALLBACK_TOKEN = "[a-zA-Z0-9]+";
    private static final List<String> SORT_ORDERS = List.of("Ascending", "Descending");
    private static final String ROLE_ARN = "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
    private static final String TAG_TEXT = "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)";

    private PipelineRequests() {
    }

    /** The page a list request asks for: its size (null for the default) and where to go on (null to begin). */
    record PageRequest(Integer maxResults, String nextToken) {
    }

    /**
     * @param maxParallelSteps     {@code ParallelismConfiguration.MaxParallelExecutionSteps}, or null
     * @param selectiveExecution   {@code SelectiveExecutionConfig}, or null
     * @param pipelineVersionId    the version to run, or null for the latest
     * @param mlflowExperimentName or null
     */
    record StartPipelineExecution(String pipelineName, String displayName, String description,
                                  List<NameValue> parameters, String clientRequestToken, Integer maxParallelSteps,
                                  SelectiveExecution selectiveExecution, Long pipelineVersionId,
                                  String mlflowExperimentName) {
    }

    /**
     * A {@code SelectiveExecutionConfig}: the steps to run, and the execution whose results the others reuse.
     *
     * @param sourceExecutionArn null when the request named none
     */
    record SelectiveExecution(String sourceExecutionArn, List<String> selectedSteps) {
        SelectiveExecution {
            selectedSteps = List.copyOf(selectedSteps);
        }
    }

    /** @param pipelineVersionId the version to describe, or null for the latest */
    record DescribePipeline(String pipelineName, Long pipelineVersionId) {
    }

    record StopPipelineExecution(String executionArn, String clientRequestToken) {
    }

    record SendStepFailure(String callbackToken, String failureReason, String clientRequestToken) {
    }

    record SendStepSuccess(String callbackToken, List<NameValue> outputParameters, String clientRequestToken) {
    }

    record ListSteps(String executionArn, String sortOrder, PageRequest page) {
    }

    record ListPipelines(String namePrefix, Instant createdAfter, Instant createdBefore, String sortBy,
                         String sortOrder, PageRequest page) {
    }

    record ListExecutions(String pipelineName, Instant createdAfter, Instant createdBefore, String sortBy,
                          String sortOrder, PageRequest page) {
    }

    record ListParameters(String executionArn, PageRequest page) {
    }

    /**
     * {@code CreatePipeline}; also what a retry with the same {@code ClientRequestToken} must repeat.
     *
     * @param maxParallelSteps the pipeline's {@code ParallelismConfiguration}, or null
     */
    record CreatePipeline(String pipelineName, String displayName, String definition, String description,
                          String clientRequestToken, String roleArn, List<NameValue> tags, Integer maxParallelSteps) {
    }

    /** {@code UpdatePipeline}: each member null when the request leaves it as it is. */
    record UpdatePipeline(String pipelineName, String displayName, String definition, String description,
                          String roleArn, Integer maxParallelSteps) {
    }

    record DeletePipeline(String pipelineName, String clientRequestToken) {
    }

    record RetryExecution(String executionArn, String clientRequestToken, Integer maxParallelSteps) {
    }

    record ListVersions(String pipelineName, Instant createdAfter, Instant createdBefore, String sortOrder,
                        PageRequest page) {
    }

    static CreatePipeline createPipeline(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = fields.string("PipelineName", true, 1, 256, PIPELINE_NAME);
        String displayName = fields.string("PipelineDisplayName", false, 1, 256, PIPELINE_NAME);
        String definition = definition(fields);
        String description = fields.string("PipelineDescription", false, 0, 3072, null);
        String clientRequestToken = fields.string("ClientRequestToken", true, 32, 128, null);
        String roleArn = fields.string("RoleArn", true, 20, 2048, ROLE_ARN);
        List<NameValue> tags = fields.keyValues("Tags", 50, 1, 128, 256, TAG_TEXT);
        Integer maxParallelSteps = maxParallelSteps(fields);
        fields.throwIfInvalid();
        requireDefinition(definition, request);
        return new CreatePipeline(name, displayName, definition, description, clientRequestToken, roleArn, tags,
                maxParallelSteps);
    }

    static UpdatePipeline updatePipeline(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = fields.string("PipelineName", true, 1, 256, PIPELINE_NAME);
        String displayName = fields.string("PipelineDisplayName", false, 1, 256, PIPELINE_NAME);
        String definition = definition(fields);
        String description = fields.string("PipelineDescription", false, 0, 3072, null);
        String roleArn = fields.string("RoleArn", false, 20, 2048, ROLE_ARN);
        Integer maxParallelSteps = maxParallelSteps(fields);
        fields.throwIfInvalid();
        if (definition == null) {
            refuseS3Definition(request);
        }
        return new UpdatePipeline(name, displayName, definition, description, roleArn, maxParallelSteps);
    }

    static DeletePipeline deletePipeline(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = fields.string("PipelineName", true, 1, 256, PIPELINE_NAME);
        String clientRequestToken = fields.string("ClientRequestToken", true, 32, 128, null);
        fields.throwIfInvalid();
        return new DeletePipeline(name, clientRequestToken);
    }

    /** The ARN of {@code DescribePipelineDefinitionForExecution}. */
    static String describePipelineDefinitionForExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = executionArn(fields);
        fields.throwIfInvalid();
        return arn;
    }

    static RetryExecution retryPipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = executionArn(fields);
        String clientRequestToken = fields.string("ClientRequestToken", true, 32, 128, null);
        Integer maxParallelSteps = maxParallelSteps(fields);
        fields.throwIfInvalid();
        return new RetryExecution(arn, clientRequestToken, maxParallelSteps);
    }

    static ListVersions listPipelineVersions(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = pipelineNameOrArn(fields);
        Instant createdAfter = fields.timestamp("CreatedAfter");
        Instant createdBefore = fields.timestamp("CreatedBefore");
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = nextToken(fields);
        fields.throwIfInvalid();
        return new ListVersions(name, createdAfter, createdBefore, sortOrder, new PageRequest(maxResults, nextToken));
    }

    /** {@code PipelineDefinition}: up to 1 MiB of text. */
    private static String definition(RequestFields fields) {
        return fields.string("PipelineDefinition", false, 1, 1_048_576, null);
    }

    private static Integer maxParallelSteps(RequestFields fields) {
        RequestFields parallelism = fields.structure("ParallelismConfiguration", false);
        return parallelism == null ? null : parallelism.requiredInteger("MaxParallelExecutionSteps", 1);
    }

    /** A create needs the definition: given as text (the sandbox reads no S3). */
    private static void requireDefinition(String definition, ObjectNode request) {
        if (definition != null) {
            return;
        }
        refuseS3Definition(request);
        throw SageMakerSimulatorException.validation("Either PipelineDefinition or PipelineDefinitionS3Location"
                + " must be given.");
    }

    private static void refuseS3Definition(ObjectNode request) {
        if (request.has("PipelineDefinitionS3Location")) {
            throw SageMakerSimulatorException.validation("PipelineDefinitionS3Location: the sandbox has no S3; pass"
                    + " the definition itself as PipelineDefinition.");
        }
    }

    static StartPipelineExecution startPipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String pipelineName = pipelineNameOrArn(fields);
        String displayName = fields.string("PipelineExecutionDisplayName", false, 1, 82, EXECUTION_NAME);
        String description = fields.string("PipelineExecutionDescription", false, 0, 3072, null);
        List<NameValue> parameters = fields.nameValues("PipelineParameters", 200, 1, 256, PARAMETER_NAME, 1024);
        String clientRequestToken = fields.string("ClientRequestToken", true, 32, 128, null);
        RequestFields parallelism = fields.structure("ParallelismConfiguration", false);
        Integer maxParallelSteps = parallelism == null ? null
                : parallelism.requiredInteger("MaxParallelExecutionSteps", 1);
        SelectiveExecution selectiveExecution = selectiveExecution(fields.structure("SelectiveExecutionConfig", false));
        Long versionId = fields.longInteger("PipelineVersionId", 1);
        String mlflowExperimentName = fields.string("MlflowExperimentName", false, 1, 256, ".*");
        fields.throwIfInvalid();
        return new StartPipelineExecution(pipelineName, displayName, description, parameters, clientRequestToken,
                maxParallelSteps, selectiveExecution, versionId, mlflowExperimentName);
    }

    private static SelectiveExecution selectiveExecution(RequestFields config) {
        if (config == null) {
            return null;
        }
        String source = config.string("SourcePipelineExecutionArn", false, 0, 2048, EXECUTION_ARN);
        List<String> steps = config.structures("SelectedSteps", true, 1, 50).stream()
                .map(step -> step.string("StepName", true, 0, 256, null))
                .filter(Objects::nonNull) // a missing name is a violation already: the request is refused
                .toList();
        return new SelectiveExecution(source, steps);
    }

    static StopPipelineExecution stopPipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = executionArn(fields);
        String clientRequestToken = fields.string("ClientRequestToken", true, 32, 128, null);
        fields.throwIfInvalid();
        return new StopPipelineExecution(arn, clientRequestToken);
    }

    static SendStepFailure sendStepFailure(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String token = callbackToken(fields);
        String reason = fields.string("FailureReason", false, 0, 256, null);
        String clientRequestToken = fields.string("ClientRequestToken", false, 32, 128, null);
        fields.throwIfInvalid();
        return new SendStepFailure(token, reason, clientRequestToken);
    }

    static SendStepSuccess sendStepSuccess(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String token = callbackToken(fields);
        // The model's OutputParameter.Name is a String256, of length 0 to 256: an empty name is allowed.
        List<NameValue> outputs = fields.nameValues("OutputParameters", 50, 0, 256, null, 1024);
        String clientRequestToken = fields.string("ClientRequestToken", false, 32, 128, null);
        fields.throwIfInvalid();
        return new SendStepSuccess(token, outputs, clientRequestToken);
    }

    /** The ARN of {@code DescribePipelineExecution}. */
    static String describePipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = executionArn(fields);
        fields.throwIfInvalid();
        return arn;
    }

    static ListSteps listPipelineExecutionSteps(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = executionArn(fields);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        String nextToken = nextToken(fields);
        fields.throwIfInvalid();
        return new ListSteps(arn, sortOrder, new PageRequest(maxResults, nextToken));
    }

    static ListPipelines listPipelines(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String prefix = fields.string("PipelineNamePrefix", false, 1, 256, PIPELINE_NAME);
        Instant createdAfter = fields.timestamp("CreatedAfter");
        Instant createdBefore = fields.timestamp("CreatedBefore");
        String sortBy = fields.oneOf("SortBy", List.of("Name", "CreationTime"));
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = nextToken(fields);
        fields.throwIfInvalid();
        return new ListPipelines(prefix, createdAfter, createdBefore, sortBy, sortOrder,
                new PageRequest(maxResults, nextToken));
    }

    static DescribePipeline describePipeline(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = pipelineNameOrArn(fields);
        Long versionId = fields.longInteger("PipelineVersionId", 1);
        fields.throwIfInvalid();
        return new DescribePipeline(name, versionId);
    }

    static ListExecutions listPipelineExecutions(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = pipelineNameOrArn(fields);
        Instant createdAfter = fields.timestamp("CreatedAfter");
        Instant createdBefore = fields.timestamp("CreatedBefore");
        String sortBy = fields.oneOf("SortBy", List.of("CreationTime", "PipelineExecutionArn"));
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = nextToken(fields);
        fields.throwIfInvalid();
        return new ListExecutions(name, createdAfter, createdBefore, sortBy, sortOrder,
                new PageRequest(maxResults, nextToken));
    }

    static ListParameters listPipelineParametersForExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = executionArn(fields);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = nextToken(fields);
        fields.throwIfInvalid();
        return new ListParameters(arn, new PageRequest(maxResults, nextToken));
    }

    private static String pipelineNameOrArn(RequestFields fields) {
        return fields.string("PipelineName", true, 1, 2048, PIPELINE_NAME_OR_ARN);
    }

    private static String executionArn(RequestFields fields) {
        return fields.string("PipelineExecutionArn", true, 0, 2048, EXECUTION_ARN);
    }

    private static String callbackToken(RequestFields fields) {
        return fields.string("CallbackToken", true, 10, 10, CALLBACK_TOKEN);
    }

    private static String nextToken(RequestFields fields) {
        return fields.string("NextToken", false, 0, 8192, null);
    }
}
