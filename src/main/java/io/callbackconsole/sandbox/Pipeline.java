package io.callbackconsole.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A registered pipeline: its name and ARN, what {@code CreatePipeline} or {@code UpdatePipeline} last set (display
 * name, description, role, parallelism), the versions of its definition, and when it last ran. Not thread-safe: used
 * under the simulator's lock.
 */
final class Pipeline {
    private final String name;
    private final String arn;
    private final Instant creationTime;
    /** Oldest first; version ids count from 1. */
    private final List<PipelineVersion> versions = new ArrayList<>();
    private final Map<Long, String> lastExecutionByVersion = new HashMap<>();
    private String displayName;
    private String description;
    private String roleArn;
    private Integer maxParallelSteps;
    private Instant lastModifiedTime;
    private Instant lastRunTime;

    /**
     * @param roleArn          the role executions would run as
     * @param maxParallelSteps the pipeline's {@code ParallelismConfiguration}, or null for no limit
     */
    Pipeline(String name, String arn, String definitionJson, PipelineDefinition definition, String displayName,
             String description, String roleArn, Integer maxParallelSteps, Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.displayName = displayName == null ? name : displayName;
        this.description = description;
        this.roleArn = roleArn;
        this.maxParallelSteps = maxParallelSteps;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
        versions.add(new PipelineVersion(1, definitionJson, definition, creationTime));
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    String displayName() {
        return displayName;
    }

    /** Free text, or null. */
    String description() {
        return description;
    }

    String roleArn() {
        return roleArn;
    }

    /** The pipeline's {@code ParallelismConfiguration}: what an execution that names none runs with; or null. */
    Integer maxParallelSteps() {
        return maxParallelSteps;
    }

    Instant creationTime() {
        return creationTime;
    }

    Instant lastModifiedTime() {
        return lastModifiedTime;
    }

    /** The version a start or describe without {@code PipelineVersionId} uses. */
    PipelineVersion latestVersion() {
        return versions.get(versions.size() - 1);
    }

    /** Every version, oldest first. */
    List<PipelineVersion> versions() {
        return List.copyOf(versions);
    }

    /**
     * The version of that id, or the latest when {@code id} is null.
     *
     * @throws SageMakerSimulatorException {@code ResourceNotFound} when the pipeline has no such version
     */
    PipelineVersion version(Long id) {
        if (id == null) {
            return latestVersion();
        }
        for (PipelineVersion version : versions) {
            if (version.id() == id) {
                return version;
            }
        }
        throw SageMakerSimulatorException.notFound(
                "Pipeline version " + id + " of pipeline '" + name + "' does not exist.");
    }

    /**
     * Applies an {@code UpdatePipeline}: each argument null leaves that part as it is; a definition makes a new
     * version.
     *
     * @return the version executions now start with
     */
    PipelineVersion update(String newDefinitionJson, PipelineDefinition newDefinition, String newDisplayName,
                           String newDescription, String newRoleArn, Integer newMaxParallelSteps, Instant now) {
        if (newDefinition != null) {
            versions.add(new PipelineVersion(latestVersion().id() + 1, newDefinitionJson, newDefinition, now));
        }
        if (newDisplayName != null) {
            displayName = newDisplayName;
        }
        if (newDescription != null) {
            description = newDescription;
        }
        if (newRoleArn != null) {
            roleArn = newRoleArn;
        }
        if (newMaxParallelSteps != null) {
            maxParallelSteps = newMaxParallelSteps;
        }
        lastModifiedTime = now;
        return latestVersion();
    }

    /** When an execution last started, or null when none has. */
    Instant lastRunTime() {
        return lastRunTime;
    }

    /** The ARN of the last execution of that version, or null. */
    String lastExecutionOf(PipelineVersion version) {
        return lastExecutionByVersion.get(version.id());
    }

    void ranAt(Instant startTime, PipelineVersion version, String executionArn) {
        lastRunTime = startTime;
        lastExecutionByVersion.put(version.id(), executionArn);
    }
}
