package io.callbackconsole.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark suite of the console against its baselines, measured side by side in the same runs. A main, not a
 * test: {@code mvn -B -q -Pbench -DskipTests package} runs it (see the README's Performance section). It starts its
 * own sandbox on loopback, warms up, runs each figure several times and prints a Markdown table.
 *
 * <p>Options: {@code --runs N} (5), {@code --drain N} messages (10 000), {@code --fail N} tokens (1 000),
 * {@code --rows N} pending rows (100 000), {@code --audit-rows N} (1 000 000; 0 skips the audit figures, which are
 * measured {@code --runs} times on one filled history),
 * {@code --only drain,fail,team,table,start,audit} ({@code team}: the bulk fail journaled in a team history on a
 * loopback PostgreSQL against the SQLite journal, and the live update from one console to another's History);
 * {@code --only team-audit} prints the team history's audit figures beside SQLite's
 * ({@code history/TeamHistoryAuditMeasurement}, on {@code --audit-rows} rows), not in the table.
 */
public final class ConsoleBenchmark {
    /** Untimed rounds of each pair first: the JIT is still compiling the hot paths after one. */
    static final int WARM_UP_ROUNDS = 3;

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path scratch = Files.createTempDirectory("console-bench");
        System.out.println(machine());
        List<Figure> figures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (options.only.contains("drain") || options.only.contains("fail") || options.only.contains("team")) {
            try (SandboxBench bench = SandboxBench.start()) {
                if (options.only.contains("drain")) {
                    figures.add(drain(bench, scratch, options));
                }
                if (options.only.contains("fail")) {
                    figures.addAll(FailBenchmark.run(bench, scratch, options.failTokens, options.runs));
                }
                if (options.only.contains("team")) {
                    figures.addAll(TeamHistoryBenchmark.run(bench, scratch, options.failTokens, options.runs));
                }
            }
        }
        if (options.only.contains("table")) {
            figures.addAll(ChildProcesses.pendingTable(options.rows, options.runs));
        }
        if (options.only.contains("start")) {
            figures.addAll(ChildProcesses.coldStart(options.runs, scratch));
        }
        if (options.only.contains("audit") && options.auditRows > 0) {
            ChildProcesses.Audit audit = ChildProcesses.audit(options.auditRows, options.runs, scratch);
            figures.addAll(audit.figures());
            notes.add(audit.note());
        }
        if (options.only.contains("team-audit")) {
            // Not in the default set: it starts a PostgreSQL server of its own and takes ~15 min at 1 000 000 rows.
            io.callbackconsole.history.TeamHistoryAuditMeasurement.main(new String[] {
                    Integer.toString(Math.max(1, options.auditRows / 2))});
        }
        String table = BenchmarkTable.markdown(figures);
        System.out.println();
        System.out.println(machine());
        System.out.println();
        System.out.print(table);
        notes.forEach(n -> System.out.println("\n" + n));
        Path out = Path.of("target", "bench-results.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, machine() + "\n\n" + table + String.join("\n\n", notes) + "\n");
        System.out.println("\n(also written to " + out.toAbsolutePath() + ")");
    }

    private static Figure drain(SandboxBench bench, Path scratch, Options options) throws Exception {
        DrainBenchmark drain = new DrainBenchmark(bench, scratch, options.drainMessages);
        log("drain: warm-up");
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            drain.console();
            drain.bare();
        }
        Samples console = new Samples();
        Samples bare = new Samples();
        alternate(options.runs, drain::console, drain::bare, console, bare,
                "drain run %d: console %.0f msg/s, bare %.0f msg/s");
        double ratio = Samples.medianRatio(console, bare);
        return new Figure("drain " + String.format(Locale.ROOT, "%,d", options.drainMessages).replace(',', ' ')
                + " callback messages into the pending model", "msg/s", console, bare, "bare SDK receive/delete loop, 1 thread",
                String.format(Locale.ROOT, "%.2f×", ratio), "≥ 0.9× the baseline", ratio >= 0.9);
    }

    /** One timed run of a figure or of its baseline. */
    interface Measurement {
        double measure() throws Exception;
    }

    /**
     * Runs a figure and its baseline {@code runs} times, back to back, alternating which goes first so a busy moment of
     * the machine favours neither; logs each pair with {@code logFormat} (run, console, baseline).
     */
    static void alternate(int runs, Measurement console, Measurement baseline, Samples consoleSamples,
                          Samples baselineSamples, String logFormat) throws Exception {
        for (int run = 1; run <= runs; run++) {
            if (run % 2 == 1) {
                consoleSamples.add(console.measure());
                baselineSamples.add(baseline.measure());
            } else {
                baselineSamples.add(baseline.measure());
                consoleSamples.add(console.measure());
            }
            log(logFormat, run, last(consoleSamples), last(baselineSamples));
        }
    }

    static double last(Samples s) {
        return s.lastValue();
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }

    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : -1;
        return String.format(Locale.ROOT, "Machine: %d cores, %.1f GiB memory, %s %s, JDK %s (%s), %s %s",
                Runtime.getRuntime().availableProcessors(), memory / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), "max heap of the benchmark JVM",
                (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
    }

    record Options(int runs, int drainMessages, int failTokens, int rows, int auditRows, Set<String> only) {
        static Options parse(String[] args) {
            int runs = 5;
            int drain = 10_000;
            int fail = 1_000;
            int rows = 100_000;
            int auditRows = 1_000_000;
            Set<String> only = new LinkedHashSet<>(List.of("drain", "fail", "team", "table", "start", "audit"));
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--runs" -> runs = Integer.parseInt(value);
                    case "--drain" -> drain = Integer.parseInt(value);
                    case "--fail" -> fail = Integer.parseInt(value);
                    case "--rows" -> rows = Integer.parseInt(value);
                    case "--audit-rows" -> auditRows = Integer.parseInt(value);
                    case "--only" -> only = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --runs N --drain N --fail N --rows N --audit-rows N"
                            + " --only drain,fail,team,table,start,audit,team-audit");
                }
                i++;
            }
            return new Options(runs, drain, fail, rows, auditRows, only);
        }
    }
}
