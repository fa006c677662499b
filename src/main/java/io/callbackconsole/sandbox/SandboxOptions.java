package io.callbackconsole.sandbox;

import java.util.List;

/**
 * How to start the {@link Sandbox}.
 *
 * @param sqsPort         the ElasticMQ port, 0 for a free one
 * @param sageMakerPort   the SageMaker simulator port, 0 for a free one
 * @param seedExecutions  whether to start sample executions so callback messages wait on the queues at once
 * @param ownPipelines    pipelines to register besides the bundled ones; with {@code seedExecutions}, each gets one
 *                        execution too
 */
public record SandboxOptions(int sqsPort, int sageMakerPort, boolean seedExecutions, List<SandboxPipeline> ownPipelines) {

    public SandboxOptions {
        checkPort("sqsPort", sqsPort);
        checkPort("sageMakerPort", sageMakerPort);
        ownPipelines = List.copyOf(ownPipelines);
    }

    public SandboxOptions(int sqsPort, int sageMakerPort, boolean seedExecutions) {
        this(sqsPort, sageMakerPort, seedExecutions, List.of());
    }

    /** The same, with these pipelines of a team's own as well. */
    public SandboxOptions withPipelines(List<SandboxPipeline> pipelines) {
        return new SandboxOptions(sqsPort, sageMakerPort, seedExecutions, pipelines);
    }

    /** Free ports, with seeded executions. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, true);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be 0 (any free port) or 1-65535, not " + port);
        }
    }
}
