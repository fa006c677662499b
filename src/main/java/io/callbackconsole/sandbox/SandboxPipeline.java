package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;

/**
 * A pipeline of a team's own to run in the sandbox besides the bundled ones: its name and its definition (the JSON
 * of the SageMaker Python SDK's {@code pipeline.definition()}), checked as {@code CreatePipeline} checks it.
 */
public record SandboxPipeline(String name, String definitionJson) {
    public SandboxPipeline {
        Objects.requireNonNull(definitionJson, "definitionJson");
        if (name == null || !name.matches(PipelineRequests.PIPELINE_NAME)) {
            throw new IllegalArgumentException("A pipeline name is letters, digits and single hyphens, 1 to 256"
                    + " characters; got '" + name + "'");
        }
        PipelineDefinition.parse(definitionJson, new ObjectMapper());
    }

    /** The name a definition file gives its pipeline: the file name without ".json", with anything else made a hyphen. */
    public static String nameOfFile(String fileName) {
        String base = fileName.replaceFirst("(?i)\\.json$", "").replaceAll("[^a-zA-Z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        return base.isEmpty() ? "pipeline" : base;
    }
}
