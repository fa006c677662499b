package io.callbackconsole.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A registered pipeline: its name and ARN, the versions of its definition, and when it last ran. */
final class Pipeline {
    private final String name;
    private final String arn;
    private final String description;
    private final Instant creationTime;
    /** Oldest first; version ids count from 1. */
    private final List<PipelineVersion> versions = new ArrayList<>();
    private Instant lastRunTime;

    Pipeline(String name, String arn, String definitionJson, PipelineDefinition definition, String description,
             Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.description = description;
        this.creationTime = creationTime;
        versions.add(new PipelineVersion(1, definitionJson, definition, creationTime));
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    /** Free text, or null. */
    String description() {
        return description;
    }

    Instant creationTime() {
        return creationTime;
    }

    /** The version a start or describe without {@code PipelineVersionId} uses. */
    PipelineVersion latestVersion() {
        return versions.get(versions.size() - 1);
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

    /** When an execution last started, or null when none has. */
    Instant lastRunTime() {
        return lastRunTime;
    }

    void ranAt(Instant startTime) {
        lastRunTime = startTime;
    }
}
