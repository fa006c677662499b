package io.callbackconsole.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An in-process SageMaker Pipelines endpoint on loopback that speaks the AWS JSON 1.1 protocol, so the unmodified AWS
 * SDK and the AWS CLI work against it. It runs the pipelines registered or created through the API: callback steps
 * wait and send their message to SQS, condition steps choose a branch, fail steps fail the execution, other steps
 * are no-ops ({@link StepRehearsal}); the operations answer as the service does (validation, idempotency by
 * {@code ClientRequestToken}, conflicts, unknown resources).
 *
 * <p>Wire: {@code POST /} with {@code X-Amz-Target: SageMaker.<Operation>}; answers carry
 * {@code Content-Type: application/x-amz-json-1.1} and {@code x-amzn-RequestId}; errors also carry
 * {@code x-amzn-ErrorType} and the body {@code {"__type": code, "message": text}}. Signatures are not checked.
 */
public final class SageMakerSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SageMakerSimulator.class);
    private static final String TARGET_PREFIX = "SageMaker.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final ObjectMapper mapper;
    private final PipelineOperations pipelines;
    private final ExecutionOperations executions;
    private final LocalQueues queues;
    private final StepRehearsal rehearsal;
    private final Map<String, Function<ObjectNode, ObjectNode>> operationsByName;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final SimulatorFaults faults = new SimulatorFaults();

    private LoopbackHttp http; // set by start, before any request can arrive

    private SageMakerSimulator(ObjectMapper mapper, PipelineOperations pipelines, ExecutionOperations executions,
                               LocalQueues queues, StepRehearsal rehearsal) {
        this.mapper = mapper;
        this.pipelines = pipelines;
        this.executions = executions;
        this.queues = queues;
        this.rehearsal = rehearsal;
        Map<String, Function<ObjectNode, ObjectNode>> all = new HashMap<>(pipelines.byOperationName());
        all.putAll(executions.byOperationName());
        this.operationsByName = Map.copyOf(all);
    }

    /**
     * Starts the simulator on {@code 127.0.0.1:port}.
     *
     * @param port      the port, or 0 for a free one
     * @param region    the region named in ARNs
     * @param accountId the 12-digit account named in ARNs
     * @param sqs       the client callback messages are sent through; the simulator does not close it
     */
    public static SageMakerSimulator start(int port, String region, String accountId, SqsClient sqs) {
        if (accountId == null || !accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("Account id must be 12 digits, not '" + accountId + "'");
        }
        ObjectMapper mapper = new ObjectMapper();
        Clock clock = Clock.systemUTC();
        SimulatorState state = new SimulatorState(region, accountId);
        LocalQueues queues = new LocalQueues(sqs);
        StepRehearsal rehearsal = new StepRehearsal();
        CallbackMessages messages = new CallbackMessages(sqs, mapper, state.lock, clock);
        SageMakerSimulator simulator = new SageMakerSimulator(mapper,
                new PipelineOperations(state, queues, mapper, clock),
                new ExecutionOperations(state, messages, rehearsal, clock), queues, rehearsal);
        simulator.http = LoopbackHttp.serve(port, 4, "sagemaker-simulator", simulator::handle);
        log.info("SageMaker simulator listening on {}", simulator.endpoint());
        return simulator;
    }

    public URI endpoint() {
        return http.endpoint();
    }

    /**
     * Registers a pipeline to run.
     *
     * @param definitionJson a {@code PipelineDefinition} document; {@code DescribePipeline} returns it as given
     * @param description    free text, or null
     * @return the pipeline's ARN
     * @throws IllegalArgumentException when the name or the definition is not usable
     * @throws IllegalStateException    when a pipeline of that name is already registered
     */
    public String registerPipeline(String name, String definitionJson, String description) {
        return pipelines.registerPipeline(name, definitionJson, description);
    }

    /**
     * Starts an execution exactly as {@code StartPipelineExecution} does, with a fresh {@code ClientRequestToken}.
     *
     * @param parameters values for declared parameters; the others take their defaults
     * @return the execution's ARN
     * @throws SageMakerSimulatorException as the operation would answer (unknown pipeline, bad parameter, ...)
     */
    public String startExecution(String pipelineName, Map<String, String> parameters) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("PipelineName", pipelineName);
        var list = request.putArray("PipelineParameters");
        parameters.forEach((name, value) -> list.addObject().put("Name", name).put("Value", value));
        request.put("ClientRequestToken", UUID.randomUUID().toString());
        return executions.startPipelineExecution(request).get("PipelineExecutionArn").textValue();
    }

    /**
     * Stops an execution exactly as {@code StopPipelineExecution} does: waiting callback steps get their
     * {@code Stopping} message and the execution stays {@code Stopping} until they are answered.
     */
    public void stopExecution(String executionArn) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("PipelineExecutionArn", executionArn);
        request.put("ClientRequestToken", UUID.randomUUID().toString());
        executions.stopPipelineExecution(request);
    }

    /**
     * Makes a waiting callback step finish on its own, without an answer to its token, so the token goes stale.
     *
     * @param finalStatus {@code Succeeded} (the execution goes on) or {@code Failed} (the execution fails)
     */
    public void finishCallbackStep(String callbackToken, String finalStatus) {
        executions.finishCallbackStep(callbackToken, finalStatus);
    }

    /** The callback token of an execution's step, or null when the step has not started. */
    public String callbackToken(String executionArn, String stepName) {
        return executions.callbackToken(executionArn, stepName);
    }

    /** Every request answered so far, oldest first. */
    public List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    /** The requests to one operation (e.g. {@code SendPipelineExecutionStepFailure}), oldest first. */
    public List<RecordedCall> callsTo(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** How the steps the sandbox does not simulate run: how long they take, which fail. */
    public StepRehearsal rehearsal() {
        return rehearsal;
    }

    /**
     * The sandbox's queue of every callback queue the registered pipelines name, in the order they were first named:
     * those of pipelines created through the API too.
     */
    public List<String> localQueueUrls() {
        return queues.urls();
    }

    @Override
    public void close() {
        http.close();
        executions.close();
        log.info("SageMaker simulator stopped");
    }

    private void handle(HttpExchange exchange) {
        String requestId = UUID.randomUUID().toString();
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "" : target.startsWith(TARGET_PREFIX)
                ? target.substring(TARGET_PREFIX.length()) : target;
        String body = "";
        int status;
        String errorCode = null;
        JsonNode answer;
        SimulatorFaults.Kind fault = faults.next(operation);
        try {
            body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Consumer<String> observer = faults.observer(operation);
            if (observer != null) {
                observer.accept(body);
            }
            pause(faults.latencyBeforeApply(operation));
            if (fault == SimulatorFaults.Kind.THROTTLE) {
                throw new SageMakerSimulatorException("ThrottlingException", 400, "Rate exceeded (injected fault)");
            }
            if (fault == SimulatorFaults.Kind.EXPIRED_TOKEN) {
                // AWS's words for a request signed with expired session credentials.
                throw new SageMakerSimulatorException("ExpiredTokenException", 400,
                        "The security token included in the request is expired (injected fault)");
            }
            if (fault == SimulatorFaults.Kind.SERVER_ERROR) {
                throw new SageMakerSimulatorException("InternalFailure", 500, "Internal failure (injected fault)");
            }
            answer = answer(exchange.getRequestMethod(), target, operation, body);
            status = 200;
            pause(faults.latencyAfterApply(operation));
            if (fault == SimulatorFaults.Kind.DROP_AFTER_APPLY) {
                calls.add(new RecordedCall(operation, body, 0, "ConnectionDropped"));
                log.info("{} {} applied; dropping the connection without an answer (injected fault)", requestId,
                        operation);
                exchange.close();
                return;
            }
        } catch (SageMakerSimulatorException e) {
            status = e.httpStatus();
            errorCode = e.errorCode();
            answer = errorBody(errorCode, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.error("Internal error answering {}", operation, e);
            status = 500;
            errorCode = "InternalFailure";
            answer = errorBody(errorCode, "The simulator failed: " + e);
        }
        // Recorded before answering: a client that has its answer can already see the call.
        calls.add(new RecordedCall(operation, body, status, errorCode));
        log.debug("{} {} -> {} {}", requestId, operation, status, errorCode == null ? "" : errorCode);
        try {
            byte[] bytes = mapper.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            if (errorCode != null) {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", errorCode);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            log.warn("Cannot send the answer to {} ({}): {}", operation, requestId, e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private static void pause(java.time.Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Faults to inject into later calls. */
    public SimulatorFaults faults() {
        return faults;
    }

    private JsonNode answer(String method, String target, String operation, String body) {
        if (!"POST".equals(method)) {
            throw SageMakerSimulatorException.unknownOperation(
                    "Only POST / is served; got " + method + " without an operation");
        }
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw SageMakerSimulatorException.unknownOperation(
                    "Missing or foreign X-Amz-Target header: " + (target == null ? "none" : "'" + target + "'"));
        }
        Function<ObjectNode, ObjectNode> handler = operationsByName.get(operation);
        if (handler == null) {
            throw SageMakerSimulatorException.unknownOperation("Operation '" + operation + "' is not supported");
        }
        JsonNode request;
        try {
            // An empty body is an empty request, as the JSON protocol treats it.
            request = body.isBlank() ? JsonNodeFactory.instance.objectNode() : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw SageMakerSimulatorException.serialization("The request body is not JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw SageMakerSimulatorException.serialization("The request body must be a JSON object");
        }
        return handler.apply((ObjectNode) request);
    }

    private static ObjectNode errorBody(String code, String message) {
        return JsonNodeFactory.instance.objectNode().put("__type", code).put("message", message);
    }
}
