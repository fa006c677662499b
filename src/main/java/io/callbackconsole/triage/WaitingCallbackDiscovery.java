package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SageMakerPipelineReader;
import io.callbackconsole.aws.SageMakerPipelineReader.ExecutionSummary;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackStatus;
import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds every callback step still waiting, through the SageMaker API alone: ListPipelines → ListPipelineExecutions
 * created within a recent window → the executions still running → ListPipelineExecutionSteps → callback steps that
 * are {@code Executing} or {@code Stopping}, with their tokens. Tokens this console holds no message for join the
 * pending set marked "found via SageMaker". Pipelines are scanned a few at a time; the scan can be cancelled between
 * any two calls. Blocking; run it off the FX thread.
 */
public final class WaitingCallbackDiscovery {
    private static final Logger log = LoggerFactory.getLogger(WaitingCallbackDiscovery.class);

    /** How far a scan has got, published after each pipeline. */
    public record Progress(int pipelinesScanned, int pipelineCount, int executionsChecked, int waitingFound) {
    }

    /**
     * What a scan found.
     *
     * @param waiting    every waiting callback step found (also those already pending from SQS)
     * @param newTokens  how many of them were new to this console
     * @param requests   how many SageMaker requests the scan made (pages counted one by one)
     * @param problems   pipelines that could not be scanned, and why
     */
    public record Result(int pipelines, int executionsListed, int executionsRunning, List<PendingCallback> waiting,
                         int newTokens, long requests, Duration took, boolean cancelled, List<String> problems) {
    }

    private final SageMakerPipelineReader reader;
    private final AwsErrorExplainer explainer;
    private final PendingCallbackSet callbacks;
    private final int concurrency;
    private final Clock clock;

    public WaitingCallbackDiscovery(SageMakerPipelineReader reader, AwsErrorExplainer explainer,
                                    PendingCallbackSet callbacks, int concurrency, Clock clock) {
        this.reader = Objects.requireNonNull(reader);
        this.explainer = Objects.requireNonNull(explainer);
        this.callbacks = Objects.requireNonNull(callbacks);
        this.concurrency = concurrency;
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Scans executions created within {@code window} before now.
     *
     * @param progress  told after each pipeline, on the scanning threads
     * @param cancelled polled between calls; when it turns true the scan stops and reports what it found so far
     */
    public Result scan(Duration window, Consumer<Progress> progress, BooleanSupplier cancelled) {
        Instant started = clock.instant();
        long requestsBefore = reader.requestCount();
        Instant createdAfter = started.minus(window);
        List<String> names = reader.pipelineNames();
        AtomicInteger scanned = new AtomicInteger();
        AtomicInteger listed = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        List<PendingCallback> waiting = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency), r -> {
            Thread t = new Thread(r, "waiting-callback-discovery");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (String name : names) {
                tasks.add(pool.submit(() -> {
                    if (cancelled.getAsBoolean()) {
                        return;
                    }
                    try {
                        List<ExecutionSummary> executions = reader.executionsSince(name, createdAfter);
                        listed.addAndGet(executions.size());
                        for (ExecutionSummary execution : executions) {
                            if (cancelled.getAsBoolean()) {
                                return;
                            }
                            if (!execution.running()) {
                                continue;
                            }
                            running.incrementAndGet();
                            for (CallbackStepState step : reader.callbackSteps(execution.executionArn())) {
                                if (step.waiting() && step.callbackToken() != null
                                        && CallbackToken.isValid(step.callbackToken())) {
                                    waiting.add(pendingFrom(execution, step));
                                }
                            }
                        }
                    } catch (RuntimeException e) {
                        problems.add(name + ": " + explainer.explainRead(e).explanation());
                    }
                    progress.accept(new Progress(scanned.incrementAndGet(), names.size(), running.get(),
                            waiting.size()));
                }));
            }
            for (Future<?> task : tasks) {
                try {
                    task.get();
                } catch (ExecutionException e) {
                    problems.add(String.valueOf(e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        int added = 0;
        for (PendingCallback found : waiting) {
            if (callbacks.addFoundViaSageMaker(found)) {
                added++;
            }
        }
        Duration took = Duration.between(started, clock.instant());
        Result result = new Result(names.size(), listed.get(), running.get(), List.copyOf(waiting), added,
                reader.requestCount() - requestsBefore, took, cancelled.getAsBoolean(), List.copyOf(problems));
        log.info("Discovery scan: {} pipelines, {} executions listed, {} running, {} waiting ({} new), {} requests"
                + " in {} ms{}", result.pipelines(), result.executionsListed(), result.executionsRunning(),
                waiting.size(), added, result.requests(), took.toMillis(), result.cancelled() ? " (cancelled)" : "");
        return result;
    }

    private static PendingCallback pendingFrom(ExecutionSummary execution, CallbackStepState step) {
        boolean stopping = "Stopping".equals(step.status()) || "Stopping".equals(execution.status());
        CallbackMessage message = new CallbackMessage(CallbackToken.of(step.callbackToken()), execution.executionArn(),
                stopping ? CallbackStatus.STOPPING : CallbackStatus.EXECUTING, stopping ? "Stopping" : "Executing",
                "{}", "");
        Instant startedAt = step.startTime() == null ? execution.startTime() : step.startTime();
        return PendingCallback.foundViaSageMaker(message, new PendingCallback.FoundViaSageMaker(step.queueUrl(),
                startedAt == null ? Instant.EPOCH : startedAt));
    }
}
