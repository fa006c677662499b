package io.callbackconsole.sandbox;

import java.time.Instant;

/**
 * One version of a pipeline's definition. A pipeline has version 1 from its creation; executions run the version
 * they were started with.
 *
 * @param definitionJson the definition as given; {@code DescribePipeline} returns it unchanged
 */
record PipelineVersion(long id, String definitionJson, PipelineDefinition definition, Instant creationTime) {
}
