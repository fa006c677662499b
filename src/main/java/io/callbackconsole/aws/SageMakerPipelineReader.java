package io.callbackconsole.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.DeclaredCallbackStep;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.OutputType;
import io.callbackconsole.domain.PipelineContext;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.PipelineParameter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineResponse;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionSummary;
import software.amazon.awssdk.services.sagemaker.model.PipelineSummary;
import software.amazon.awssdk.services.sagemaker.model.SortOrder;
import software.amazon.awssdk.services.sagemaker.model.UserContext;

/**
 * Reads pipeline context from SageMaker: executions, their callback steps and parameters, pipeline definitions. Every
 * list call follows {@code NextToken} to the end (through the SDK's paginators). Throws the SDK's exceptions; callers
 * explain them with {@link AwsErrorExplainer}. Thread-safe; does not own the client.
 */
public final class SageMakerPipelineReader {
    private static final Logger log = LoggerFactory.getLogger(SageMakerPipelineReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest page every list call accepts: fewest calls. */
    private static final int LARGEST_PAGE = 100;
    private static final int DEFINITIONS_KEPT = 512;

    private final SageMakerClient sageMaker;
    private final int pageSize;
    private final AtomicLong calls = new AtomicLong();
    /**
     * The callback steps of the definition each execution ran: a run's definition never changes, so it is asked for
     * once per execution, not at every context refresh. Bounded: the oldest executions are forgotten first.
     */
    private final Map<PipelineExecutionArn, List<DeclaredCallbackStep>> declaredByExecution =
            Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<PipelineExecutionArn, List<DeclaredCallbackStep>> e) {
                    return size() > DEFINITIONS_KEPT;
                }
            });

    public SageMakerPipelineReader(SageMakerClient sageMaker) {
        this(sageMaker, LARGEST_PAGE);
    }

    /** With small pages, so tests see NextToken followed. */
    SageMakerPipelineReader(SageMakerClient sageMaker, int pageSize) {
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
        this.pageSize = pageSize;
    }

    /** A pipeline as DescribePipeline tells it: display name, description and the callback steps it declares. */
    public record PipelineDescription(String pipelineArn, String pipelineName, String displayName, String description,
                                      List<DeclaredCallbackStep> callbackSteps) {
    }

    /** An execution as ListPipelineExecutions lists it. */
    public record ExecutionSummary(PipelineExecutionArn executionArn, String status, Instant startTime) {
        public boolean running() {
            return "Executing".equals(status) || "Stopping".equals(status);
        }
    }

    /** How many requests this reader has made (pages counted one by one); for measurements. */
    public long requestCount() {
        return calls.get();
    }

    /**
     * Everything about one execution: DescribePipelineExecution, ListPipelineExecutionSteps (callback steps only),
     * ListPipelineParametersForExecution, and the callback steps of the definition the execution ran
     * (DescribePipelineDefinitionForExecution: a pipeline updated since may declare other outputs).
     *
     * @param pipeline its pipeline, from {@link #describePipeline}; null leaves names empty. Its declared steps stand
     *                 in when the execution's own definition cannot be read (an IAM policy without
     *                 {@code sagemaker:DescribePipelineDefinitionForExecution}, say)
     */
    public PipelineContext describeExecution(PipelineExecutionArn arn, PipelineDescription pipeline, Instant now) {
        calls.incrementAndGet();
        DescribePipelineExecutionResponse execution =
                sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(arn.value()));
        List<DeclaredCallbackStep> declared = declaredStepsOfRun(arn, pipeline);
        List<CallbackStepState> steps = callbackSteps(arn);
        List<PipelineParameter> parameters = new ArrayList<>();
        sageMaker.listPipelineParametersForExecutionPaginator(b -> b.pipelineExecutionArn(arn.value())
                        .maxResults(pageSize)).stream()
                .peek(page -> calls.incrementAndGet())
                .forEach(page -> page.pipelineParameters().forEach(p ->
                        parameters.add(new PipelineParameter(p.name(), p.value()))));
        return new PipelineContext(arn,
                pipeline == null ? arn.pipelineName() : pipeline.displayName(),
                pipeline == null ? null : pipeline.description(),
                execution.pipelineExecutionDisplayName(),
                execution.pipelineExecutionStatusAsString() == null ? "Unknown"
                        : execution.pipelineExecutionStatusAsString(),
                whoStarted(execution.createdBy()),
                execution.creationTime(), execution.lastModifiedTime(), execution.failureReason(),
                parameters, steps, declared, now);
    }

    /** The callback steps of the definition the execution ran; the pipeline's own when that cannot be read. */
    private List<DeclaredCallbackStep> declaredStepsOfRun(PipelineExecutionArn arn, PipelineDescription pipeline) {
        List<DeclaredCallbackStep> known = declaredByExecution.get(arn);
        if (known != null) {
            return known;
        }
        List<DeclaredCallbackStep> ofPipeline = pipeline == null ? List.of() : pipeline.callbackSteps();
        try {
            calls.incrementAndGet();
            String definition = sageMaker.describePipelineDefinitionForExecution(b -> b.pipelineExecutionArn(
                    arn.value())).pipelineDefinition();
            if (definition == null || definition.isBlank()) {
                return ofPipeline;
            }
            List<DeclaredCallbackStep> declared = declaredCallbackSteps(definition);
            declaredByExecution.put(arn, declared);
            return declared;
        } catch (AwsServiceException e) {
            // Not a reason to lose the context: the pipeline's latest definition is the next best answer.
            log.debug("The definition {} ran cannot be read ({}); using its pipeline's", arn.value(),
                    e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode());
            return ofPipeline;
        }
    }

    /** The callback steps an execution has started, newest first, every page. */
    public List<CallbackStepState> callbackSteps(PipelineExecutionArn arn) {
        List<CallbackStepState> steps = new ArrayList<>();
        sageMaker.listPipelineExecutionStepsPaginator(b -> b.pipelineExecutionArn(arn.value()).maxResults(pageSize))
                .stream()
                .peek(page -> calls.incrementAndGet())
                .forEach(page -> page.pipelineExecutionSteps().forEach(step -> {
                    CallbackStepState state = callbackStep(step);
                    if (state != null) {
                        steps.add(state);
                    }
                }));
        return steps;
    }

    private static CallbackStepState callbackStep(PipelineExecutionStep step) {
        if (step.metadata() == null || step.metadata().callback() == null) {
            return null;
        }
        var callback = step.metadata().callback();
        return new CallbackStepState(step.stepName(), step.stepDisplayName(), step.stepStatusAsString(),
                step.startTime(), step.endTime(), step.attemptCount() == null ? 0 : step.attemptCount(),
                callback.callbackToken(), callback.sqsQueueUrl(), step.failureReason());
    }

    /** DescribePipeline by name or ARN, with the callback steps of its definition. */
    public PipelineDescription describePipeline(String pipelineNameOrArn) {
        calls.incrementAndGet();
        DescribePipelineResponse pipeline = sageMaker.describePipeline(b -> b.pipelineName(pipelineNameOrArn));
        List<DeclaredCallbackStep> declared = declaredCallbackSteps(pipeline.pipelineDefinition());
        String displayName = pipeline.pipelineDisplayName() == null || pipeline.pipelineDisplayName().isBlank()
                ? pipeline.pipelineName() : pipeline.pipelineDisplayName();
        return new PipelineDescription(pipeline.pipelineArn(), pipeline.pipelineName(), displayName,
                pipeline.pipelineDescription(), declared);
    }

    /** Every pipeline's name, every page of ListPipelines. */
    public List<String> pipelineNames() {
        List<String> names = new ArrayList<>();
        sageMaker.listPipelinesPaginator(b -> b.maxResults(pageSize)).stream()
                .peek(page -> calls.incrementAndGet())
                .forEach(page -> page.pipelineSummaries().stream().map(PipelineSummary::pipelineName).forEach(names::add));
        return names;
    }

    /** The executions of one pipeline created after {@code createdAfter}, newest first, every page. */
    public List<ExecutionSummary> executionsSince(String pipelineName, Instant createdAfter) {
        List<ExecutionSummary> executions = new ArrayList<>();
        sageMaker.listPipelineExecutionsPaginator(b -> b.pipelineName(pipelineName).createdAfter(createdAfter)
                        .sortOrder(SortOrder.DESCENDING).maxResults(pageSize)).stream()
                .peek(page -> calls.incrementAndGet())
                .forEach(page -> {
                    for (PipelineExecutionSummary summary : page.pipelineExecutionSummaries()) {
                        if (PipelineExecutionArn.isValid(summary.pipelineExecutionArn())) {
                            executions.add(new ExecutionSummary(PipelineExecutionArn.of(summary.pipelineExecutionArn()),
                                    summary.pipelineExecutionStatusAsString(), summary.startTime()));
                        } else {
                            log.warn("Skipping execution with an unexpected ARN: {}", summary.pipelineExecutionArn());
                        }
                    }
                });
        return executions;
    }

    /**
     * The callback steps a {@code PipelineDefinition} document declares, with their queue, output parameters and
     * description.
     * A definition that is not JSON declares none (it is logged, not thrown: context stays usable without it).
     */
    public static List<DeclaredCallbackStep> declaredCallbackSteps(String definitionJson) {
        if (definitionJson == null || definitionJson.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(definitionJson);
        } catch (JsonProcessingException e) {
            log.warn("A pipeline definition is not JSON: {}", e.getOriginalMessage());
            return List.of();
        }
        List<DeclaredCallbackStep> steps = new ArrayList<>();
        addCallbackSteps(root.path("Steps"), steps);
        return steps;
    }

    /** The callback steps of a list of steps, and of the branches of its condition steps. */
    private static void addCallbackSteps(JsonNode stepList, List<DeclaredCallbackStep> steps) {
        for (JsonNode step : stepList) {
            if ("Condition".equals(step.path("Type").asText())) {
                addCallbackSteps(step.path("Arguments").path("IfSteps"), steps);
                addCallbackSteps(step.path("Arguments").path("ElseSteps"), steps);
            }
            if (!"Callback".equals(step.path("Type").asText())) {
                continue;
            }
            List<DeclaredOutput> outputs = new ArrayList<>();
            for (JsonNode output : step.path("OutputParameters")) {
                String name = output.path("OutputName").asText("");
                if (!name.isBlank()) {
                    outputs.add(new DeclaredOutput(name, OutputType.fromWire(output.path("OutputType").asText(null))));
                }
            }
            steps.add(new DeclaredCallbackStep(step.path("Name").asText(), textOrNull(step.get("SqsQueueUrl")),
                    outputs, textOrNull(step.get("Description"))));
        }
    }

    /** A field that is text, else null: a number or an object where text belongs is not shown as if it were. */
    private static String textOrNull(JsonNode field) {
        return field != null && field.isTextual() ? field.textValue() : null;
    }

    private static String whoStarted(UserContext user) {
        if (user == null) {
            return null;
        }
        if (user.userProfileName() != null) {
            return user.userProfileName() + (user.domainId() == null ? "" : " (" + user.domainId() + ")");
        }
        if (user.iamIdentity() != null && user.iamIdentity().arn() != null) {
            return user.iamIdentity().arn();
        }
        return user.userProfileArn();
    }
}
