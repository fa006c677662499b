package io.callbackconsole.history.bench;

import io.callbackconsole.history.AuditChain;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.ExportSummary;
import io.callbackconsole.history.HistoryStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Measures the History view's reads on a large history (not a test: numbers depend on the machine). Fills a history
 * with N rows (default 1 000 000: half intents, half outcomes, hash-chained, indexed), then reports the time to open
 * the view (open, first count, first page), p50/p95 of free-text searches and filter changes (what the view does
 * before rows show: a count up to {@link AuditLog#ROWS_COUNTED_FIRST}, then the first page), CSV and JSON Lines
 * export of every row (rows/s, against the {@code sqlite3} shell's CSV of the same rows), the live heap during an
 * export, and verify. Each figure is printed for people and as a {@code FIGURE key value} line, which the benchmark
 * suite ({@code bench/ConsoleBenchmark}) turns into rows of its table. With rounds, every figure but the fill and the
 * live heap is measured once per round.
 *
 * <pre>
 * mvn -B -q package -DskipTests
 * java -Xmx512m -cp target/callback-console.jar io.callbackconsole.history.bench.AuditBenchmark [rows] [directory]
 *     [rounds] [--reuse]
 * </pre>
 * {@code --reuse} measures the history.db already in the directory instead of filling a new one (the fill of a
 * million rows takes minutes).
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
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int rows = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 1_000_000;
        Path directory = positional.size() > 1 ? Path.of(positional.get(1)) : Files.createTempDirectory("audit-bench");
        int rounds = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 1;
        boolean reuse = Arrays.asList(args).contains("--reuse");
        Path file = directory.resolve("history.db");
        System.out.printf("History: %s, %,d rows, max heap %d MiB%n", file, rows,
                Runtime.getRuntime().maxMemory() >> 20);

        List<String> tokens;
        if (reuse && Files.exists(file)) {
            tokens = tokensOf(file);
            System.out.printf("reused the history there: %,d intents, file %,d MiB%n", tokens.size(),
                    Files.size(file) >> 20);
        } else {
            Files.deleteIfExists(file);
            long fillStart = System.nanoTime();
            tokens = fill(file, rows, new Random(42));
            System.out.printf("fill: %.1f s, file %,d MiB%n", seconds(fillStart), Files.size(file) >> 20);
        }
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) {
                System.out.printf("%nround %d of %d%n", round, rounds);
            }
            measure(file, directory, tokens, new Random(7L * round), round);
        }
    }

    /** One round of every figure; prints each for people and as a {@code FIGURE key value} line for the suite. */
    private static void measure(Path file, Path directory, List<String> tokens, Random random, int round)
            throws Exception {
        long openStart = System.nanoTime();
        try (AuditLog log = AuditLog.open(file)) {
            long counted = log.countUpTo(AuditFilter.everything(), AuditLog.ROWS_COUNTED_FIRST + 1);
            List<AuditRecord> first = log.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 200);
            double openMs = millis(openStart);
            long countStart = System.nanoTime();
            long count = log.count(AuditFilter.everything());
            double countMs = millis(countStart);
            long choicesStart = System.nanoTime();
            List<String> pipelines = log.distinctValues(AuditColumn.PIPELINE_NAME);
            List<String> operators = log.distinctValues(AuditColumn.OPERATOR);
            log.distinctValues(AuditColumn.ACTION);
            System.out.printf("open view (open + count up to %,d + first page of %d): %.1f ms; then the exact count"
                    + " of %,d rows: %.1f ms; filter choices: %.1f ms%n", counted, first.size(), openMs, count,
                    countMs, millis(choicesStart));
            figure("open_ms", openMs);

            report("search.token", "search, a token (first count + first page)", sample(() -> {
                AuditFilter f = AuditFilter.everything().withText(tokens.get(random.nextInt(tokens.size())));
                return view(log, f);
            }));
            report("search.execution", "search, an execution id (first count + first page)", sample(() -> {
                String token = tokens.get(random.nextInt(tokens.size()));
                return view(log, AuditFilter.everything().withText("ex" + token.toLowerCase()));
            }));
            report("search.words", "search, two reason words (first count + first page)",
                    sample(() -> view(log, AuditFilter.everything().withText(twoWords(random)))));
            report("count.words", "  then the exact count of two reason words (in the background)",
                    sample(() -> (int) log.count(AuditFilter.everything().withText(twoWords(random)))));
            double[] pipeline = sample(() -> view(log, new AuditFilter(null, null,
                    pipelines.get(random.nextInt(pipelines.size())), null, null, null, null)));
            report(null, "filter change: pipeline (first count + first page)", pipeline);
            double[] operatorOutcome = sample(() -> view(log,
                    new AuditFilter(null, null, null, operators.get(random.nextInt(operators.size())), null,
                            random.nextBoolean() ? "ACCEPTED" : "REFUSED", null)));
            report(null, "filter change: operator + outcome (first count + first page)", operatorOutcome);
            double[] oneDay = sample(() -> {
                Instant from = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(300));
                return view(log, new AuditFilter(from, from.plusSeconds(86_400), null, null, null, null, null));
            });
            report(null, "filter change: one day (first count + first page)", oneDay);
            report("filter", "filter change, the three above together", pooled(pipeline, operatorOutcome, oneDay));
            report(null, "scroll: a page deep in the list (offset up to all rows)", sample(() -> {
                long offset = (long) random.nextInt((int) Math.max(1, count - 200));
                return log.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, offset, 200).size();
            }));
            report(null, "sort by an unindexed column (first page)", sample(3, () ->
                    log.page(AuditFilter.everything(), new AuditSort(AuditColumn.REASON, true), 0, 200).size()));

            measureDecisions(log, tokens, random);

            // Alternate the order, so a busy moment of the machine favours none of the three.
            List<String> exports = new ArrayList<>(List.of("sqlite3", ExportFormat.CSV.name(),
                    ExportFormat.JSON_LINES.name()));
            Collections.rotate(exports, round - 1);
            for (String export : exports) {
                if (export.equals("sqlite3")) {
                    sqlite3Csv(file, directory);
                } else {
                    export(log, directory, ExportFormat.valueOf(export));
                }
            }
            if (round == 1) {
                liveHeapDuringExport(log, directory);
            }

            long verifyStart = System.nanoTime();
            ChainVerification result = log.verify();
            double verifySeconds = seconds(verifyStart);
            System.out.printf("verify: %.2f s — %s%n", verifySeconds, result.summary());
            figure("verify_s", verifySeconds);
        }
    }

    /**
     * The decision view (one row per intent, joined with its latest outcome and its attempts): what the History tab
     * does on opening and on a search (a count up to its limit, then the first page of decisions with their rows),
     * and a page deep in the list.
     */
    private static void measureDecisions(AuditLog log, List<String> tokens, Random random) {
        long decisions = log.countDecisions(AuditFilter.everything());
        report(null, "decisions: open view (count up to " + AuditLog.ROWS_COUNTED_FIRST + " + first page of 200"
                + " with their rows)", sample(() -> decisionView(log, AuditFilter.everything())));
        report(null, "decisions: exact count of " + decisions + " decisions", sample(() ->
                (int) log.countDecisions(AuditFilter.everything())));
        report(null, "decisions: a page deep in the list (offset up to all decisions)", sample(() -> {
            long offset = (long) random.nextInt((int) Math.max(1, decisions - 200));
            return log.decisionPage(AuditFilter.everything(), DecisionSort.NEWEST_FIRST, offset, 200).size();
        }));
        report(null, "decisions: search, a token (first count + first page)", sample(() -> decisionView(log,
                AuditFilter.everything().withText(tokens.get(random.nextInt(tokens.size()))))));
        report(null, "decisions: search, two reason words (first count + first page)", sample(() ->
                decisionView(log, AuditFilter.everything().withText(twoWords(random)))));
        report(null, "decisions: filter change, outcome REFUSED (first count + first page)", sample(() ->
                decisionView(log, new AuditFilter(null, null, null, null, null, "REFUSED", null))));
    }

    private static int decisionView(AuditLog log, AuditFilter filter) {
        log.countDecisionsUpTo(filter, AuditLog.ROWS_COUNTED_FIRST + 1);
        return log.decisionPage(filter, DecisionSort.NEWEST_FIRST, 0, 200).size();
    }

    private static String twoWords(Random random) {
        return WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)];
    }

    private static void export(AuditLog log, Path directory, ExportFormat format) throws Exception {
        Path out = directory.resolve("export." + format.extension());
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        ExportSummary summary;
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            summary = log.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, format, stream, Instant.now());
        }
        double s = seconds(start);
        long peak = heap.stop();
        System.out.printf("export %s of all rows: %,d rows in %.2f s = %,.0f rows/s, %,d MiB, heap used (garbage"
                + " included) peaked %,d MiB above the %,d MiB before%n", format, summary.rows(), s,
                summary.rows() / s, Files.size(out) >> 20, peak >> 20, heap.baseline >> 20);
        figure("export." + format.extension() + ".rows_per_s", summary.rows() / s);
        Files.delete(out);
    }

    /**
     * The same rows in the same order through the {@code sqlite3} shell's CSV mode, the natural limit of reading
     * them: SQLite without a JVM, a driver or escaping of ours. Skipped when the shell is not installed.
     */
    private static void sqlite3Csv(Path file, Path directory) throws Exception {
        Path out = directory.resolve("export-sqlite3.csv");
        String columns = String.join(", ", Arrays.stream(AuditColumn.values()).map(AuditColumn::sqlName).toList());
        long rows;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                     "SELECT count(*) FROM submission_event")) {
            rows = r.next() ? r.getLong(1) : 0;
        }
        Process shell;
        long start = System.nanoTime();
        try {
            shell = new ProcessBuilder("sqlite3", "-csv", file.toString(), "SELECT " + columns
                    + " FROM submission_event ORDER BY recorded_at DESC, seq DESC")
                    .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            System.out.println("sqlite3 -csv: not measured, no sqlite3 shell (" + e.getMessage() + ")");
            return;
        }
        if (shell.waitFor() != 0) {
            throw new IllegalStateException("sqlite3 exited with " + shell.exitValue());
        }
        double s = seconds(start);
        System.out.printf("sqlite3 -csv of the same rows (baseline): %,d rows in %.2f s = %,.0f rows/s, %,d MiB%n",
                rows, s, rows / s, Files.size(out) >> 20);
        figure("export.sqlite3.rows_per_s", rows / s);
        Files.delete(out);
    }

    /**
     * Live heap during a CSV export (not timed): a full GC every 200 ms, the heap used right after it. Whether the
     * export holds rows shows here, where the peak of used heap mostly shows how much garbage the young generation
     * holds before it is collected.
     */
    private static void liveHeapDuringExport(AuditLog log, Path directory) throws Exception {
        Path out = directory.resolve("export-heap.csv");
        HeapWatch live = HeapWatch.start(200, true);
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            log.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, ExportFormat.CSV, stream, Instant.now());
        }
        double riseMib = live.stop() / (1024.0 * 1024);
        Files.delete(out);
        System.out.printf("live heap during a CSV export of all rows (after a full GC every 200 ms): at most %.1f MiB"
                + " above the %.1f MiB before%n", riseMib, live.baseline / (1024.0 * 1024));
        figure("export.live_heap_rise_mib", riseMib);
    }

    private static void figure(String key, double value) {
        System.out.printf(Locale.ROOT, "FIGURE %s %.3f%n", key, value);
    }

    private static List<String> tokensOf(Path file) throws Exception {
        List<String> tokens = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                     "SELECT callback_token FROM submission_event WHERE kind = 'INTENT' ORDER BY seq")) {
            while (r.next()) {
                tokens.add(r.getString(1));
            }
        }
        return tokens;
    }

    /** What the History view does on a filter change: count up to its limit, then the first page. */
    private static int view(AuditLog log, AuditFilter filter) {
        log.countUpTo(filter, AuditLog.ROWS_COUNTED_FIRST + 1);
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

    private static double[] pooled(double[]... samples) {
        double[] all = Arrays.stream(samples).flatMapToDouble(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    /** Prints percentiles of sorted samples; with a key, also p50 and p95 as figures for the suite. */
    private static void report(String key, String what, double[] sortedMs) {
        double p50 = sortedMs[(int) Math.floor(0.50 * (sortedMs.length - 1))];
        double p95 = sortedMs[(int) Math.ceil(0.95 * (sortedMs.length - 1))];
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, max %.1f ms (%d runs)%n", what, p50, p95,
                sortedMs[sortedMs.length - 1], sortedMs.length);
        if (key != null) {
            figure(key + ".p50_ms", p50);
            figure(key + ".p95_ms", p95);
        }
    }

    /**
     * Creates the schema through the store, then appends rows in transactions of 50 000 with the chain computed here
     * and no fsync (the store fsyncs every commit, which is right for operators and too slow for filling a million
     * rows), and builds the free-text index once at the end. Returns the callback tokens used.
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
            // The console indexes the rows of each transaction as it appends them; one rebuild does it for all here,
            // and the watermark says so (else the next append would index them all again).
            s.execute("INSERT INTO submission_event_fts (submission_event_fts) VALUES ('rebuild')");
            s.execute("UPDATE search_index_progress SET last_indexed_seq = (SELECT max(seq) FROM submission_event)");
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

    /**
     * Samples used heap every few milliseconds, optionally right after a full GC (then it is the live heap); reports
     * the peak above what was in use (after a full GC) when it started.
     */
    private static final class HeapWatch {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private long baseline;

        private HeapWatch(long intervalMillis, boolean collectFirst) {
            thread = new Thread(() -> {
                while (running.get()) {
                    if (collectFirst) {
                        System.gc();
                    }
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(intervalMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            thread.setDaemon(true);
        }

        static HeapWatch start() {
            return start(5, false);
        }

        static HeapWatch start(long intervalMillis, boolean collectFirst) {
            System.gc();
            HeapWatch watch = new HeapWatch(intervalMillis, collectFirst);
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
