package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.OperatorError;
import io.callbackconsole.aws.SageMakerPipelineReader;
import io.callbackconsole.aws.SageMakerPipelineReader.PipelineDescription;
import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineContext;
import io.callbackconsole.domain.PipelineExecutionArn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/**
 * The SageMaker context of every execution with a pending token, looked up at most once per time-to-live (and again on
 * demand), a bounded number at a time, so a console watching many tokens neither floods SageMaker nor waits on it one
 * execution after the other. Pipeline descriptions (names and definitions) are kept longer: they rarely change.
 *
 * <p>{@link #refresh} blocks; {@link #lookUpDue} starts the same look-ups and returns at once (the poller shows the
 * rows, then waits for them on its thread); {@link #contextsFor} only reads what is cached.
 */
public final class ExecutionContextCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutionContextCache.class);
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    /**
     * @param timeToLive     how long an execution's context is used before it is looked up again
     * @param concurrency    at most this many executions are looked up at once
     * @param waitPerRefresh how long one refresh waits for its look-ups; slower ones land in a later snapshot
     */
    public record Settings(Duration timeToLive, int concurrency, Duration waitPerRefresh) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 4, Duration.ofSeconds(20));
        }
    }

    /** The latest look-up of one execution: a context, or the reason there is none. */
    private record Entry(PipelineContext context, boolean notFound, String problem, Instant at) {
    }

    private final SageMakerPipelineReader reader;
    private final AwsErrorExplainer explainer;
    private final Settings settings;
    private final Clock clock;
    private final Map<PipelineExecutionArn, Entry> entries = new ConcurrentHashMap<>();
    private final Map<PipelineExecutionArn, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, PipelineDescription> pipelines = new ConcurrentHashMap<>();
    private final ExecutorService lookups;
    private volatile boolean refreshAll;

    /** Looks up on its own {@code settings.concurrency()} daemon threads. */
    public ExecutionContextCache(SageMakerPipelineReader reader, AwsErrorExplainer explainer, Settings settings,
                                 Clock clock) {
        this(reader, explainer, settings, clock, lookupThreads(settings.concurrency()));
    }

    /**
     * Looks up on {@code lookups}, which bounds how many run at once and which this cache shuts down on close; a
     * same-thread executor makes refreshes deterministic in tests.
     */
    public ExecutionContextCache(SageMakerPipelineReader reader, AwsErrorExplainer explainer, Settings settings,
                                 Clock clock, ExecutorService lookups) {
        this.reader = Objects.requireNonNull(reader);
        this.explainer = Objects.requireNonNull(explainer);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.lookups = Objects.requireNonNull(lookups);
    }

    private static ExecutorService lookupThreads(int concurrency) {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "context-lookup-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The next refresh looks every execution up again, whatever its age (F5). */
    public void expireAll() {
        refreshAll = true;
    }

    /** Forgets one execution, so the next refresh looks it up (after a decision changed it). */
    public void expire(PipelineExecutionArn arn) {
        entries.computeIfPresent(arn, (k, e) -> new Entry(e.context, e.notFound, e.problem, Instant.EPOCH));
    }

    /**
     * Looks up every execution whose context is missing or older than the time-to-live, at most
     * {@code concurrency} at once, and waits for them up to {@code waitPerRefresh}. Blocking.
     */
    public void refresh(Collection<PipelineExecutionArn> executions) {
        lookUpDue(executions).awaitResults();
    }

    /**
     * Starts the look-ups {@link #refresh} would make and returns at once, so the rows can be shown while they run
     * (the poller publishes them, then waits with {@link Lookups#awaitResults} for one more snapshot with the
     * contexts).
     */
    public Lookups lookUpDue(Collection<PipelineExecutionArn> executions) {
        boolean all = refreshAll;
        refreshAll = false;
        Instant now = clock.instant();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (PipelineExecutionArn arn : executions) {
            Entry entry = entries.get(arn);
            boolean due = all || entry == null || entry.at.plus(settings.timeToLive()).isBefore(now);
            if (!due) {
                continue;
            }
            // Registered before it is handed to the executor: a look-up that finishes before execute returns (a
            // fast answer, a same-thread executor) must find itself in inFlight to remove, or it stays there and
            // the execution is never looked up again.
            CompletableFuture<Void> lookup = new CompletableFuture<>();
            if (inFlight.putIfAbsent(arn, lookup) == null) {
                started.add(lookup);
                lookups.execute(() -> lookUp(arn, lookup));
            }
        }
        if (all) {
            pipelines.clear();
        }
        entries.keySet().retainAll(new java.util.HashSet<>(executions));
        return new Lookups(List.copyOf(started), settings.waitPerRefresh());
    }

    /** The look-ups one {@link #lookUpDue} started. */
    public static final class Lookups {
        private final List<CompletableFuture<Void>> started;
        private final Duration wait;

        private Lookups(List<CompletableFuture<Void>> started, Duration wait) {
            this.started = started;
            this.wait = wait;
        }

        /** True when none was due: every context shown is as fresh as the cache keeps it. */
        public boolean none() {
            return started.isEmpty();
        }

        /**
         * Waits for all of them, up to the settings' {@code waitPerRefresh} in all; slower ones land in the cache later
         * (and in a later snapshot). Blocking.
         *
         * @return true when at least one finished, so the contexts shown now differ from those before
         */
        public boolean awaitResults() {
            long deadline = System.nanoTime() + wait.toNanos();
            boolean finished = false;
            for (CompletableFuture<Void> future : started) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    finished = true;
                } catch (TimeoutException e) {
                    log.debug("A context look-up is still running; its result comes with a later snapshot");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return finished;
                } catch (java.util.concurrent.ExecutionException e) {
                    // It ended all the same: what escaped it (an Error) is logged, the rows keep what they showed.
                    finished = true;
                    log.warn("A context look-up failed unexpectedly", e.getCause());
                }
            }
            return finished;
        }
    }

    /**
     * Looks {@code arn} up, then unregisters {@code lookup} (only that one: a later registration stays) and completes
     * it, exceptionally with whatever escaped, for {@link #refresh} to log.
     */
    private void lookUp(PipelineExecutionArn arn, CompletableFuture<Void> lookup) {
        Throwable escaped = null;
        try {
            lookUp(arn);
        } catch (Throwable t) {
            escaped = t;
        } finally {
            inFlight.remove(arn, lookup);
        }
        if (escaped == null) {
            lookup.complete(null);
        } else {
            lookup.completeExceptionally(escaped);
        }
    }

    private void lookUp(PipelineExecutionArn arn) {
        try {
            PipelineDescription pipeline = null;
            try {
                // Once per pipeline, even when several of its executions are looked up at the same time.
                pipeline = pipelines.computeIfAbsent(arn.pipelineArn(), reader::describePipeline);
            } catch (RuntimeException e) {
                // The execution's own context is worth showing without the pipeline's names and definition.
                log.info("Cannot describe pipeline {}: {}", arn.pipelineArn(), explainer.explain(e).code());
            }
            PipelineContext context = reader.describeExecution(arn, pipeline, clock.instant());
            entries.put(arn, new Entry(context, false, null, clock.instant()));
        } catch (ResourceNotFoundException e) {
            entries.put(arn, new Entry(null, true, null, clock.instant()));
        } catch (RuntimeException e) {
            OperatorError error = explainer.explainRead(e);
            if (error.kind().notFound()) {
                entries.put(arn, new Entry(null, true, null, clock.instant()));
            } else {
                log.warn("Context of {} not found out: {} {}", arn, error.code(), error.serviceMessage());
                Entry previous = entries.get(arn);
                // Keep showing the last context found, and say the refresh failed.
                entries.put(arn, new Entry(previous == null ? null : previous.context, false,
                        "Could not look up the execution in SageMaker: " + error.explanation(), clock.instant()));
            }
        }
    }

    /** The context of each pending token from what is cached; no I/O. */
    public Map<CallbackToken, CallbackContext> contextsFor(List<PendingCallback> pending) {
        Map<CallbackToken, CallbackContext> contexts = new HashMap<>();
        for (PendingCallback callback : pending) {
            Entry entry = entries.get(callback.executionArn());
            contexts.put(callback.token(), entry == null ? CallbackContext.notLookedUp() : contextOf(callback, entry));
        }
        return contexts;
    }

    private static CallbackContext contextOf(PendingCallback callback, Entry entry) {
        if (entry.notFound) {
            return new CallbackContext(CallbackContext.Lookup.FOUND, null, null,
                    "SageMaker does not know this execution (ResourceNotFound)", null);
        }
        if (entry.context == null) {
            return new CallbackContext(CallbackContext.Lookup.FAILED, null, null, null, entry.problem);
        }
        PipelineContext context = entry.context;
        CallbackStepState step = context.stepWithToken(callback.token()).orElse(null);
        CallbackContext.Lookup lookup = entry.problem == null ? CallbackContext.Lookup.FOUND
                : CallbackContext.Lookup.FAILED;
        return new CallbackContext(lookup, context, step, staleReason(context, step), entry.problem);
    }

    /** Why a token can no longer be answered, or null when it can. */
    static String staleReason(PipelineContext context, CallbackStepState step) {
        if (step != null && !step.waiting()) {
            return "step " + step.status() + (step.endTime() == null ? "" : " at " + CLOCK_TIME.format(step.endTime()));
        }
        if (context.executionEnded()) {
            return "execution " + context.executionStatus();
        }
        if (step == null) {
            return "SageMaker lists no step with this token in the execution";
        }
        return null;
    }

    @Override
    public void close() {
        lookups.shutdownNow();
    }
}
