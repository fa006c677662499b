package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SageMaker Pipelines operations the simulator answers, over its in-memory state: registered pipelines, their
 * executions and the steps those executions have started. Requests come in and answers go out as JSON in the service
 * model's shapes; refusals are {@link SageMakerSimulatorException}s.
 *
 * <p>All state is guarded by one lock. Callback messages are sent to SQS after the lock is released (so a slow queue
 * never blocks other requests) but before the operation answers, so a client that got its answer finds the message
 * on the queue.
 */
final class PipelineOperations {
    private static final Logger log = LoggerFactory.getLogger(PipelineOperations.class);

    // Patterns and limits from the service model (sagemaker 2017-07-24).
    private static final String PIPELINE_NAME_OR_ARN =
            "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:([0-9]{12}|aws):pipeline/.*)?([a-zA-Z0-9](-*[a-zA-Z0-9]){0,255})";
    private static final String PIPELINE_NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}";
    private static final String EXECUTION_NAME = "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,81}";
    private static final String EXECUTION_ARN =
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline\\/.*\\/execution\\/.*";
    private static final String PARAMETER_NAME = "[A-Za-z0-9\\-_]*";
    private static final String CALLBACK_TOKEN = "[a-zA-Z0-9]+";
    private static final List<String> SORT_ORDERS = List.of("Ascending", "Descending");
    /** The page size when a request names no MaxResults. */
    static final int DEFAULT_MAX_RESULTS = 10;
    /** The Studio user every sandbox execution is started by. */
    static final String SANDBOX_USER = "sandbox-user";

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final String region;
    private final String accountId;
    private final SqsClient sqs;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private final Object lock = new Object();
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, Execution> executionsByClientRequestToken = new HashMap<>();
    private final Map<String, StepRun> stepsByCallbackToken = new HashMap<>();
    private long stepSequence;

    PipelineOperations(String region, String accountId, SqsClient sqs, ObjectMapper mapper, Clock clock) {
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.mapper = mapper;
        this.clock = clock;
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
        if (name == null || !name.matches(PIPELINE_NAME)) {
            throw new IllegalArgumentException("Pipeline name '" + name + "' does not match " + PIPELINE_NAME);
        }
        PipelineDefinition definition = PipelineDefinition.parse(definitionJson, mapper);
        synchronized (lock) {
            if (pipelines.containsKey(name)) {
                throw new IllegalStateException("Pipeline '" + name + "' is already registered");
            }
            Pipeline pipeline = new Pipeline(name, pipelineArn(name), definitionJson, definition,
                    description, clock.instant());
            pipelines.put(name, pipeline);
            return pipeline.arn;
        }
    }

    // ---- StartPipelineExecution -------------------------------------------------------------------------------

    ObjectNode startPipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String pipelineName = fields.string("PipelineName", true, 1, 2048, PIPELINE_NAME_OR_ARN);
        String displayName = fields.string("PipelineExecutionDisplayName", false, 1, 82, EXECUTION_NAME);
        String description = fields.string("PipelineExecutionDescription", false, 0, 3072, null);
        List<NameValue> parameters = fields.nameValues("PipelineParameters", 200, 256, PARAMETER_NAME, 1024);
        String clientRequestToken = fields.string("ClientRequestToken", true, 32, 128, null);
        fields.throwIfInvalid();

        List<CallbackDelivery> deliveries = new ArrayList<>();
        String executionArn;
        synchronized (lock) {
            Pipeline pipeline = pipelineNamed(pipelineName);
            Execution earlier = executionsByClientRequestToken.get(clientRequestToken);
            if (earlier != null) {
                if (earlier.pipeline == pipeline && earlier.requestedParameters.equals(parameters)
                        && Objects.equals(earlier.requestedDisplayName, displayName)) {
                    return arnAnswer(earlier.arn);
                }
                throw SageMakerSimulatorException.conflict("ClientRequestToken '" + clientRequestToken
                        + "' was already used to start " + earlier.arn + " with different parameters");
            }
            Map<String, JsonNode> values = parameterValues(pipeline.definition, parameters);
            Instant now = clock.instant();
            Execution execution = new Execution(pipeline, executionArn(pipeline.name), now,
                    displayName == null ? "execution-" + now.toEpochMilli() : displayName, displayName,
                    description, parameters, values);
            executions.put(execution.arn, execution);
            executionsByClientRequestToken.put(clientRequestToken, execution);
            pipeline.lastRunTime = now;
            advance(execution, deliveries);
            executionArn = execution.arn;
            log.info("Started {} of pipeline {}", execution.arn, pipeline.name);
        }
        deliver(deliveries);
        return arnAnswer(executionArn);
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

    // ---- Running an execution ---------------------------------------------------------------------------------

    /**
     * Starts every step whose dependencies have succeeded, in definition order, until nothing more can start:
     * ordinary steps succeed at once, callback steps wait with a fresh token (their message is queued in
     * {@code deliveries}), a {@code Fail} step fails the execution. Called with the lock held.
     */
    private void advance(Execution execution, List<CallbackDelivery> deliveries) {
        boolean started = true;
        while (started && execution.status.equals("Executing")) {
            started = false;
            for (PipelineDefinition.Step step : execution.pipeline.definition.steps()) {
                if (execution.steps.containsKey(step.name()) || !execution.dependenciesSucceeded(step)) {
                    continue;
                }
                Instant now = clock.instant();
                StepRun run = new StepRun(execution, step, ++stepSequence, now);
                execution.steps.put(step.name(), run);
                started = true;
                if (step.isCallback()) {
                    run.callbackToken = newCallbackToken();
                    stepsByCallbackToken.put(run.callbackToken, run);
                    deliveries.add(new CallbackDelivery(run, callbackMessage(run, "Executing")));
                } else if (PipelineDefinition.FAIL.equals(step.type())) {
                    String message = step.arguments().path("ErrorMessage").asText("Fail step reached");
                    run.finish("Failed", message, now);
                    failExecution(execution, step.name(), message, now);
                    break;
                } else {
                    run.finish("Succeeded", null, now);
                }
            }
        }
        if (execution.status.equals("Executing")
                && execution.steps.size() == execution.pipeline.definition.steps().size()
                && execution.steps.values().stream().allMatch(s -> s.status.equals("Succeeded"))) {
            execution.status = "Succeeded";
            execution.lastModifiedTime = clock.instant();
            log.info("Execution {} succeeded", execution.arn);
        }
    }

    /**
     * Fails the execution because one step failed; callback steps still waiting are stopped (their tokens then
     * answer with a conflict), as nothing would ever resume them.
     */
    private void failExecution(Execution execution, String stepName, String reason, Instant now) {
        execution.status = "Failed";
        execution.failureReason = "Step failure: Step '" + stepName + "' failed"
                + (reason == null || reason.isEmpty() ? "." : ": " + reason);
        execution.lastModifiedTime = now;
        for (StepRun other : execution.steps.values()) {
            if (other.status.equals("Executing")) {
                other.finish("Stopped", null, now);
            }
        }
        log.info("Execution {} failed: {}", execution.arn, execution.failureReason);
    }

    /** The SQS message body of a callback step, in the shape SageMaker sends: status Executing or Stopping. */
    private String callbackMessage(StepRun run, String status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("token", run.callbackToken);
        body.put("pipelineExecutionArn", run.execution.arn);
        body.set("arguments", resolve(run.step.arguments(), run.execution));
        body.put("status", status);
        try {
            return mapper.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a callback message", e);
        }
    }

    /** Replaces {@code {"Get": "Parameters.X"}} (and {@code Execution.*}) references with their values. */
    private JsonNode resolve(JsonNode node, Execution execution) {
        if (node.isObject()) {
            if (node.size() == 1 && node.has("Get") && node.get("Get").isTextual()) {
                String reference = node.get("Get").textValue();
                if (reference.startsWith("Parameters.")) {
                    JsonNode value = execution.parameterValues.get(reference.substring("Parameters.".length()));
                    if (value != null) {
                        return value;
                    }
                } else if (reference.equals("Execution.PipelineExecutionArn")) {
                    return TextNode.valueOf(execution.arn);
                } else if (reference.equals("Execution.PipelineExecutionId")) {
                    return TextNode.valueOf(execution.arn.substring(execution.arn.lastIndexOf('/') + 1));
                }
                return node;
            }
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue(), execution)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(resolve(item, execution)));
            return copy;
        }
        return node;
    }

    /**
     * Sends the queued callback messages. A message that cannot be sent fails its step and execution, so the
     * failure is visible through the API rather than leaving a step waiting for a message nobody will get.
     */
    private void deliver(List<CallbackDelivery> deliveries) {
        for (CallbackDelivery delivery : deliveries) {
            StepRun run = delivery.step;
            String queueUrl = run.step.sqsQueueUrl();
            try {
                String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(delivery.body)).messageId();
                synchronized (lock) {
                    run.sqsMessageId = messageId;
                }
                log.debug("Sent callback token {} of {} to {}", run.callbackToken, run.execution.arn, queueUrl);
            } catch (SdkException e) {
                log.warn("Cannot send callback message of step {} to {}: {}", run.step.name(), queueUrl,
                        e.getMessage());
                synchronized (lock) {
                    if (run.status.equals("Executing")) {
                        Instant now = clock.instant();
                        String reason = "Failed to send the callback message to " + queueUrl + ": " + e.getMessage();
                        run.finish("Failed", reason, now);
                        failExecution(run.execution, run.step.name(), reason, now);
                    }
                }
            }
        }
    }

    // ---- SendPipelineExecutionStepFailure / Success -----------------------------------------------------------

    ObjectNode sendPipelineExecutionStepFailure(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String token = fields.string("CallbackToken", true, 10, 10, CALLBACK_TOKEN);
        String reason = fields.string("FailureReason", false, 0, 256, null);
        String clientRequestToken = fields.string("ClientRequestToken", false, 32, 128, null);
        fields.throwIfInvalid();
        Answer answer = new Answer("SendPipelineExecutionStepFailure", clientRequestToken,
                reason == null ? null : TextNode.valueOf(reason));
        return answerCallback(token, answer, (run, now) -> {
            run.finish("Failed", reason, now);
            failExecution(run.execution, run.step.name(), reason, now);
        });
    }

    ObjectNode sendPipelineExecutionStepSuccess(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String token = fields.string("CallbackToken", true, 10, 10, CALLBACK_TOKEN);
        List<NameValue> outputs = fields.nameValues("OutputParameters", 50, 256, null, 1024);
        String clientRequestToken = fields.string("ClientRequestToken", false, 32, 128, null);
        fields.throwIfInvalid();
        ArrayNode outputParameters = JsonNodeFactory.instance.arrayNode();
        outputs.forEach(o -> outputParameters.addObject().put("Name", o.name()).put("Value", o.value()));
        Answer answer = new Answer("SendPipelineExecutionStepSuccess", clientRequestToken, outputParameters);
        return answerCallback(token, answer, (run, now) -> {
            run.outputParameters = outputParameters;
            run.finish("Succeeded", null, now);
        });
    }

    private ObjectNode answerCallback(String token, Answer answer, StepDecision decision) {
        List<CallbackDelivery> deliveries = new ArrayList<>();
        String executionArn;
        synchronized (lock) {
            StepRun run = stepsByCallbackToken.get(token);
            if (run == null) {
                throw SageMakerSimulatorException.notFound("Callback token '" + token + "' does not exist");
            }
            executionArn = run.execution.arn;
            if (run.answer != null) {
                if (answer.clientRequestToken() != null
                        && answer.clientRequestToken().equals(run.answer.clientRequestToken())) {
                    if (answer.equals(run.answer)) {
                        return arnAnswer(executionArn); // a retry of the same request: same answer, no change
                    }
                    throw SageMakerSimulatorException.conflict("ClientRequestToken '" + answer.clientRequestToken()
                            + "' was already used for callback token '" + token + "' with different parameters");
                }
                throw SageMakerSimulatorException.conflict("The callback token '" + token
                        + "' has already been used: step '" + run.step.name() + "' is " + run.status);
            }
            if (!run.status.equals("Executing") && !run.status.equals("Stopping")) {
                throw SageMakerSimulatorException.conflict("The callback token '" + token + "' can no longer be used: "
                        + "step '" + run.step.name() + "' is " + run.status + " and its execution is "
                        + run.execution.status);
            }
            run.answer = answer;
            Instant now = clock.instant();
            if (run.status.equals("Stopping")) {
                // Any answer to a stopping step lets the stop go through, as the service does.
                run.finish("Stopped", null, now);
                settleStop(run.execution, now);
            } else {
                decision.apply(run, now);
                run.execution.lastModifiedTime = now;
                advance(run.execution, deliveries);
            }
            log.info("{} for token {} of {}", answer.operation(), token, executionArn);
        }
        deliver(deliveries);
        return arnAnswer(executionArn);
    }

    // ---- StopPipelineExecution and the controls tests use ------------------------------------------------------

    /**
     * Asks an execution to stop. Waiting callback steps become {@code Stopping} and get a second message with
     * {@code "status": "Stopping"}; the execution stays {@code Stopping} until each of them is answered. Stopping a
     * stopping or stopped execution again is accepted and changes nothing.
     */
    ObjectNode stopPipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = fields.string("PipelineExecutionArn", true, 0, 2048, EXECUTION_ARN);
        fields.string("ClientRequestToken", true, 32, 128, null);
        fields.throwIfInvalid();
        List<CallbackDelivery> deliveries = new ArrayList<>();
        synchronized (lock) {
            Execution execution = executionWithArn(arn);
            switch (execution.status) {
                case "Stopping", "Stopped" -> {
                    return arnAnswer(execution.arn);
                }
                case "Executing" -> { }
                default -> throw SageMakerSimulatorException.validation("Pipeline execution '" + arn + "' is "
                        + execution.status + " and can no longer be stopped.");
            }
            Instant now = clock.instant();
            execution.status = "Stopping";
            execution.lastModifiedTime = now;
            for (StepRun run : execution.steps.values()) {
                if (run.status.equals("Executing") && run.step.isCallback()) {
                    run.status = "Stopping";
                    deliveries.add(new CallbackDelivery(run, callbackMessage(run, "Stopping")));
                } else if (run.status.equals("Executing")) {
                    run.finish("Stopped", null, now);
                }
            }
            settleStop(execution, now);
            log.info("Stop requested for {} ({} callback step(s) must answer)", arn, deliveries.size());
        }
        deliver(deliveries);
        return arnAnswer(arn);
    }

    /** A stopping execution is Stopped once none of its steps is still Stopping. Called with the lock held. */
    private static void settleStop(Execution execution, Instant now) {
        if (execution.status.equals("Stopping")
                && execution.steps.values().stream().noneMatch(s -> s.status.equals("Stopping"))) {
            execution.status = "Stopped";
            execution.lastModifiedTime = now;
            log.info("Execution {} stopped", execution.arn);
        }
    }

    /**
     * Makes a waiting callback step finish without an answer to its token (someone answered it elsewhere, or a
     * timeout ended it): {@code Succeeded} lets the execution go on, {@code Failed} fails it. Its token then goes
     * stale: answers to it are conflicts.
     */
    void finishCallbackStep(String token, String finalStatus) {
        if (!finalStatus.equals("Succeeded") && !finalStatus.equals("Failed")) {
            throw new IllegalArgumentException("A step finishes Succeeded or Failed, not " + finalStatus);
        }
        List<CallbackDelivery> deliveries = new ArrayList<>();
        synchronized (lock) {
            StepRun run = stepsByCallbackToken.get(token);
            if (run == null) {
                throw SageMakerSimulatorException.notFound("Callback token '" + token + "' does not exist");
            }
            if (!run.status.equals("Executing")) {
                throw new IllegalStateException("Step '" + run.step.name() + "' of token " + token + " is "
                        + run.status + ", not Executing");
            }
            Instant now = clock.instant();
            run.execution.lastModifiedTime = now;
            if (finalStatus.equals("Succeeded")) {
                run.finish("Succeeded", null, now);
                advance(run.execution, deliveries);
            } else {
                run.finish("Failed", "Finished outside the console", now);
                failExecution(run.execution, run.step.name(), "Finished outside the console", now);
            }
        }
        deliver(deliveries);
    }

    /** The token of a callback step of an execution, or null when that step has not started. */
    String callbackToken(String executionArn, String stepName) {
        synchronized (lock) {
            StepRun run = executionWithArn(executionArn).steps.get(stepName);
            return run == null ? null : run.callbackToken;
        }
    }

    // ---- Describe / List --------------------------------------------------------------------------------------

    ObjectNode describePipelineExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = fields.string("PipelineExecutionArn", true, 0, 2048, EXECUTION_ARN);
        fields.throwIfInvalid();
        synchronized (lock) {
            Execution execution = executionWithArn(arn);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("PipelineArn", execution.pipeline.arn);
            out.put("PipelineExecutionArn", execution.arn);
            out.put("PipelineExecutionDisplayName", execution.displayName);
            out.put("PipelineExecutionStatus", execution.status);
            if (execution.description != null) {
                out.put("PipelineExecutionDescription", execution.description);
            }
            if (execution.failureReason != null) {
                out.put("FailureReason", execution.failureReason);
            }
            out.set("CreationTime", timestamp(execution.creationTime));
            out.set("LastModifiedTime", timestamp(execution.lastModifiedTime));
            out.putObject("CreatedBy").put("UserProfileName", SANDBOX_USER).put("DomainId", "d-sandbox")
                    .put("UserProfileArn", "arn:aws:sagemaker:" + region + ":" + accountId
                            + ":user-profile/d-sandbox/" + SANDBOX_USER);
            return out;
        }
    }

    ObjectNode listPipelineExecutionSteps(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = fields.string("PipelineExecutionArn", true, 0, 2048, EXECUTION_ARN);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        String nextToken = fields.string("NextToken", false, 0, 8192, null);
        fields.throwIfInvalid();
        synchronized (lock) {
            Execution execution = executionWithArn(arn);
            List<StepRun> runs = new ArrayList<>(execution.steps.values());
            // Most recently started first unless asked otherwise, as the service does.
            Comparator<StepRun> byStart = Comparator.comparingLong(r -> r.sequence);
            runs.sort("Ascending".equals(sortOrder) ? byStart : byStart.reversed());
            List<JsonNode> items = new ArrayList<>();
            runs.forEach(run -> items.add(stepJson(run)));
            return page("ListPipelineExecutionSteps", "PipelineExecutionSteps", items, maxResults, nextToken);
        }
    }

    private ObjectNode stepJson(StepRun run) {
        ObjectNode step = JsonNodeFactory.instance.objectNode();
        step.put("StepName", run.step.name());
        step.set("StartTime", timestamp(run.startTime));
        if (run.endTime != null) {
            step.set("EndTime", timestamp(run.endTime));
        }
        step.put("StepStatus", run.status);
        if (run.failureReason != null) {
            step.put("FailureReason", run.failureReason);
        }
        step.put("AttemptCount", 1);
        ObjectNode metadata = step.putObject("Metadata");
        if (run.step.isCallback()) {
            ObjectNode callback = metadata.putObject("Callback");
            callback.put("CallbackToken", run.callbackToken);
            callback.put("SqsQueueUrl", run.step.sqsQueueUrl());
            if (run.sqsMessageId != null) {
                // Not in the service model's CallbackStepMetadata; clients that follow the model ignore it.
                callback.put("SqsMessageId", run.sqsMessageId);
            }
            if (run.outputParameters != null) {
                callback.set("OutputParameters", run.outputParameters);
            }
        } else if (run.step.type().equals("Processing") || run.step.type().equals("Training")) {
            String kind = run.step.type().equals("Processing") ? "processing-job" : "training-job";
            metadata.putObject(run.step.type() + "Job").put("Arn", "arn:aws:sagemaker:" + region + ":" + accountId
                    + ":" + kind + "/" + jobName(run));
        }
        return step;
    }

    /** A job name like the service gives a step's job: {@code pipelines-<execution id>-<step name>}. */
    private static String jobName(StepRun run) {
        String executionId = run.execution.arn.substring(run.execution.arn.lastIndexOf('/') + 1);
        String step = run.step.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String name = ("pipelines-" + executionId + "-" + step).replaceAll("-+$", "");
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    ObjectNode listPipelines(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String prefix = fields.string("PipelineNamePrefix", false, 1, 256, PIPELINE_NAME);
        Instant createdAfter = fields.timestamp("CreatedAfter");
        Instant createdBefore = fields.timestamp("CreatedBefore");
        String sortBy = fields.oneOf("SortBy", List.of("Name", "CreationTime"));
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = fields.string("NextToken", false, 0, 8192, null);
        fields.throwIfInvalid();
        synchronized (lock) {
            List<Pipeline> matching = new ArrayList<>();
            for (Pipeline pipeline : pipelines.values()) {
                if ((prefix == null || pipeline.name.startsWith(prefix))
                        && (createdAfter == null || pipeline.creationTime.isAfter(createdAfter))
                        && (createdBefore == null || pipeline.creationTime.isBefore(createdBefore))) {
                    matching.add(pipeline);
                }
            }
            // Registration order stands in for creation time: several pipelines may share one instant.
            if ("Name".equals(sortBy)) {
                matching.sort(Comparator.comparing(p -> p.name));
            }
            if (!"Ascending".equals(sortOrder)) {
                Collections.reverse(matching);
            }
            List<JsonNode> items = new ArrayList<>();
            for (Pipeline pipeline : matching) {
                ObjectNode summary = JsonNodeFactory.instance.objectNode();
                summary.put("PipelineArn", pipeline.arn);
                summary.put("PipelineName", pipeline.name);
                summary.put("PipelineDisplayName", pipeline.name);
                if (pipeline.description != null) {
                    summary.put("PipelineDescription", pipeline.description);
                }
                summary.put("RoleArn", roleArn());
                summary.set("CreationTime", timestamp(pipeline.creationTime));
                summary.set("LastModifiedTime", timestamp(pipeline.creationTime));
                if (pipeline.lastRunTime != null) {
                    summary.set("LastExecutionTime", timestamp(pipeline.lastRunTime));
                }
                items.add(summary);
            }
            return page("ListPipelines", "PipelineSummaries", items, maxResults, nextToken);
        }
    }

    ObjectNode describePipeline(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = fields.string("PipelineName", true, 1, 2048, PIPELINE_NAME_OR_ARN);
        fields.throwIfInvalid();
        synchronized (lock) {
            Pipeline pipeline = pipelineNamed(name);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("PipelineArn", pipeline.arn);
            out.put("PipelineName", pipeline.name);
            out.put("PipelineDisplayName", pipeline.name);
            out.put("PipelineDefinition", pipeline.definitionJson);
            if (pipeline.description != null) {
                out.put("PipelineDescription", pipeline.description);
            }
            out.put("RoleArn", roleArn());
            out.put("PipelineStatus", "Active");
            out.set("CreationTime", timestamp(pipeline.creationTime));
            out.set("LastModifiedTime", timestamp(pipeline.creationTime));
            if (pipeline.lastRunTime != null) {
                out.set("LastRunTime", timestamp(pipeline.lastRunTime));
            }
            return out;
        }
    }

    ObjectNode listPipelineExecutions(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String name = fields.string("PipelineName", true, 1, 2048, PIPELINE_NAME_OR_ARN);
        Instant createdAfter = fields.timestamp("CreatedAfter");
        Instant createdBefore = fields.timestamp("CreatedBefore");
        String sortBy = fields.oneOf("SortBy", List.of("CreationTime", "PipelineExecutionArn"));
        String sortOrder = fields.oneOf("SortOrder", SORT_ORDERS);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = fields.string("NextToken", false, 0, 8192, null);
        fields.throwIfInvalid();
        synchronized (lock) {
            Pipeline pipeline = pipelineNamed(name);
            List<Execution> matching = new ArrayList<>();
            for (Execution execution : executions.values()) {
                if (execution.pipeline == pipeline
                        && (createdAfter == null || execution.creationTime.isAfter(createdAfter))
                        && (createdBefore == null || execution.creationTime.isBefore(createdBefore))) {
                    matching.add(execution);
                }
            }
            if ("PipelineExecutionArn".equals(sortBy)) {
                matching.sort(Comparator.comparing(e -> e.arn));
            }
            if (!"Ascending".equals(sortOrder)) {
                Collections.reverse(matching);
            }
            List<JsonNode> items = new ArrayList<>();
            for (Execution execution : matching) {
                ObjectNode summary = JsonNodeFactory.instance.objectNode();
                summary.put("PipelineExecutionArn", execution.arn);
                summary.set("StartTime", timestamp(execution.creationTime));
                summary.put("PipelineExecutionStatus", execution.status);
                if (execution.description != null) {
                    summary.put("PipelineExecutionDescription", execution.description);
                }
                summary.put("PipelineExecutionDisplayName", execution.displayName);
                if (execution.failureReason != null) {
                    summary.put("PipelineExecutionFailureReason", execution.failureReason);
                }
                items.add(summary);
            }
            return page("ListPipelineExecutions", "PipelineExecutionSummaries", items, maxResults, nextToken);
        }
    }

    ObjectNode listPipelineParametersForExecution(ObjectNode request) {
        RequestFields fields = new RequestFields(request);
        String arn = fields.string("PipelineExecutionArn", true, 0, 2048, EXECUTION_ARN);
        Integer maxResults = fields.integer("MaxResults", 1, 100);
        String nextToken = fields.string("NextToken", false, 0, 8192, null);
        fields.throwIfInvalid();
        synchronized (lock) {
            Execution execution = executionWithArn(arn);
            List<JsonNode> items = new ArrayList<>();
            execution.parameterValues.forEach((name, value) ->
                    items.add(JsonNodeFactory.instance.objectNode().put("Name", name).put("Value", value.asText())));
            return page("ListPipelineParametersForExecution", "PipelineParameters", items, maxResults, nextToken);
        }
    }

    // ---- Shared pieces ----------------------------------------------------------------------------------------

    /**
     * One page of a list answer. The NextToken is opaque to clients; it carries the operation (so a token from
     * another list is refused) and the offset of the next item.
     */
    private static ObjectNode page(String operation, String listMember, List<JsonNode> items, Integer maxResults,
                                   String nextToken) {
        int offset = nextToken == null || nextToken.isEmpty() ? 0 : offsetOf(operation, nextToken);
        int size = maxResults == null ? DEFAULT_MAX_RESULTS : maxResults;
        int end = Math.min(items.size(), offset + size);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray(listMember);
        for (int i = Math.min(offset, items.size()); i < end; i++) {
            list.add(items.get(i));
        }
        if (end < items.size()) {
            out.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((operation + ":" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int offsetOf(String operation, String nextToken) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (decoded.startsWith(operation + ":")) {
                int offset = Integer.parseInt(decoded.substring(operation.length() + 1));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below; NumberFormatException is an IllegalArgumentException
        }
        throw SageMakerSimulatorException.validation("Invalid pagination token: '" + nextToken + "'");
    }

    private Pipeline pipelineNamed(String nameOrArn) {
        int marker = nameOrArn.indexOf(":pipeline/");
        boolean fromArn = nameOrArn.startsWith("arn:") && marker >= 0;
        String name = fromArn ? nameOrArn.substring(marker + ":pipeline/".length()) : nameOrArn;
        for (Pipeline pipeline : pipelines.values()) {
            // ARNs carry the name in lower case, so a name taken from an ARN matches regardless of case.
            if (pipeline.name.equals(name) || pipeline.arn.equals(nameOrArn)
                    || (fromArn && pipeline.name.equalsIgnoreCase(name))) {
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

    private String newCallbackToken() {
        String token;
        do {
            token = randomText(ALPHANUMERIC, 10);
        } while (stepsByCallbackToken.containsKey(token));
        return token;
    }

    private String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private String roleArn() {
        return "arn:aws:iam::" + accountId + ":role/SandboxPipelineExecutionRole";
    }

    private static ObjectNode arnAnswer(String executionArn) {
        return JsonNodeFactory.instance.objectNode().put("PipelineExecutionArn", executionArn);
    }

    /** Epoch seconds with milliseconds, as the JSON protocol carries timestamps. */
    private static JsonNode timestamp(Instant instant) {
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /** Changes a step on an accepted callback answer. Called with the lock held. */
    private interface StepDecision {
        void apply(StepRun run, Instant now);
    }

    /** The request that answered a callback token; a retry must match it exactly to get the same answer. */
    private record Answer(String operation, String clientRequestToken, JsonNode content) {
    }

    private record CallbackDelivery(StepRun step, String body) {
    }

    private static final class Pipeline {
        final String name;
        final String arn;
        final String definitionJson;
        final PipelineDefinition definition;
        final String description;
        final Instant creationTime;
        Instant lastRunTime;

        Pipeline(String name, String arn, String definitionJson, PipelineDefinition definition, String description,
                 Instant creationTime) {
            this.name = name;
            this.arn = arn;
            this.definitionJson = definitionJson;
            this.definition = definition;
            this.description = description;
            this.creationTime = creationTime;
        }
    }

    private static final class Execution {
        final Pipeline pipeline;
        final String arn;
        final Instant creationTime;
        final String displayName;
        final String requestedDisplayName;
        final String description;
        final List<NameValue> requestedParameters;
        final Map<String, JsonNode> parameterValues;
        /** Started steps by name, in start order. */
        final Map<String, StepRun> steps = new LinkedHashMap<>();
        String status = "Executing";
        String failureReason;
        Instant lastModifiedTime;

        Execution(Pipeline pipeline, String arn, Instant creationTime, String displayName,
                  String requestedDisplayName, String description, List<NameValue> requestedParameters,
                  Map<String, JsonNode> parameterValues) {
            this.pipeline = pipeline;
            this.arn = arn;
            this.creationTime = creationTime;
            this.lastModifiedTime = creationTime;
            this.displayName = displayName;
            this.requestedDisplayName = requestedDisplayName;
            this.description = description;
            this.requestedParameters = List.copyOf(requestedParameters);
            this.parameterValues = parameterValues;
        }

        boolean dependenciesSucceeded(PipelineDefinition.Step step) {
            for (String dependency : step.dependsOn()) {
                StepRun run = steps.get(dependency);
                if (run == null || !run.status.equals("Succeeded")) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final class StepRun {
        final Execution execution;
        final PipelineDefinition.Step step;
        final long sequence;
        final Instant startTime;
        String status = "Executing";
        Instant endTime;
        String failureReason;
        String callbackToken;
        String sqsMessageId;
        ArrayNode outputParameters;
        Answer answer;

        StepRun(Execution execution, PipelineDefinition.Step step, long sequence, Instant startTime) {
            this.execution = execution;
            this.step = step;
            this.sequence = sequence;
            this.startTime = startTime;
        }

        void finish(String finalStatus, String reason, Instant now) {
            status = finalStatus;
            failureReason = reason;
            endTime = now;
        }
    }
}
