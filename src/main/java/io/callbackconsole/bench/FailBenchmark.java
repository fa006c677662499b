package io.callbackconsole.bench;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
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

/**
 * Fails tokens in bulk through {@link ConsoleSession#submitFailure} (journal intent, call, journal outcome, delete the
 * message) from {@value #THREADS} threads, against bare {@code SendPipelineExecutionStepFailure} calls from as many
 * threads with no journal; and per token against the AWS CLI, one process per call.
 */
final class FailBenchmark {
    static final int THREADS = 4;
    private static final String PIPELINE = "manual-approval";
    private static final String STEP = "ManualReview";
    private static final String REASON = "Rejected in the benchmark: the model's recall is below the threshold";
    private static final String AWS_CLI = "/usr/bin/aws";
    private static final int CLI_CALLS = 20;

    private final SandboxBench bench;
    private final Path scratch;
    private final int tokens;
    private int sessions;

    private FailBenchmark(SandboxBench bench, Path scratch, int tokens) {
        this.bench = bench;
        this.scratch = scratch;
        this.tokens = tokens;
    }

    static List<Figure> run(SandboxBench bench, Path scratch, int tokens, int runs) throws Exception {
        FailBenchmark fail = new FailBenchmark(bench, scratch, tokens);
        ConsoleBenchmark.log("fail: warm-up");
        fail.console();
        fail.bare();
        Samples console = new Samples();
        Samples bare = new Samples();
        Samples cli = new Samples();
        boolean cliThere = Files.isExecutable(Path.of(AWS_CLI));
        int cliPerRun = (CLI_CALLS + runs - 1) / runs;
        for (int run = 1; run <= runs; run++) {
            if (run % 2 == 1) {
                console.add(fail.console());
                bare.add(fail.bare());
            } else {
                bare.add(fail.bare());
                console.add(fail.console());
            }
            if (cliThere) {
                fail.cli(cliPerRun, cli::add);
            }
            ConsoleBenchmark.log("fail run %d: console %.0f tokens/s, bare %.0f tokens/s, CLI %s", run,
                    ConsoleBenchmark.last(console), ConsoleBenchmark.last(bare),
                    cli.isEmpty() ? "—" : String.format(Locale.ROOT, "%.0f ms per call so far", cli.median()));
        }
        double ratio = console.median() / bare.median();
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure("fail " + String.format(Locale.ROOT, "%,d", tokens).replace(',', ' ')
                + " tokens in bulk through the journal, " + THREADS + " threads", "tokens/s", console, bare,
                "bare SDK SendPipelineExecutionStepFailure, " + THREADS + " threads, no journal",
                String.format(Locale.ROOT, "%.2f×", ratio), "≥ 0.8×", ratio >= 0.8));
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

    /** Tokens per second through the session, from the first submission to the last answer. */
    private double console() throws Exception {
        Path historyFile = Files.createTempDirectory(scratch, "fail").resolve("history.db");
        try (ConsoleSession session = ConsoleSession.open(bench.connection, historyFile, "bench",
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(2), 0))) {
            List<String> executions = startExecutions(tokens);
            List<CallbackToken> pending = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (pending.size() < tokens) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + pending.size() + " of " + tokens + " tokens arrived");
                }
                pending = session.pollOnce().pending().stream().map(PendingCallback::token).toList();
            }
            FailureReason reason = FailureReason.of(REASON);
            AtomicInteger failures = new AtomicInteger();
            List<CallbackToken> toFail = pending;
            double seconds = inParallel(toFail.size(), i -> {
                SubmissionResult result = session.submitFailure(toFail.get(i), reason);
                if (!result.accepted()) {
                    failures.incrementAndGet();
                    ConsoleBenchmark.log("not accepted: %s", result.message());
                }
            });
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " submissions were not accepted");
            }
            assert executions.size() == tokens;
            return tokens / seconds;
        } finally {
            purgeQueues();
        }
    }

    /** Tokens per second of bare SDK calls on as many threads. */
    private double bare() throws Exception {
        List<String> toFail = tokensOf(startExecutions(tokens));
        try {
            return tokens / inParallel(toFail.size(), i -> bench.bareSageMaker.sendPipelineExecutionStepFailure(b -> b
                    .callbackToken(toFail.get(i)).failureReason(REASON).clientRequestToken(UUID.randomUUID().toString())));
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
