package io.callbackconsole.sandbox;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The simulator's in-memory world, shared by its pipeline and execution operations: the registered pipelines, their
 * executions and the callback tokens those have issued, with the look-ups that answer {@code ResourceNotFound} as
 * the service does, and the identifiers it makes. Every method is called with {@link #lock} held.
 */
final class SimulatorState {
    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** The one lock of the simulator's state; callback messages are sent after it is released. */
    final Object lock = new Object();
    private final String region;
    private final String accountId;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, StepRun> stepsByCallbackToken = new HashMap<>();
    private long stepSequence;

    SimulatorState(String region, String accountId) {
        this.region = Objects.requireNonNull(region, "region");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    String region() {
        return region;
    }

    String accountId() {
        return accountId;
    }

    Collection<Pipeline> pipelines() {
        return pipelines.values();
    }

    boolean hasPipeline(String name) {
        return pipelines.containsKey(name);
    }

    void add(Pipeline pipeline) {
        pipelines.put(pipeline.name(), pipeline);
    }

    /**
     * Forgets a pipeline and everything of its executions: their ARNs and tokens then answer
     * {@code ResourceNotFound}, as on AWS once a pipeline is deleted.
     */
    void remove(Pipeline pipeline) {
        pipelines.remove(pipeline.name());
        executions.values().removeIf(execution -> execution.pipeline() == pipeline);
        stepsByCallbackToken.values().removeIf(run -> run.execution().pipeline() == pipeline);
    }

    Collection<Execution> executions() {
        return executions.values();
    }

    void add(Execution execution) {
        executions.put(execution.arn(), execution);
    }

    Pipeline pipelineNamed(String nameOrArn) {
        int marker = nameOrArn.indexOf(":pipeline/");
        boolean fromArn = nameOrArn.startsWith("arn:") && marker >= 0;
        String name = fromArn ? nameOrArn.substring(marker + ":pipeline/".length()) : nameOrArn;
        for (Pipeline pipeline : pipelines.values()) {
            // ARNs carry the name in lower case, so a name taken from an ARN matches regardless of case.
            if (pipeline.name().equals(name) || pipeline.arn().equals(nameOrArn)
                    || (fromArn && pipeline.name().equalsIgnoreCase(name))) {
                return pipeline;
            }
        }
        throw SageMakerSimulatorException.notFound("Pipeline '" + nameOrArn + "' does not exist.");
    }

    Execution executionWithArn(String arn) {
        Execution execution = executions.get(arn);
        if (execution == null) {
            throw SageMakerSimulatorException.notFound("Pipeline execution '" + arn + "' does not exist.");
        }
        return execution;
    }

    StepRun stepWithToken(String token) {
        StepRun run = stepsByCallbackToken.get(token);
        if (run == null) {
            throw SageMakerSimulatorException.notFound("Callback token '" + token + "' does not exist");
        }
        return run;
    }

    /** The executions of a pipeline that have not finished. */
    List<Execution> runningExecutionsOf(Pipeline pipeline) {
        List<Execution> running = new ArrayList<>();
        for (Execution execution : executions.values()) {
            if (execution.pipeline() == pipeline && (execution.status() == PipelineExecutionStatus.Executing
                    || execution.status() == PipelineExecutionStatus.Stopping)) {
                running.add(execution);
            }
        }
        return running;
    }

    String pipelineArn(String name) {
        return "arn:aws:sagemaker:" + region + ":" + accountId + ":pipeline/" + name.toLowerCase(Locale.ROOT);
    }

    String newExecutionArn(String pipelineName) {
        String arn;
        do {
            arn = pipelineArn(pipelineName) + "/execution/" + randomText(LOWER_ALPHANUMERIC, 12);
        } while (executions.containsKey(arn));
        return arn;
    }

    long nextStepSequence() {
        return ++stepSequence;
    }

    /** A fresh 10-character token, registered so answers to it find {@code run}. */
    String issueCallbackToken(StepRun run) {
        String token;
        do {
            token = randomText(ALPHANUMERIC, 10);
        } while (stepsByCallbackToken.containsKey(token));
        stepsByCallbackToken.put(token, run);
        return token;
    }

    private String randomText(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}
