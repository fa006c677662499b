package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.sandbox.CallbackMessages.Delivery;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SageMaker Pipelines operations the simulator answers, over its in-memory state: registered pipelines, their
 * executions and the callback tokens those executions have issued. Each operation reads its request
 * ({@link PipelineRequests}), moves the state machine ({@link Execution}) under one lock, writes the answer
 * ({@link PipelineResponses}, {@link ListPage}) and sends the callback messages the change produced
 * ({@link CallbackMessages}) after releasing the lock. Refusals are {@link SageMakerSimulatorException}s.
 */
final class PipelineOperations {
    private static final Logger log = LoggerFactory.getLogger(PipelineOperations.class);

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String region;
    private final String accountId;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final PipelineResponses responses;
    private final CallbackMessages messages;

    private final Object lock = new Object();
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, Execution> executionsByClientRequestToken = new HashMap<>();
    private final Map<String, StepRun> stepsByCallbackToken = new HashMap<>();
    private final Execution.StepStarts stepStarts = new StepStarts();
    private long stepSequence;

    PipelineOperations(String region, String accountId, SqsClient sqs, ObjectMapper mapper, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.mapper = mapper;
        this.clock = clock;
        this.responses = new PipelineResponses(region, accountId);
        this.messages = new CallbackMessages(Objects.requireNonNull(sqs, "sqs"), mapper, lock, clock);
    }

    /** Every operation by its name in {@code X-Amz-Target}. */
    Map<String, Function<ObjectNode, ObjectNode>> byOperationName() {
        Map<String, Function<ObjectNode, ObjectNode>> operations = new HashMap<>();
        operations.put("StartPipelineExecution", this::startPipelineExecution);
        operations.put("DescribePipelineExecution", this::describePipelineExecution);
        operations.put("ListPipelineExecutionSteps", this::listPipelineExecutionSteps);
        operations.put("SendPipelineExecutionStepFailure", this::sendPipelineExecutionStepFailure);
        operations.put("SendPipelineExecutionStepSuccess", this::sendPipelineExecutionStepSuccess);
        operations.put("ListPipelines", this::listPipelines);
        operations.put("DescribePipeline", this::describePipeline);
        operations.put("ListPipelineExecutions", this::listPipelineExecutions);
        operations.put("ListPipelineParametersForExecution", this::listPipelineParametersForExecution);
        operations.put("StopPipelineExecution", this::stopPipelineExecution);
        return Map.copyOf(operations);
    }

    String registerPipeline(String name, String definitionJson, String description) {
        if (name == null || !name.matches(PipelineRequests.PIPELINE_NAME)) {
            throw new IllegalArgumentException(
                    "Pipeline name '" + name + "' does not match " + PipelineRequests.PIPELINE_NAME);
        }
        PipelineDefinition definition = PipelineDefinition.parse(definitionJson, mapper);
        synchronized (lock) {
            if (pipelines.containsKey(name)) {
                throw new IllegalStateException("Pipeline '" + name + "' is already registered");
            }
            Pipeline pipeline = new Pipeline(name, pipelineArn(name), definitionJson, definition,
                    description, clock.instant());
            pipelines.put(name, pipeline);
            return pipeline.arn();
        }
    }

    // ---- Starting, answering and stopping -------------------------------------------------------------------

    ObjectNode startPipelineExecution(ObjectNode json) {
        PipelineRequests.StartPipelineExecution request = PipelineRequests.startPipelineExecution(json);
        List<Delivery> deliveries;
        String executionArn;
        synchronized (lock) {
            Pipeline pipeline = pipelineNamed(request.pipelineName());
            PipelineVersion version = pipeline.version(request.pipelineVersionId());
            checkSelectiveExecution(pipeline, version, request.selectiveExecution());
            Execution.StartRequest asked = new Execution.StartRequest(pipeline, request.displayName(),
                    request.parameters(), version, request.maxParallelSteps(), request.selectiveExecution(),
                    request.mlflowExperimentName());
            Execution earlier = executionsByClientRequestToken.get(request.clientRequestToken());
            if (earlier != null) {
                if (earlier.startRequest().equals(asked)) {
                    return PipelineResponses.executionArn(earlier.arn());
                }
                throw SageMakerSimulatorException.conflict("ClientRequestToken '" + request.clientRequestToken()
                        + "' was already used to start " + earlier.arn() + " with different parameters");
            }
            Map<String, JsonNode> values = parameterValues(version.definition(), request.parameters());
            Instant now = clock.instant();
            Execution execution = new Execution(pipeline, executionArn(pipeline.name()), now,
                    request.displayName() == null ? "execution-" + now.toEpochMilli() : request.displayName(),
                    request.description(), asked, values);
            executions.put(execution.arn(), execution);
            executionsByClientRequestToken.put(request.clientRequestToken(), execution);
            pipeline.ranAt(now);
            deliveries = messages.messages(execution.advance(now, stepStarts), StepStatus.Executing);
            executionArn = execution.arn();
            log.info("Started {} of pipeline {}", executionArn, pipeline.name());
        }
        messages.send(deliveries);
        return PipelineResponses.executionArn(executionArn);
    }

    /**
     * Refuses a selective execution the service would: steps the definition does not have, a selection with a gap
     * (a step on a path between two selected steps left out), or a reference execution that does not exist, belongs
     * to another pipeline or has not finished as Succeeded or Failed.
     */
    private void checkSelectiveExecution(Pipeline pipeline, PipelineVersion version,
                                         PipelineRequests.SelectiveExecution selection) {
        if (selection == null) {
            return;
        }
        List<String> unknown = new ArrayList<>(selection.selectedSteps());
        unknown.removeAll(version.definition().stepNames());
        if (!unknown.isEmpty()) {
            throw SageMakerSimulatorException.validation("SelectiveExecutionConfig.SelectedSteps names steps "
                    + unknown + " that are not in the pipeline definition of " + pipeline.name());
        }
        List<String> gaps = version.definition().unselectedStepsBetween(selection.selectedSteps());
        if (!gaps.isEmpty()) {
            throw SageMakerSimulatorException.validation("SelectiveExecutionConfig.SelectedSteps must include every"
                    + " step on a path between two selected steps; missing " + gaps);
        }
        String sourceArn = selection.sourceExecutionArn();
        if (sourceArn == null || sourceArn.isEmpty()) {
            return;
        }
        Execution source = executionWithArn(sourceArn);
        if (source.pipeline() != pipeline) {
            throw SageMakerSimulatorException.validation("SelectiveExecutionConfig.SourcePipelineExecutionArn '"
                    + sourceArn + "' is an execution of another pipeline, not of " + pipeline.name());
        }
        if (source.status() != PipelineExecutionStatus.Succeeded && source.status() != PipelineExecutionStatus.Failed) {
            throw SageMakerSimulatorException.validation("SelectiveExecutionConfig.SourcePipelineExecutionArn '"
                    + sourceArn + "' is " + source.status() + "; a reference execution must be Succeeded or Failed");
        }
    }

    /** The typed value of every declared parameter: the request's value where given, else the default. */
    private static Map<String, JsonNode> parameterValues(PipelineDefinition definition, List<NameValue> requested) {
        Map<String, String> given = new LinkedHashMap<>();
        requested.forEach(p -> given.put(p.name(), p.value()));
        List<String> undeclared = new ArrayList<>(given.keySet());
        definition.parameters().forEach(p -> undeclared.remove(p.name()));
        if (!undeclared.isEmpty()) {
            throw SageMakerSimulatorException.validation(
                    "Pipeline parameters " + undeclared + " are not declared in the pipeline definition");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (PipelineDefinition.Parameter parameter : definition.parameters()) {
            String text = given.get(parameter.name());
            if (text != null) {
                try {
                    values.put(parameter.name(), PipelineDefinition.typed(parameter.name(), parameter.type(), text));
                } catch (IllegalArgumentException e) {
                    throw SageMakerSimulatorException.validation(e.getMessage());
                }
            } else if (parameter.defaultValue() != null) {
                values.put(parameter.name(), parameter.defaultValue());
            } else {
                throw SageMakerSimulatorException.validation("Pipeline parameter '" + parameter.name()
                        + "' has no default value and was not given");
            }
        }
        return values;
    }

    ObjectNode sendPipelineExecutionStepFailure(ObjectNode json) {
        PipelineRequests.SendStepFailure request = PipelineRequests.sendStepFailure(json);
        return answerCallback(request.callbackToken(),
                CallbackAnswer.failure(request.failureReason(), request.clientRequestToken()));
    }

    ObjectNode sendPipelineExecutionStepSuccess(ObjectNode json) {
        PipelineRequests.SendStepSuccess request = PipelineRequests.sendStepSuccess(json);
        return answerCallback(request.callbackToken(),
                CallbackAnswer.success(request.outputParameters(), request.clientRequestToken()));
    }

    private ObjectNode answerCallback(String token, CallbackAnswer answer) {
        List<Delivery> deliveries;
        String executionArn;
        synchronized (lock) {
            StepRun run = stepWithToken(token);
            executionArn = run.execution().arn();
            deliveries = messages.messages(run.execution().answer(run, answer, clock.instant(), stepStarts),
                    StepStatus.Executing);
            log.info("{} for token {} of {}", answer.operation(), token, executionArn);
        }
        messages.send(deliveries);
        return PipelineResponses.executionArn(executionArn);
    }

    /**
     * Asks an execution to stop: waiting callback steps get a second message with {@code "status": "Stopping"}
     * (see {@link Execution#requestStop}).
     */
    ObjectNode stopPipelineExecution(ObjectNode json) {
        PipelineRequests.StopPipelineExecution request = PipelineRequests.stopPipelineExecution(json);
        List<Delivery> deliveries;
        synchronized (lock) {
            Execution execution = executionWithArn(request.executionArn());
            deliveries = messages.messages(execution.requestStop(clock.instant()), StepStatus.Stopping);
        }
        messages.send(deliveries);
        return PipelineResponses.executionArn(request.executionArn());
    }

    // ---- The controls tests use ---------------------------------------------------------------------------------

    /**
     * Makes a waiting callback step finish without an answer to its token (someone answered it elsewhere, or a
     * timeout ended it): {@code Succeeded} lets the execution go on, {@code Failed} fails it. Its token then goes
     * stale: answers to it are conflicts.
     */
    void finishCallbackStep(String token, String finalStatus) {
        if (!finalStatus.equals("Succeeded") && !finalStatus.equals("Failed")) {
            throw new IllegalArgumentException("A step finishes Succeeded or Failed, not " + finalStatus);
        }
        List<Delivery> deliveries;
        synchronized (lock) {
            StepRun run = stepWithToken(token);
            List<StepRun> started = run.execution().finishWithoutAnswer(run, StepStatus.valueOf(finalStatus),
                    clock.instant(), stepStarts);
            deliveries = messages.messages(started, StepStatus.Executing);
        }
        messages.send(deliveries);
    }

    /** The token of a callback step of an execution, or null when that step has not started. */
    String callbackToken(String executionArn, String stepName) {
        synchronized (lock) {
            StepRun run = executionWithArn(executionArn).step(stepName);
            return run == null ? null : run.callbackToken();
        }
    }

    // ---- Describe / List --------------------------------------------------------------------------------------

    ObjectNode describePipelineExecution(ObjectNode json) {
        String arn = PipelineRequests.describePipelineExecution(json);
        synchronized (lock) {
            return responses.executionDescription(executionWithArn(arn));
        }
    }

    ObjectNode listPipelineExecutionSteps(ObjectNode json) {
        PipelineRequests.ListSteps request = PipelineRequests.listPipelineExecutionSteps(json);
        synchronized (lock) {
            List<StepRun> runs = new ArrayList<>(executionWithArn(request.executionArn()).steps());
            // Most recently started first unless asked otherwise, as the service does.
            Comparator<StepRun> byStart = Comparator.comparingLong(StepRun::sequence);
            runs.sort("Ascending".equals(request.sortOrder()) ? byStart : byStart.reversed());
            List<JsonNode> items = new ArrayList<>();
            runs.forEach(run -> items.add(responses.step(run)));
            return ListPage.of("ListPipelineExecutionSteps", "PipelineExecutionSteps", items, request.page());
        }
    }

    ObjectNode listPipelines(ObjectNode json) {
        PipelineRequests.ListPipelines request = PipelineRequests.listPipelines(json);
        synchronized (lock) {
            List<Pipeline> matching = new ArrayList<>();
            for (Pipeline pipeline : pipelines.values()) {
                if ((request.namePrefix() == null || pipeline.name().startsWith(request.namePrefix()))
                        && within(pipeline.creationTime(), request.createdAfter(), request.createdBefore())) {
                    matching.add(pipeline);
                }
            }
            // Registration order stands in for creation time: several pipelines may share one instant.
            if ("Name".equals(request.sortBy())) {
                matching.sort(Comparator.comparing(Pipeline::name));
            }
            if (!"Ascending".equals(request.sortOrder())) {
                Collections.reverse(matching);
            }
            List<JsonNode> items = new ArrayList<>();
            matching.forEach(pipeline -> items.add(responses.pipelineSummary(pipeline)));
            return ListPage.of("ListPipelines", "PipelineSummaries", items, request.page());
        }
    }

    ObjectNode describePipeline(ObjectNode json) {
        PipelineRequests.DescribePipeline request = PipelineRequests.describePipeline(json);
        synchronized (lock) {
            Pipeline pipeline = pipelineNamed(request.pipelineName());
            return responses.pipelineDescription(pipeline, pipeline.version(request.pipelineVersionId()));
        }
    }

    ObjectNode listPipelineExecutions(ObjectNode json) {
        PipelineRequests.ListExecutions request = PipelineRequests.listPipelineExecutions(json);
        synchronized (lock) {
            Pipeline pipeline = pipelineNamed(request.pipelineName());
            List<Execution> matching = new ArrayList<>();
            for (Execution execution : executions.values()) {
                if (execution.pipeline() == pipeline
                        && within(execution.creationTime(), request.createdAfter(), request.createdBefore())) {
                    matching.add(execution);
                }
            }
            if ("PipelineExecutionArn".equals(request.sortBy())) {
                matching.sort(Comparator.comparing(Execution::arn));
            }
            if (!"Ascending".equals(request.sortOrder())) {
                Collections.reverse(matching);
            }
            List<JsonNode> items = new ArrayList<>();
            matching.forEach(execution -> items.add(PipelineResponses.executionSummary(execution)));
            return ListPage.of("ListPipelineExecutions", "PipelineExecutionSummaries", items, request.page());
        }
    }

    ObjectNode listPipelineParametersForExecution(ObjectNode json) {
        PipelineRequests.ListParameters request = PipelineRequests.listPipelineParametersForExecution(json);
        synchronized (lock) {
            List<JsonNode> items = new ArrayList<>();
            executionWithArn(request.executionArn()).parameterValues()
                    .forEach((name, value) -> items.add(PipelineResponses.parameter(name, value)));
            return ListPage.of("ListPipelineParametersForExecution", "PipelineParameters", items, request.page());
        }
    }

    // ---- Look-ups and identifiers (called with the lock held) --------------------------------------------------

    /** Strictly after {@code after} and strictly before {@code before}, each bound only when given. */
    private static boolean within(Instant time, Instant after, Instant before) {
        return (after == null || time.isAfter(after)) && (before == null || time.isBefore(before));
    }

    private Pipeline pipelineNamed(String nameOrArn) {
        int marker = nameOrArn.indexOf(":pipeline/");
        boolean fromArn = nameOrArn.startsWith("arn:") && marker >= 0;
        String name = fromArn ? nameOrArn.substring(marker + ":pipeline/".length()) : nameOrArn;
        for (Pipeline pipeline : pipelines.values()) {
            // ARNs carry the name in lower case, so a name taken from an ARN matches regardless of case.
            if (pipeline.name().equals(name) || pipeline.arn().equals(nameOrArn)
                    || (fromArn && pipeline.name().equalsIgnoreCase(name))) {
                return pipeline;
            }
        }
        throw SageMakerSimulatorException.notFound("Pipeline '" + nameOrArn + "' does not exist.");
    }

    private Execution executionWithArn(String arn) {
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw SageMakerSimulatorException.notFound("Pipeline execution '" + arn + "' does not exist.");
        }
        return execution;
    }

    private StepRun stepWithToken(String token) {
        StepRun run = stepsByCallbackToken.get(token);
        if (run == null) {
            throw SageMakerSimulatorException.notFound("Callback token '" + token + "' does not exist");
        }
        return run;
    }

    private String pipelineArn(String name) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":pipeline/" + name.toLowerCase(Locale.ROOT);
    }

    private String executionArn(String pipelineName) {
        String arn;
        do {
            arn = pipelineArn(pipelineName) + "/execution/" + randomText(LOWER_ALPHANUMERIC, 12);
        } while (executions.containsKey(arn));
        return arn;
    }

    private String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** Start order and tokens, unique across every execution. */
    private final class StepStarts implements Execution.StepStarts {
        @Override
        public long nextSequence() {
            return ++stepSequence;
        }

        @Override
        public String issueCallbackToken(StepRun run) {
            String token;
            do {
                token = randomText(ALPHANUMERIC, 10);
            } while (stepsByCallbackToken.containsKey(token));
            stepsByCallbackToken.put(token, run);
            return token;
        }
    }
}
