package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Not a test: the auditor's reads on a team history beside the same on an SQLite file, in one run, on the same
 * decisions ({@link AuditHistoryFill}: intent and outcome each). Fills both, checks both chains with {@code verify},
 * then prints for each backend the p50 and p95 of {@value #SAMPLES} runs of each search and filter, on raw events and
 * on decisions (what the History view waits for: the first count, up to {@link AuditLog#ROWS_COUNTED_FIRST}, and the
 * first page of 200), and the rows per second of each export (events and decisions, CSV and JSON Lines, every row,
 * to a null stream; median of {@value #EXPORT_RUNS}). Each figure is also a {@code FIGURE key value} line. Run after
 * {@code mvn -B -q test-compile} with the test class path:
 *
 * <pre>
 * mvn -B -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat cp.txt) \
 *     io.callbackconsole.history.TeamHistoryAuditMeasurement [decisions] [--append] [--only queries|exports]
 * </pre>
 *
 * {@code decisions} defaults to 500 000 (1 000 000 rows), filled fast (a multi-row INSERT in one transaction on
 * SQLite, {@code COPY FROM STDIN} on the server: a few minutes); {@code --append} fills through
 * {@link HistoryStore#append} instead, as consoles write (~25 min for 1 000 000 rows on the server).
 */
public final class TeamHistoryAuditMeasurement {
    private static final int SAMPLES = 20;
    private static final int EXPORT_RUNS = 3;

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int decisions = positional.isEmpty() ? 500_000 : Integer.parseInt(positional.get(0));
        boolean append = Arrays.asList(args).contains("--append");
        int only = Arrays.asList(args).indexOf("--only");
        String part = only >= 0 && only + 1 < args.length ? args[only + 1] : "all";
        System.out.printf("%,d decisions (%,d rows), %s fill; load average %.2f%n", decisions, 2L * decisions,
                append ? "append" : "fast", load());

        Path file = Files.createTempDirectory("audit-measure").resolve("history.db");
        String database = TestPostgres.freshDatabase();
        fill(file, database, decisions, append);
        try (AuditLog onFile = AuditLog.open(file);
             AuditLog onTeam = AuditLog.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                     TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD))) {
            verify("SQLite", onFile);
            verify("team", onTeam);
            if (!part.equals("exports")) {
                queries(onFile, onTeam, decisions);
            }
            if (!part.equals("queries")) {
                exports(onFile, onTeam, database);
            }
        }
        System.out.printf("load average at the end %.2f%n", load());
    }

    private static void fill(Path file, String database, int decisions, boolean append) throws Exception {
        long start = System.nanoTime();
        if (append) {
            try (HistoryStore sqlite = HistoryStore.open(file, AuditHistoryFill.CONSOLE_VERSION)) {
                AuditHistoryFill.append(sqlite, 0, decisions);
            }
        } else {
            AuditHistoryFill.fastFillSqlite(file, decisions);
        }
        double sqliteSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        try (HistoryStore team = TeamHistories.openAsOwner(database)) {
            if (append) {
                AuditHistoryFill.append(team, 0, decisions);
            }
        }
        if (!append) {
            try (Connection c = TestPostgres.superuserOn(database)) {
                AuditHistoryFill.fastFillTeam(c, decisions);
            }
        } else {
            TestPostgres.execute(database, "VACUUM ANALYZE submission_event");
        }
        double teamSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("filled (%s): SQLite %.1f s, team history %.1f s (%,d rows each)%n",
                append ? "HistoryStore.append" : "fast", sqliteSeconds, teamSeconds, 2L * decisions);
        figure("fill.sqlite_s", sqliteSeconds);
        figure("fill.team_s", teamSeconds);
    }

    private static void verify(String backend, AuditLog log) {
        long start = System.nanoTime();
        ChainVerification result = log.verify();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("verify %s: %.1f s, %s%n", backend, seconds, result.summary());
        if (!result.intact()) {
            throw new IllegalStateException("The filled " + backend + " history does not verify: " + result.summary());
        }
    }

    static void queries(AuditLog onFile, AuditLog onTeam, int decisions) {
        Random random = new Random(11);
        Map<String, Supplier<AuditFilter>> filters = new LinkedHashMap<>();
        filters.put("search.token", () -> text(AuditHistoryFill.tokenOf(random.nextInt(decisions))));
        filters.put("search.execution", () -> text("ex" + AuditHistoryFill.tokenOf(random.nextInt(decisions))
                .toLowerCase(Locale.ROOT)));
        filters.put("search.rare_word", () -> text("OPS-" + random.nextInt(10_000)));
        filters.put("search.words", () -> text(word(random) + " " + word(random)));
        filters.put("filter.pipeline", () -> new AuditFilter(null, null, "pipeline-" + AuditHistoryFill.WORDS[
                random.nextInt(20)] + "-" + random.nextInt(20), null, null, null, null));
        filters.put("filter.operator_outcome", () -> new AuditFilter(null, null, null,
                AuditHistoryFill.OPERATORS[random.nextInt(10)], null, random.nextBoolean() ? "ACCEPTED" : "REFUSED",
                null));
        filters.put("filter.one_day", () -> {
            Instant from = AuditHistoryFill.START.plusSeconds(86_400L * random.nextInt(
                    Math.max(1, (int) (13L * decisions / 86_400))));
            return new AuditFilter(from, from.plusSeconds(86_400), null, null, null, null, null);
        });
        filters.put("filter.outcome_refused", () -> new AuditFilter(null, null, null, null, null, "REFUSED", null));
        System.out.printf("%-26s %22s %22s %22s %22s%n", "p50 / p95 ms", "SQLite events", "team events",
                "SQLite decisions", "team decisions");
        for (Map.Entry<String, Supplier<AuditFilter>> filter : filters.entrySet()) {
            double[] fileEvents = sample(filter.getValue(), f -> events(onFile, f));
            double[] teamEvents = sample(filter.getValue(), f -> events(onTeam, f));
            double[] fileDecisions = sample(filter.getValue(), f -> decisions(onFile, f));
            double[] teamDecisions = sample(filter.getValue(), f -> decisions(onTeam, f));
            System.out.printf("%-26s %22s %22s %22s %22s%n", filter.getKey(), p50p95(fileEvents), p50p95(teamEvents),
                    p50p95(fileDecisions), p50p95(teamDecisions));
            figure("sqlite.events." + filter.getKey() + ".p95_ms", p95(fileEvents));
            figure("team.events." + filter.getKey() + ".p95_ms", p95(teamEvents));
            figure("sqlite.decisions." + filter.getKey() + ".p95_ms", p95(fileDecisions));
            figure("team.decisions." + filter.getKey() + ".p95_ms", p95(teamDecisions));
        }
    }

    /**
     * Each export on SQLite, on the team history as the console exports (COPY), and on the team history as it
     * exported before COPY (through a cursor, each decision's outcome looked up), the three in turn, in a rotating
     * order so a busy moment of the machine favours none.
     */
    private static void exports(AuditLog onFile, AuditLog onTeam, String database) throws Exception {
        for (String kind : List.of("events", "decisions")) {
            for (ExportFormat format : ExportFormat.values()) {
                List<Rate> ways = List.of(() -> exportRate(onFile, kind, format), () -> exportRate(onTeam, kind, format),
                        () -> cursorExportRate(database, kind, format));
                double[][] rates = new double[ways.size()][EXPORT_RUNS];
                for (int run = 0; run < EXPORT_RUNS; run++) {
                    for (int k = 0; k < ways.size(); k++) {
                        int way = (k + run) % ways.size();
                        rates[way][run] = ways.get(way).measure();
                    }
                }
                String[] names = {"sqlite", "team", "team_cursor"};
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "export %-9s %-10s", kind, format));
                for (int way = 0; way < ways.size(); way++) {
                    double[] r = rates[way];
                    Arrays.sort(r);
                    line.append(String.format(Locale.ROOT, "  %s %,9.0f rows/s (%,.0f–%,.0f)", names[way],
                            r[EXPORT_RUNS / 2], r[0], r[EXPORT_RUNS - 1]));
                    figure(names[way] + ".export." + kind + "." + format.extension() + ".rows_per_s",
                            r[EXPORT_RUNS / 2]);
                }
                System.out.println(line.append(String.format(Locale.ROOT, "; COPY/cursor %.2f×; load %.2f",
                        rates[1][EXPORT_RUNS / 2] / rates[2][EXPORT_RUNS / 2], load())));
            }
        }
    }

    /** SQLite and the team history (COPY) alternating, each export {@value #EXPORT_RUNS} times. */
    static void exportsOf(AuditLog onFile, AuditLog onTeam) {
        for (String kind : List.of("events", "decisions")) {
            for (ExportFormat format : ExportFormat.values()) {
                double[][] rates = new double[2][EXPORT_RUNS];
                for (int run = 0; run < EXPORT_RUNS; run++) {
                    rates[run % 2][run] = exportRate(run % 2 == 0 ? onFile : onTeam, kind, format);
                    rates[(run + 1) % 2][run] = exportRate(run % 2 == 0 ? onTeam : onFile, kind, format);
                }
                Arrays.sort(rates[0]);
                Arrays.sort(rates[1]);
                System.out.printf(Locale.ROOT, "export %-9s %-10s sqlite %,9.0f rows/s  team %,9.0f rows/s; load %.2f%n",
                        kind, format, rates[0][EXPORT_RUNS / 2], rates[1][EXPORT_RUNS / 2], load());
                figure("sqlite.export." + kind + "." + format.extension() + ".rows_per_s", rates[0][EXPORT_RUNS / 2]);
                figure("team.export." + kind + "." + format.extension() + ".rows_per_s", rates[1][EXPORT_RUNS / 2]);
            }
        }
    }

    @FunctionalInterface
    private interface Rate {
        double measure() throws Exception;
    }

    /** The team history's export as it was before COPY: rows through a cursor, the same header and bytes. */
    private static double cursorExportRate(String database, String kind, ExportFormat format) throws Exception {
        int schema = HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS);
        TextMatchProbe probe = new TextMatchProbe(AuditSql.POSTGRES);
        AuditExporter exporter = new AuditExporter(null, 1_000, false, AuditExporter.MANY_DECISIONS);
        PostgresDialect dialect = new PostgresDialect(TeamHistories.location(database, TestPostgres.SUPERUSER),
                TestPostgres.SUPERUSER);
        long start = System.nanoTime();
        ExportSummary summary;
        try (Connection c = TestPostgres.superuserOn(database)) {
            summary = dialect.inReadSnapshot(c, snapshot -> {
                try {
                    return kind.equals("events")
                            ? exporter.exportEvents(snapshot, new EventQueries(AuditSql.POSTGRES, schema, probe),
                            AuditFilter.everything(), AuditSort.NEWEST_FIRST, format, OutputStream.nullOutputStream(),
                            Instant.now())
                            : exporter.exportDecisions(snapshot, new DecisionQueries(AuditSql.POSTGRES, schema, probe),
                            AuditFilter.everything(), DecisionSort.NEWEST_FIRST, format,
                            OutputStream.nullOutputStream(), Instant.now());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return summary.rows() / ((System.nanoTime() - start) / 1e9);
    }

    private static double exportRate(AuditLog log, String kind, ExportFormat format) {
        long start = System.nanoTime();
        ExportSummary summary = kind.equals("events")
                ? log.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, format, OutputStream.nullOutputStream(),
                Instant.now())
                : log.exportDecisions(AuditFilter.everything(), DecisionSort.NEWEST_FIRST, format,
                OutputStream.nullOutputStream(), Instant.now());
        return summary.rows() / ((System.nanoTime() - start) / 1e9);
    }

    private static AuditFilter text(String text) {
        return AuditFilter.everything().withText(text);
    }

    private static String word(Random random) {
        return AuditHistoryFill.WORDS[random.nextInt(AuditHistoryFill.WORDS.length)];
    }

    /** What the History view does on a filter change: count up to its limit, then the first page. */
    private static long events(AuditLog log, AuditFilter filter) {
        return log.countUpTo(filter, AuditLog.ROWS_COUNTED_FIRST + 1)
                + log.page(filter, AuditSort.NEWEST_FIRST, 0, 200).size();
    }

    private static long decisions(AuditLog log, AuditFilter filter) {
        return log.countDecisionsUpTo(filter, AuditLog.ROWS_COUNTED_FIRST + 1)
                + log.decisionPage(filter, DecisionSort.NEWEST_FIRST, 0, 200).size();
    }

    /** Sorted times of {@value #SAMPLES} runs, each on the next filter, after one untimed run. */
    private static double[] sample(Supplier<AuditFilter> filters, Function<AuditFilter, Long> work) {
        work.apply(filters.get());
        double[] ms = new double[SAMPLES];
        for (int i = 0; i < ms.length; i++) {
            AuditFilter filter = filters.get();
            long start = System.nanoTime();
            work.apply(filter);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static double p95(double[] sorted) {
        return sorted[(int) Math.ceil(0.95 * (sorted.length - 1))];
    }

    private static String p50p95(double[] sorted) {
        return String.format(Locale.ROOT, "%.1f / %.1f", sorted[(sorted.length - 1) / 2], p95(sorted));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void figure(String key, double value) {
        System.out.printf(Locale.ROOT, "FIGURE %s %.3f%n", key, value);
    }
}
