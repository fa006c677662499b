package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.sandbox.CallbackMessages.Delivery;
import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations on executions: start, stop, retry, the callback answers, and their describe and list operations.
 * Each reads its request ({@link PipelineRequests}), moves the state machine ({@link Execution}) under the state's
 * lock, writes the answer ({@link PipelineResponses}, {@link ListPage}) and sends the callback messages the change
 * produced ({@link CallbackMessages}) after releasing the lock. No-op steps that take time finish on a timer thread
 * of this class. Refusals are {@link SageMakerSimulatorException}s.
 */
final class ExecutionOperations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutionOperations.class);

    private final SimulatorState state;
    private final Clock clock;
    private final PipelineResponses responses;
    private final CallbackMessages messages;
    private final StepRehearsal rehearsal;
    private final ScheduledExecutorService timers;
    private final Map<String, Execution> executionsByClientRequestToken = new HashMap<>();
    private final Map<String, String> retriesByClientRequestToken = new HashMap<>();
    private final StepStarts stepStarts = new SimulatorStepStarts();

    ExecutionOperations(SimulatorState state, CallbackMessages messages, StepRehearsal rehearsal, Clock clock) {
        this.state = state;
        this.clock = clock;
        this.responses = new PipelineResponses(state.region(), state.accountId());
        this.messages = messages;
        this.rehearsal = rehearsal;
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sagemaker-simulator-steps");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Every operation by its name in {@code X-Amz-Target}. */
    Map<String, Function<ObjectNode, ObjectNode>> byOperationName() {
        Map<String, Function<ObjectNode, ObjectNode>> operations = new HashMap<>();
        operations.put("StartPipelineExecution", this::startPipelineExecution);
        operations.put("RetryPipelineExecution", this::retryPipelineExecution);
        operations.put("StopPipelineExecution", this::stopPipelineExecution);
        operations.put("DescribePipelineExecution", this::describePipelineExecution);
        operations.put("ListPipelineExecutionSteps", this::listPipelineExecutionSteps);
        operations.put("SendPipelineExecutionStepFailure", this::sendPipelineExecutionStepFailure);
        operations.put("SendPipelineExecutionStepSuccess", this::sendPipelineExecutionStepSuccess);
        operations.put("ListPipelineExecutions", this::listPipelineExecutions);
        operations.put("ListPipelineParametersForExecution", this::listPipelineParametersForExecution);
        return Map.copyOf(operations);
    }

    // ---- Starting, answering, stopping and retrying -------------------------------------------------------------

    ObjectNode startPipelineExecution(ObjectNode json) {
        PipelineRequests.StartPipelineExecution request = PipelineRequests.startPipelineExecution(json);
        List<Delivery> deliveries;
        String executionArn;
        synchronized (state.lock) {
            Pipeline pipeline = state.pipelineNamed(request.pipelineName());
            PipelineVersion version = pipeline.version(request.pipelineVersionId());
            Execution reference = checkSelectiveExecution(pipeline, version, request.selectiveExecution());
            // An execution that names no parallelism runs with the pipeline's.
            Integer maxParallelSteps = request.maxParallelSteps() != null ? request.maxParallelSteps()
                    : pipeline.maxParallelSteps();
            Execution.StartRequest asked = new Execution.StartRequest(pipeline, request.displayName(),
                    request.parameters(), version, maxParallelSteps, request.selectiveExecution(),
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
            Execution execution = new Execution(pipeline, state.newExecutionArn(pipeline.name()), now,
                    request.displayName() == null ? "execution-" + now.toEpochMilli() : request.displayName(),
                    request.description(), asked, values, reference);
            state.add(execution);
            executionsByClientRequestToken.put(request.clientRequestToken(), execution);
            pipeline.ranAt(now, version, execution.arn());
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
     *
     * @return the reference execution, or null when there is none
     */
    private Execution checkSelectiveExecution(Pipeline pipeline, PipelineVersion version,
                                         PipelineRequests.SelectiveExecution selection) {
        if (selection == null) {
            return null;
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
            return null;
        }
        Execution source = state.executionWithArn(sourceArn);
        if (source.pipeline() != pipeline) {
            throw SageMakerSimulatorException.validation("SelectiveExecutionConfig.SourcePipelineExecutionArn '"
                    + sourceArn + "' is an execution of another pipeline, not of " + pipeline.name());
        }
        if (source.status() != PipelineExecutionStatus.Succeeded && source.status() != PipelineExecutionStatus.Failed) {
            throw SageMakerSimulatorException.validation("SelectiveExecutionConfig.SourcePipelineExecutionArn '"
                    + sourceArn + "' is " + source.status() + "; a reference execution must be Succeeded or Failed");
        }
        return source;
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

    /**
     * Runs a failed execution again from its failed steps ({@link Execution#retry}); the same
     * {@code ClientRequestToken} for the same execution is the same retry.
     */
    ObjectNode retryPipelineExecution(ObjectNode json) {
        PipelineRequests.RetryExecution request = PipelineRequests.retryPipelineExecution(json);
        List<Delivery> deliveries;
        synchronized (state.lock) {
            Execution execution = state.executionWithArn(request.executionArn());
            String earlier = retriesByClientRequestToken.get(request.clientRequestToken());
            if (earlier != null) {
                if (earlier.equals(execution.arn())) {
                    return PipelineResponses.executionArn(earlier);
                }
                throw SageMakerSimulatorException.conflict("ClientRequestToken '" + request.clientRequestToken()
                        + "' was already used to retry " + earlier);
            }
            deliveries = messages.messages(execution.retry(request.maxParallelSteps(), clock.instant(), stepStarts),
                    StepStatus.Executing);
            retriesByClientRequestToken.put(request.clientRequestToken(), execution.arn());
        }
        messages.send(deliveries);
        return PipelineResponses.executionArn(request.executionArn());
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
        synchronized (state.lock) {
            StepRun run = state.stepWithToken(token);
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
        synchronized (state.lock) {
            Execution execution = state.executionWithArn(request.executionArn());
            deliveries = messages.messages(execution.requestStop(clock.instant()), StepStatus.Stopping);
        }
        messages.send(deliveries);
        return PipelineResponses.executionArn(request.executionArn());
    }

    /** A no-op step's time is up: it succeeds, and the steps after it start. */
    private void finishTimedStep(StepRun run) {
        List<Delivery> deliveries;
        synchronized (state.lock) {
            deliveries = messages.messages(run.execution().finishNoOp(run, clock.instant(), stepStarts),
                    StepStatus.Executing);
        }
        messages.send(deliveries);
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
        synchronized (state.lock) {
            StepRun run = state.stepWithToken(token);
            List<StepRun> started = run.execution().finishWithoutAnswer(run, StepStatus.valueOf(finalStatus),
                    clock.instant(), stepStarts);
            deliveries = messages.messages(started, StepStatus.Executing);
        }
        messages.send(deliveries);
    }

    /** The token of a callback step of an execution, or null when that step has not started. */
    String callbackToken(String executionArn, String stepName) {
        synchronized (state.lock) {
            StepRun run = state.executionWithArn(executionArn).step(stepName);
            return run == null ? null : run.callbackToken();
        }
    }

    // ---- Describe / List --------------------------------------------------------------------------------------

    ObjectNode describePipelineExecution(ObjectNode json) {
        String arn = PipelineRequests.describePipelineExecution(json);
        synchronized (state.lock) {
            return responses.executionDescription(state.executionWithArn(arn));
        }
    }

    ObjectNode listPipelineExecutionSteps(ObjectNode json) {
        PipelineRequests.ListSteps request = PipelineRequests.listPipelineExecutionSteps(json);
        synchronized (state.lock) {
            List<StepRun> runs = new ArrayList<>(state.executionWithArn(request.executionArn()).steps());
            // Most recently started first unless asked otherwise, as the service does.
            Comparator<StepRun> byStart = Comparator.comparingLong(StepRun::sequence);
            runs.sort("Ascending".equals(request.sortOrder()) ? byStart : byStart.reversed());
            List<JsonNode> items = new ArrayList<>();
            runs.forEach(run -> items.add(responses.step(run)));
            return ListPage.of("ListPipelineExecutionSteps", "PipelineExecutionSteps", items, request.page());
        }
    }

    ObjectNode listPipelineExecutions(ObjectNode json) {
        PipelineRequests.ListExecutions request = PipelineRequests.listPipelineExecutions(json);
        synchronized (state.lock) {
            Pipeline pipeline = state.pipelineNamed(request.pipelineName());
            List<Execution> matching = new ArrayList<>();
            for (Execution execution : state.executions()) {
                if (execution.pipeline() == pipeline
                        && ListPage.within(execution.creationTime(), request.createdAfter(), request.createdBefore())) {
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
        synchronized (state.lock) {
            List<JsonNode> items = new ArrayList<>();
            state.executionWithArn(request.executionArn()).parameterValues()
                    .forEach((name, value) -> items.add(PipelineResponses.parameter(name, value)));
            return ListPage.of("ListPipelineParametersForExecution", "PipelineParameters", items, request.page());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }

    /** Start order and tokens, unique across every execution; no-op steps timed and failed as rehearsed. */
    private final class SimulatorStepStarts implements StepStarts {
        @Override
        public long nextSequence() {
            return state.nextStepSequence();
        }

        @Override
        public String issueCallbackToken(StepRun run) {
            return state.issueCallbackToken(run);
        }

        @Override
        public String rehearsedFailure(PipelineDefinition.Step step) {
            return rehearsal.failureFor(step.name());
        }

        @Override
        public boolean finishLater(StepRun run) {
            long millis = rehearsal.noOpDuration().toMillis();
            if (millis == 0) {
                return false;
            }
            timers.schedule(() -> finishTimedStep(run), millis, TimeUnit.MILLISECONDS);
            return true;
        }
    }
}
