package io.callbackconsole.sandbox;

/**
 * How to start the {@link Sandbox}.
 *
 * @param sqsPort         the ElasticMQ port, 0 for a free one
 * @param sageMakerPort   the SageMaker simulator port, 0 for a free one
 * @param seedExecutions  whether to start sample executions so callback messages wait on the queues at once
 */
public record SandboxOptions(int sqsPort, int sageMakerPort, boolean seedExecutions) {

    public SandboxOptions {
        checkPort("sqsPort", sqsPort);
        checkPort("sageMakerPort", sageMakerPort);
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
