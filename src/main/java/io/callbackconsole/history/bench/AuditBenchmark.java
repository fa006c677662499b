package io.callbackconsole.history.bench;

import io.callbackconsole.history.AuditChain;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.ExportSummary;
import io.callbackconsole.history.HistoryStore;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Measures the History view's reads on a large history (not a test: numbers depend on the machine). Fills a history
 * with N rows (default 1 000 000: half intents, half outcomes, hash-chained, indexed), then reports the time to open
 * the view (open, count, first page, filter choices), p50/p95 of free-text searches and filter changes (count plus
 * first page, as the view does), CSV and JSON Lines export of every row (time, rows/s, peak heap above the baseline),
 * and verify.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -Xmx512m -cp target/callback-console.jar io.callbackconsole.history.bench.AuditBenchmark [rows] [directory]
 * </pre>
 */
public final class AuditBenchmark {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] WORDS = ("drift threshold nulls amount column schema mismatch latency regression"
            + " approval rejected manual review bias fairness accuracy precision recall label leakage outlier stale"
            + " feature store timeout quota budget owner ticket incident rollback canary shadow").split(" ");
    private static final int SAMPLES = 60;

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path directory = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("audit-bench");
        Path file = directory.resolve("history.db");
        Files.deleteIfExists(file);
        System.out.printf("History: %s, %,d rows, max heap %d MiB%n", file, rows,
                Runtime.getRuntime().maxMemory() >> 20);

        long fillStart = System.nanoTime();
        List<String> tokens = fill(file, rows, new Random(42));
        System.out.printf("fill: %.1f s, file %,d MiB%n", seconds(fillStart), Files.size(file) >> 20);

        Random random = new Random(7);
        long openStart = System.nanoTime();
        try (AuditLog log = AuditLog.open(file)) {
            long count = log.count(AuditFilter.everything());
            List<AuditRecord> first = log.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 200);
            double openMs = millis(openStart);
            long choicesStart = System.nanoTime();
            List<String> pipelines = log.distinctValues(AuditColumn.PIPELINE_NAME);
            List<String> operators = log.distinctValues(AuditColumn.OPERATOR);
            log.distinctValues(AuditColumn.ACTION);
            System.out.printf("open view (open + count %,d + first page of %d): %.1f ms; filter choices: %.1f ms%n",
                    count, first.size(), openMs, millis(choicesStart));

            report("search, a token (count + first page)", sample(() -> {
                AuditFilter f = AuditFilter.everything().withText(tokens.get(random.nextInt(tokens.size())));
                return view(log, f);
            }));
            report("search, an execution id (count + first page)", sample(() -> {
                String token = tokens.get(random.nextInt(tokens.size()));
                return view(log, AuditFilter.everything().withText("ex" + token.toLowerCase()));
            }));
            report("search, two reason words (count + first page)", sample(() -> view(log,
                    AuditFilter.everything().withText(WORDS[random.nextInt(WORDS.length)] + " "
                            + WORDS[random.nextInt(WORDS.length)]))));
            report("filter change: pipeline (count + first page)", sample(() -> view(log,
                    new AuditFilter(null, null, pipelines.get(random.nextInt(pipelines.size())), null, null, null, null))));
            report("filter change: operator + outcome (count + first page)", sample(() -> view(log,
                    new AuditFilter(null, null, null, operators.get(random.nextInt(operators.size())), null,
                            random.nextBoolean() ? "ACCEPTED" : "REFUSED", null))));
            report("filter change: one day (count + first page)", sample(() -> {
                Instant from = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(300));
                return view(log, new AuditFilter(from, from.plusSeconds(86_400), null, null, null, null, null));
            }));
            report("scroll: a page deep in the list (offset up to all rows)", sample(() -> {
                long offset = (long) random.nextInt((int) Math.max(1, count - 200));
                return log.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, offset, 200).size();
            }));
            report("sort by an unindexed column (first page)", sample(3, () ->
                    log.page(AuditFilter.everything(), new AuditSort(AuditColumn.REASON, true), 0, 200).size()));

            for (ExportFormat format : ExportFormat.values()) {
                Path out = directory.resolve("export." + format.extension());
                HeapWatch heap = HeapWatch.start();
                long start = System.nanoTime();
                ExportSummary summary;
                try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
                    summary = log.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, format, stream, Instant.now());
                }
                double s = seconds(start);
                long peak = heap.stop();
                System.out.printf("export %s of all rows: %,d rows in %.2f s = %,.0f rows/s, %,d MiB, heap peak %,d MiB"
                        + " above the %,d MiB before%n", format, summary.rows(), s, summary.rows() / s,
                        Files.size(out) >> 20, peak >> 20, heap.baseline >> 20);
                Files.delete(out);
            }

            long verifyStart = System.nanoTime();
            ChainVerification result = log.verify();
            System.out.printf("verify: %.2f s — %s%n", seconds(verifyStart), result.summary());
        }
    }

    /** What the History view does on a filter change: count, then the first page. */
    private static int view(AuditLog log, AuditFilter filter) {
        log.count(filter);
        return log.page(filter, AuditSort.NEWEST_FIRST, 0, 200).size();
    }

    private static double[] sample(Supplier<Integer> work) {
        return sample(SAMPLES, work);
    }

    private static double[] sample(int n, Supplier<Integer> work) {
        work.get(); // warm the statement cache and the pages it touches
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = millis(start);
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] sortedMs) {
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)%n", what,
                sortedMs[(int) Math.floor(0.50 * (sortedMs.length - 1))],
                sortedMs[(int) Math.ceil(0.95 * (sortedMs.length - 1))], sortedMs[sortedMs.length - 1], sortedMs.length);
    }

    /**
     * Creates the schema through the store, then appends rows in large transactions with the chain computed here
     * (the store writes one durable transaction per row, which is right for operators and far too slow for a
     * million). Returns the callback tokens used.
     */
    private static List<String> fill(Path file, int rows, Random random) throws Exception {
        HistoryStore.open(file, "bench").close();
        List<String> tokens = new ArrayList<>();
        String[] pipelines = new String[20];
        for (int i = 0; i < pipelines.length; i++) {
            pipelines[i] = "pipeline-" + WORDS[i] + "-" + i;
        }
        String[] operators = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"};
        AuditChain chain = new AuditChain();
        String previous = AuditChain.GENESIS;
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous = OFF");
            s.execute("BEGIN");
            PreparedStatement insert = null;
            List<String> names = null;
            long intentSeq = 0;
            Map<String, Object> intent = null;
            for (int seq = 1; seq <= rows; seq++) {
                Instant at = start.plusMillis(seq * 26_000L);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seq", (long) seq);
                row.put("recorded_at", TIME.format(at));
                boolean isIntent = seq % 2 == 1;
                if (isIntent) {
                    String token = randomToken(random);
                    tokens.add(token);
                    String pipeline = pipelines[random.nextInt(pipelines.length)];
                    String arn = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/" + pipeline + "/execution/ex"
                            + token.toLowerCase();
                    intent = new LinkedHashMap<>();
                    intent.put("client_request_token", "bench-" + token + "-" + Long.toHexString(random.nextLong())
                            + Long.toHexString(random.nextLong()));
                    intent.put("action", "FAIL");
                    intent.put("callback_token", token);
                    intent.put("pipeline_name", pipeline);
                    intent.put("execution_arn", arn);
                    intent.put("step_name", "ManualReview");
                    intent.put("operator", operators[random.nextInt(operators.length)]);
                    intentSeq = seq;
                    row.put("kind", "INTENT");
                    row.putAll(intent);
                    row.put("reason", WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)]
                            + " in " + WORDS[random.nextInt(WORDS.length)] + ", see OPS-" + random.nextInt(10_000));
                } else {
                    row.put("kind", "OUTCOME");
                    row.put("intent_seq", intentSeq);
                    row.putAll(intent);
                    boolean accepted = random.nextInt(10) > 0;
                    row.put("outcome", accepted ? "ACCEPTED" : "REFUSED");
                    row.put("returned_execution_arn", accepted ? intent.get("execution_arn") : null);
                    row.put("error_code", accepted ? null : "ResourceNotFound");
                    row.put("error_message", accepted ? null : "Callback token not found");
                    row.put("explanation", accepted ? null : "The step is no longer waiting.");
                    row.put("request_id", Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
                }
                row.put("caller_arn", "arn:aws:sts::012345678901:assumed-role/Ops/" + row.get("operator"));
                row.put("caller_account", "012345678901");
                row.put("profile", "ops");
                row.put("region", "us-east-2");
                row.put("connection", "ops@us-east-2");
                row.put("console_version", "bench");
                if (insert == null) {
                    names = allColumns();
                    insert = c.prepareStatement("INSERT INTO submission_event (" + String.join(", ", names)
                            + ", hash) VALUES (" + "?, ".repeat(names.size()) + "?)");
                }
                String hash = chain.next(previous, text(row));
                for (int i = 0; i < names.size(); i++) {
                    insert.setObject(i + 1, row.get(names.get(i)));
                }
                insert.setString(names.size() + 1, hash);
                insert.executeUpdate();
                previous = hash;
                if (seq % 50_000 == 0) {
                    s.execute("COMMIT");
                    s.execute("BEGIN");
                }
            }
            s.execute("COMMIT");
            if (insert != null) {
                insert.close();
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("ANALYZE");
        }
        return tokens;
    }

    private static List<String> allColumns() {
        List<String> names = new ArrayList<>();
        for (AuditColumn column : AuditColumn.values()) {
            if (column != AuditColumn.HASH) {
                names.add(column.sqlName());
            }
        }
        return names;
    }

    private static Map<String, String> text(Map<String, Object> row) {
        Map<String, String> text = new LinkedHashMap<>();
        row.forEach((k, v) -> text.put(k, v == null ? null : v.toString()));
        return text;
    }

    private static String randomToken(Random random) {
        char[] token = new char[10];
        for (int i = 0; i < token.length; i++) {
            token[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(token);
    }

    private static double millis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Samples used heap every few milliseconds; reports the peak above what was in use when it started. */
    private static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private long baseline;

        private HeapWatch() {
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            watch.baseline = watch.memory.getHeapMemoryUsage().getUsed();
            watch.thread.start();
            return watch;
        }

        long stop() throws InterruptedException {
            running.set(false);
            thread.join();
            return Math.max(0, peak.get() - baseline);
        }
    }
}
