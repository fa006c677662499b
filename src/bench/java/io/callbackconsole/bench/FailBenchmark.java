package io.callbackconsole.bench;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fails tokens in bulk through {@link io.callbackconsole.triage.SessionDecisions#submitFailures} (intents journaled
 * and fsynced before their calls, outcomes before their messages are deleted, group-committed) with
 * {@value #THREADS} calls in flight, against bare
 * {@code SendPipelineExecutionStepFailure} calls from as many threads with no journal; and per token against the AWS
 * CLI, one process per call.
 */
final class FailBenchmark {
    static final int THREADS = 4;
    private static final String PIPELINE = "manual-approval";
    private static final String STEP = "ManualReview";
    private static final String REASON = "Rejected in the benchmark: the model's recall is below the threshold";
    private static final String AWS_CLI = "/usr/bin/aws";
    private static final int CLI_CALLS = 20;
    private static final String SEND_FAILURE = "SendPipelineExecutionStepFailure";
    private static final int CALL_LATENCY_MILLIS = 20;

    private final SandboxBench bench;
    private final Path scratch;
    private final int tokens;
    /** CPU of this whole process (client, journal, ElasticMQ, simulator) per token, while {@link #recordingCpu}. */
    private final CpuPerToken consoleCpu = new CpuPerToken();
    private final CpuPerToken bareCpu = new CpuPerToken();
    private boolean recordingCpu;

    FailBenchmark(SandboxBench bench, Path scratch, int tokens) {
        this.bench = bench;
        this.scratch = scratch;
        this.tokens = tokens;
    }

    static List<Figure> run(SandboxBench bench, Path scratch, int tokens, int runs) throws Exception {
        FailBenchmark fail = new FailBenchmark(bench, scratch, tokens);
        ConsoleBenchmark.log("fail: warm-up");
        for (int i = 0; i < ConsoleBenchmark.WARM_UP_ROUNDS; i++) {
            fail.console();
            fail.bare();
        }
        Samples console = new Samples();
        Samples bare = new Samples();
        fail.recordingCpu = true;
        ConsoleBenchmark.alternate(runs, fail::console, fail::bare, console, bare,
                "fail run %d: console %.0f tokens/s, bare %.0f tokens/s");
        fail.recordingCpu = false;
        Samples cli = new Samples();
        if (Files.isExecutable(Path.of(AWS_CLI))) {
            fail.cli(CLI_CALLS, cli::add);
            ConsoleBenchmark.log("fail: AWS CLI median %.0f ms per call", cli.median());
        }
        double ratio = Samples.medianRatio(console, bare);
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("fail " + String.format(Locale.ROOT, "%,d", tokens).replace(',', ' ')
                + " tokens in bulk through the journal, " + THREADS + " calls in flight", "tokens/s", console, bare,
                "bare SDK SendPipelineExecutionStepFailure, " + THREADS + " threads, no journal",
                String.format(Locale.ROOT, "%.2f×", ratio), "≥ 0.8×", ratio >= 0.8));
        figures.add(fail.cpuPerToken());
        figures.add(withNetworkLatency(fail, runs));
        Samples perToken = new Samples();
        for (double rate : console.values()) {
            perToken.add(1000 / rate);
        }
        double faster = cli.median() / perToken.median();
        figures.add(new Figure("the same, per token (wall time of the bulk run / tokens)", "ms", perToken,
                cli, "AWS CLI, one process per call (" + cli.count() + " calls)",
                cli.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f× faster", faster), "≥ 100× faster per token",
                cli.isEmpty() ? null : faster >= 100));
        return figures;
    }

    /**
     * Where the loopback time goes: with nothing between client and servers, both sides keep this machine's cores busy,
     * so tokens/s follows CPU per token, and the console's includes journaling and deleting the messages.
     */
    private Figure cpuPerToken() {
        double ratio = Samples.medianRatio(consoleCpu.micros, bareCpu.micros);
        return new Figure("the same on loopback: CPU per token of the whole process (client, journal, ElasticMQ,"
                + " simulator)", "µs", consoleCpu.micros, bareCpu.micros,
                "bare SDK calls, nothing journaled or deleted", String.format(Locale.ROOT,
                "%.1f× the CPU; cores busy %.1f and %.1f of %d", ratio, consoleCpu.coresBusy.median(),
                bareCpu.coresBusy.median(), Runtime.getRuntime().availableProcessors()), "—", null);
    }

    /** CPU time of this process over a timed run, per token, and how many cores it kept busy on average. */
    private static final class CpuPerToken {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        final Samples micros = new Samples();
        final Samples coresBusy = new Samples();
        private long cpuStart;
        private long wallStart;

        void start() {
            cpuStart = OS.getProcessCpuTime();
            wallStart = System.nanoTime();
        }

        void stop(int tokens) {
            long cpu = OS.getProcessCpuTime() - cpuStart;
            micros.add(cpu / 1e3 / tokens);
            coresBusy.add((double) cpu / (System.nanoTime() - wallStart));
        }
    }

    /**
     * The same pair with every SageMaker call held {@value #CALL_LATENCY_MILLIS} ms by the simulator, as the round
     * trip to a region is: on loopback both sides are bound by this machine's CPU, which the journal and the message
     * deletes share with the simulators; with a network in between, the pipeline hides the journal behind the calls.
     */
    private static Figure withNetworkLatency(FailBenchmark fail, int runs) throws Exception {
        SimulatorFaults faults = fail.bench.sandbox.simulator().faults();
        faults.latency(SEND_FAILURE, Duration.ofMillis(CALL_LATENCY_MILLIS), Duration.ZERO);
        try {
            Samples console = new Samples();
            Samples bare = new Samples();
            ConsoleBenchmark.alternate(runs, fail::console, fail::bare, console, bare,
                    "fail with " + CALL_LATENCY_MILLIS + " ms per call, run %d: console %.0f tokens/s, bare %.0f tokens/s");
            double ratio = Samples.medianRatio(console, bare);
            return new Figure("the same with " + CALL_LATENCY_MILLIS + " ms per SageMaker call (a round trip to a"
                    + " region, held by the simulator)", "tokens/s", console, bare,
                    "bare SDK, " + THREADS + " threads, the same " + CALL_LATENCY_MILLIS + " ms per call",
                    String.format(Locale.ROOT, "%.2f×", ratio), "≥ 0.8×", ratio >= 0.8);
        } finally {
            faults.clear();
        }
    }

    /**
     * Tokens per second through the session's bulk path (the one the window's bulk fail and {@code fail --pipeline}
     * use), {@value #THREADS} calls at once, from the start of the run to its summary: every intent journaled and
     * fsynced before its call, every outcome before its message is deleted, every message deleted.
     */
    double console() throws Exception {
        Path historyFile = Files.createTempDirectory(scratch, "fail").resolve("history.db");
        return console(() -> HistoryStore.open(historyFile, "bench"));
    }

    /** As {@link #console()}, journaling in the history {@code history} opens (a team history, say). */
    double console(Supplier<HistoryStore> history) throws Exception {
        try (ConsoleSession session = ConsoleSession.open(bench.connection, history,
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(2), 0))) {
            startExecutions(tokens);
            List<CallbackToken> pending = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            // As an operator would: select the rows once they show their context (the stale check needs it), so the
            // context look-ups the poll starts are not running during the measurement.
            while (pending.size() < tokens || !everyContextFound(session, pending)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + pending.size() + " of " + tokens
                            + " tokens arrived with their context");
                }
                pending = session.pending().pollOnce().pending().stream().map(PendingCallback::token).toList();
            }
            long start = System.nanoTime();
            consoleCpu.start();
            BulkSubmission.Summary summary = session.decisions().submitFailures(pending, FailureReason.of(REASON),
                    THREADS,
                    outcome -> { }, () -> false);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (recordingCpu) {
                consoleCpu.stop(tokens);
            }
            if (!summary.allAccepted()) {
                summary.outcomes().stream().filter(o -> !o.sent() || !o.result().accepted()).limit(3)
                        .forEach(o -> ConsoleBenchmark.log("not accepted: %s", o));
                throw new IllegalStateException(summary.tally());
            }
            return tokens / seconds;
        } finally {
            purgeQueues();
        }
    }

    private static boolean everyContextFound(ConsoleSession session, List<CallbackToken> pending) {
        return pending.stream().allMatch(t -> session.pending().contextOf(t).lookup() == CallbackContext.Lookup.FOUND);
    }

    /** Tokens per second of bare SDK calls on as many threads. */
    private double bare() throws Exception {
        List<String> toFail = tokensOf(startExecutions(tokens));
        try {
            bareCpu.start();
            double seconds = inParallel(toFail.size(), i -> bench.bareSageMaker.sendPipelineExecutionStepFailure(b -> b
                    .callbackToken(toFail.get(i)).failureReason(REASON).clientRequestToken(UUID.randomUUID().toString())));
            if (recordingCpu) {
                bareCpu.stop(tokens);
            }
            return tokens / seconds;
        } finally {
            purgeQueues();
        }
    }

    /** Milliseconds of each call of the AWS CLI, one process per token, one after another. */
    private void cli(int calls, Consumer<Double> milliseconds) throws Exception {
        List<String> toFail = tokensOf(startExecutions(calls));
        try {
            for (String token : toFail) {
                ProcessBuilder process = new ProcessBuilder(AWS_CLI, "sagemaker", "send-pipeline-execution-step-failure",
                        "--callback-token", token, "--failure-reason", REASON,
                        "--endpoint-url", bench.sandbox.sageMakerEndpoint().toString(),
                        "--region", bench.sandbox.region(), "--output", "json")
                        .redirectErrorStream(true);
                Map<String, String> env = process.environment();
                env.put("AWS_ACCESS_KEY_ID", "sandbox");
                env.put("AWS_SECRET_ACCESS_KEY", "sandbox");
                env.put("AWS_CONFIG_FILE", "/dev/null");
                env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
                env.put("AWS_PAGER", "");
                long start = System.nanoTime();
                Process p = process.start();
                String output = new String(p.getInputStream().readAllBytes());
                int exit = p.waitFor();
                double ms = (System.nanoTime() - start) / 1e6;
                if (exit != 0) {
                    throw new IllegalStateException("aws exited " + exit + ": " + output);
                }
                milliseconds.accept(ms);
            }
        } finally {
            purgeQueues();
        }
    }

    private List<String> startExecutions(int count) {
        List<String> executions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            executions.add(bench.sandbox.simulator().startExecution(PIPELINE, Map.of()));
        }
        return executions;
    }

    private List<String> tokensOf(List<String> executions) {
        List<String> tokens = new ArrayList<>(executions.size());
        for (String arn : executions) {
            String token = bench.sandbox.simulator().callbackToken(arn, STEP);
            if (token == null) {
                throw new IllegalStateException("the callback step of " + arn + " has not started");
            }
            tokens.add(token);
        }
        return tokens;
    }

    /** The bare runs and the CLI leave their messages on the queues: the next session must not see them. */
    private void purgeQueues() {
        for (String queueUrl : bench.sandbox.queueUrls()) {
            bench.bareSqs.purgeQueue(b -> b.queueUrl(queueUrl));
        }
    }

    interface Call {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} calls on {@value #THREADS} threads, each taking the next index; returns the wall seconds. */
    private static double inParallel(int count, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        AtomicInteger next = new AtomicInteger();
        try {
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        call.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
