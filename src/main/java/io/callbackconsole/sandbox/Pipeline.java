package io.callbackconsole.sandbox;

import java.time.Instant;

/** A registered pipeline: its name and ARN, the definition its executions run, and when it last ran. */
final class Pipeline {
    private final String name;
    private final String arn;
    private final String definitionJson;
    private final PipelineDefinition definition;
    private final String description;
    private final Instant creationTime;
    private Instant lastRunTime;

    Pipeline(String name, String arn, String definitionJson, PipelineDefinition definition, String description,
             Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.definitionJson = definitionJson;
        this.definition = definition;
        this.description = description;
        this.creationTime = creationTime;
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    /** The definition as registered; {@code DescribePipeline} returns it unchanged. */
    String definitionJson() {
        return definitionJson;
    }

    PipelineDefinition definition() {
        return definition;
    }

    /** Free text, or null. */
    String description() {
        return description;
    }

    Instant creationTime() {
        return creationTime;
    }

    /** When an execution last started, or null when none has. */
    Instant lastRunTime() {
        return lastRunTime;
    }

    void ranAt(Instant startTime) {
        lastRunTime = startTime;
    }
}
