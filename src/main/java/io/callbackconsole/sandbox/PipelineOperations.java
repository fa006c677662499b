package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations on pipelines: create, update, delete, describe and list them, their versions, and the definition an
 * execution ran. A definition is checked as {@code CreatePipeline} checks it ({@link PipelineDefinition#parse}) and
 * each callback step's queue is mapped to the sandbox's queue of the same name ({@link LocalQueues}); the definition
 * is kept with the local queue URLs, so whoever reads it (the console's queue discovery) finds queues that exist.
 */
final class PipelineOperations {
    private static final Logger log = LoggerFactory.getLogger(PipelineOperations.class);
    /** The role of pipelines the sandbox registers itself (its bundled ones, and the test API's). */
    private static final String SANDBOX_ROLE = "role/SandboxPipelineExecutionRole";

    private final SimulatorState state;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final LocalQueues queues;
    private final PipelineResponses responses;
    /** Creates and deletes by their {@code ClientRequestToken}, so a retried call answers as the first did. */
    private final Map<String, PipelineRequests.CreatePipeline> creationsByClientRequestToken = new HashMap<>();
    private final Map<String, String> deletionsByClientRequestToken = new HashMap<>();

    PipelineOperations(SimulatorState state, LocalQueues queues, ObjectMapper mapper, Clock clock) {
        this.state = state;
        this.queues = queues;
        this.mapper = mapper;
        this.clock = clock;
        this.responses = new PipelineResponses(state.region(), state.accountId());
    }

    /** Every operation by its name in {@code X-Amz-Target}. */
    Map<String, Function<ObjectNode, ObjectNode>> byOperationName() {
        Map<String, Function<ObjectNode, ObjectNode>> operations = new HashMap<>();
        operations.put("CreatePipeline", this::createPipeline);
        operations.put("UpdatePipeline", this::updatePipeline);
        operations.put("DeletePipeline", this::deletePipeline);
        operations.put("DescribePipeline", this::describePipeline);
        operations.put("ListPipelines", this::listPipelines);
        operations.put("ListPipelineVersions", this::listPipelineVersions);
        operations.put("DescribePipelineDefinitionForExecution", this::describePipelineDefinitionForExecution);
        return Map.copyOf(operations);
    }

    /**
     * Registers a pipeline from the simulator's Java API.
     *
     * @throws IllegalArgumentException when the name or the definition is not usable
     * @throws IllegalStateException    when a pipeline of that name is already registered
     */
    String registerPipeline(String name, String definitionJson, String description) {
        if (name == null || !name.matches(PipelineRequests.PIPELINE_NAME)) {
            throw new IllegalArgumentException(
                    "Pipeline name '" + name + "' does not match " + PipelineRequests.PIPELINE_NAME);
        }
        Local local = withLocalQueues(definitionJson);
        synchronized (state.lock) {
            if (state.hasPipeline(name)) {
                throw new IllegalStateException("Pipeline '" + name + "' is already registered");
            }
            Pipeline pipeline = new Pipeline(name, state.pipelineArn(name), local.json(), local.definition(), null,
                    description, "arn:aws:iam::" + state.accountId() + ":" + SANDBOX_ROLE, null, clock.instant());
            state.add(pipeline);
            return pipeline.arn();
        }
    }

    ObjectNode createPipeline(ObjectNode json) {
        PipelineRequests.CreatePipeline request = PipelineRequests.createPipeline(json);
        synchronized (state.lock) {
            PipelineRequests.CreatePipeline earlier = creationsByClientRequestToken.get(request.clientRequestToken());
            if (earlier != null) {
                if (earlier.equals(request) && state.hasPipeline(request.pipelineName())) {
                    return PipelineResponses.pipelineArn(state.pipelineNamed(request.pipelineName()));
                }
                throw SageMakerSimulatorException.conflict("ClientRequestToken '" + request.clientRequestToken()
                        + "' was already used to create pipeline '" + earlier.pipelineName()
                        + "' with different parameters");
            }
            refuseTaken(request.pipelineName());
        }
        Local local = definitionOf(request.definition());
        synchronized (state.lock) {
            refuseTaken(request.pipelineName()); // a create of the same name may have won while the queues were made
            Pipeline pipeline = new Pipeline(request.pipelineName(), state.pipelineArn(request.pipelineName()),
                    local.json(), local.definition(), request.displayName(), request.description(),
                    request.roleArn(), request.maxParallelSteps(), clock.instant());
            state.add(pipeline);
            creationsByClientRequestToken.put(request.clientRequestToken(), request);
            log.info("Created pipeline {} ({} steps)", pipeline.name(), local.definition().steps().size());
            return PipelineResponses.pipelineArn(pipeline);
        }
    }

    private void refuseTaken(String name) {
        if (state.hasPipeline(name)) {
            throw SageMakerSimulatorException.validation("Pipeline names must be unique within an AWS account and"
                    + " region. Pipeline with name (" + name + ") already exists.");
        }
    }

    ObjectNode updatePipeline(ObjectNode json) {
        PipelineRequests.UpdatePipeline request = PipelineRequests.updatePipeline(json);
        synchronized (state.lock) {
            state.pipelineNamed(request.pipelineName()); // ResourceNotFound before any queue is made
        }
        Local local = request.definition() == null ? null : definitionOf(request.definition());
        synchronized (state.lock) {
            Pipeline pipeline = state.pipelineNamed(request.pipelineName());
            pipeline.update(local == null ? null : local.json(), local == null ? null : local.definition(),
                    request.displayName(), request.description(), request.roleArn(), request.maxParallelSteps(),
                    clock.instant());
            log.info("Updated pipeline {} (now version {})", pipeline.name(), pipeline.latestVersion().id());
            return PipelineResponses.updated(pipeline);
        }
    }

    /**
     * Deletes a pipeline that has no running execution; its executions and their tokens are gone with it. The same
     * {@code ClientRequestToken} for the same pipeline answers as the first delete did.
     */
    ObjectNode deletePipeline(ObjectNode json) {
        PipelineRequests.DeletePipeline request = PipelineRequests.deletePipeline(json);
        synchronized (state.lock) {
            String deletedArn = deletionsByClientRequestToken.get(request.clientRequestToken());
            if (deletedArn != null && deletedArn.equals(state.pipelineArn(request.pipelineName()))) {
                return PipelineResponses.pipelineArn(deletedArn);
            }
            Pipeline pipeline = state.pipelineNamed(request.pipelineName());
            List<Execution> running = state.runningExecutionsOf(pipeline);
            if (!running.isEmpty()) {
                throw SageMakerSimulatorException.conflict("Pipeline '" + pipeline.name() + "' has " + running.size()
                        + " running execution(s), e.g. " + running.get(0).arn() + "; stop them"
                        + " (StopPipelineExecution) before deleting the pipeline.");
            }
            state.remove(pipeline);
            deletionsByClientRequestToken.put(request.clientRequestToken(), pipeline.arn());
            log.info("Deleted pipeline {}", pipeline.name());
            return PipelineResponses.pipelineArn(pipeline);
        }
    }

    ObjectNode describePipeline(ObjectNode json) {
        PipelineRequests.DescribePipeline request = PipelineRequests.describePipeline(json);
        synchronized (state.lock) {
            Pipeline pipeline = state.pipelineNamed(request.pipelineName());
            return responses.pipelineDescription(pipeline, pipeline.version(request.pipelineVersionId()));
        }
    }

    ObjectNode describePipelineDefinitionForExecution(ObjectNode json) {
        String arn = PipelineRequests.describePipelineDefinitionForExecution(json);
        synchronized (state.lock) {
            return PipelineResponses.definitionForExecution(state.executionWithArn(arn));
        }
    }

    ObjectNode listPipelines(ObjectNode json) {
        PipelineRequests.ListPipelines request = PipelineRequests.listPipelines(json);
        synchronized (state.lock) {
            List<Pipeline> matching = new ArrayList<>();
            for (Pipeline pipeline : state.pipelines()) {
                if ((request.namePrefix() == null || pipeline.name().startsWith(request.namePrefix()))
                        && ListPage.within(pipeline.creationTime(), request.createdAfter(), request.createdBefore())) {
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

    ObjectNode listPipelineVersions(ObjectNode json) {
        PipelineRequests.ListVersions request = PipelineRequests.listPipelineVersions(json);
        synchronized (state.lock) {
            Pipeline pipeline = state.pipelineNamed(request.pipelineName());
            List<PipelineVersion> matching = new ArrayList<>();
            for (PipelineVersion version : pipeline.versions()) {
                if (ListPage.within(version.creationTime(), request.createdAfter(), request.createdBefore())) {
                    matching.add(version);
                }
            }
            // Versions are listed newest first unless asked otherwise; their ids order them as creation does.
            if (!"Ascending".equals(request.sortOrder())) {
                Collections.reverse(matching);
            }
            List<JsonNode> items = new ArrayList<>();
            matching.forEach(version -> items.add(PipelineResponses.versionSummary(pipeline, version)));
            return ListPage.of("ListPipelineVersions", "PipelineVersionSummaries", items, request.page());
        }
    }

    /** A definition as the API was given it: refused as {@code CreatePipeline} refuses one, naming the place. */
    private Local definitionOf(String definitionJson) {
        try {
            return withLocalQueues(definitionJson);
        } catch (IllegalArgumentException e) {
            throw SageMakerSimulatorException.validation("Invalid PipelineDefinition: " + e.getMessage());
        }
    }

    /** Checks the definition, then maps its callback queues to local ones (creating them) and checks it again. */
    private Local withLocalQueues(String definitionJson) {
        PipelineDefinition.parse(definitionJson, mapper); // refuse before any queue is made
        String local = PipelineDefinition.withQueueUrls(definitionJson, mapper, queues::localUrlFor);
        return new Local(local, PipelineDefinition.parse(local, mapper));
    }

    /** A definition with the sandbox's queue URLs, as text and parsed. */
    private record Local(String json, PipelineDefinition definition) {
    }
}
