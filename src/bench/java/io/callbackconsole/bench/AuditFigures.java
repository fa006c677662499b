package io.callbackconsole.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of the suite's table for the audit history, read from what {@code history/bench/AuditBenchmark} prints:
 * one {@code FIGURE key value} line per figure and round. Goals are the audit-history issue's: free-text search
 * p95 < 50 ms, CSV export ≥ 200 000 rows/s, heap flat during export; the other figures have none ("—").
 */
final class AuditFigures {
    static final String SEARCH_GOAL = "p95 < 50 ms";
    static final double SEARCH_P95_MS = 50;
    static final String EXPORT_GOAL = "≥ 200 000 rows/s";
    static final double EXPORT_ROWS_PER_S = 200_000;
    static final String HEAP_GOAL = "flat: < 16 MiB above the heap before";
    static final double HEAP_RISE_MIB = 16;

    private AuditFigures() {
    }

    /** Every figure's values over the rounds, by key, in the order first printed. */
    static Map<String, Samples> parse(String output) {
        Map<String, Samples> figures = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3 && parts[0].equals("FIGURE")) {
                figures.computeIfAbsent(parts[1], key -> new Samples()).add(Double.parseDouble(parts[2]));
            }
        }
        return figures;
    }

    /** What the benchmark printed for people: everything but the FIGURE lines. */
    static String text(String output) {
        List<String> lines = new ArrayList<>();
        for (String line : output.strip().split("\n")) {
            if (!line.startsWith("FIGURE ")) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    static List<Figure> figures(Map<String, Samples> measured, int rows) {
        String at = "audit, " + String.format(Locale.ROOT, "%,d", rows).replace(',', ' ') + " rows: ";
        List<Figure> figures = new ArrayList<>();
        figures.add(noGoal(at + "open the History view (open, first count, first page)", "ms",
                measured.get("open_ms")));
        search(figures, measured, at + "search a token", "search.token");
        search(figures, measured, at + "search an execution id", "search.execution");
        search(figures, measured, at + "search two common reason words", "search.words");
        figures.add(noGoal(at + "filter change (pipeline, operator + outcome, one day), p95", "ms",
                measured.get("filter.p95_ms")));
        Samples sqlite3 = measured.get("export.sqlite3.rows_per_s");
        figures.add(export(at + "export CSV of all rows", measured.get("export.csv.rows_per_s"), sqlite3, EXPORT_GOAL));
        figures.add(export(at + "export JSON Lines of all rows", measured.get("export.jsonl.rows_per_s"), sqlite3,
                EXPORT_GOAL + " (the export goal)"));
        Samples heap = measured.get("export.live_heap_rise_mib");
        figures.add(new Figure(at + "live heap rise during the CSV export (full GC every 200 ms)", "MiB",
                orEmpty(heap), null, null, "—", HEAP_GOAL, heap == null ? null : heap.max() < HEAP_RISE_MIB));
        figures.add(noGoal(at + "verify the hash chain", "s", measured.get("verify_s")));
        return figures;
    }

    private static void search(List<Figure> figures, Map<String, Samples> measured, String what, String key) {
        figures.add(noGoal(what + " (first count + first page), p50", "ms", measured.get(key + ".p50_ms")));
        Samples p95 = measured.get(key + ".p95_ms");
        figures.add(new Figure(what + " (first count + first page), p95", "ms", orEmpty(p95), null, null, "—",
                SEARCH_GOAL, p95 == null ? null : p95.median() < SEARCH_P95_MS));
    }

    private static Figure export(String what, Samples rowsPerSecond, Samples sqlite3, String goal) {
        boolean baseline = sqlite3 != null && rowsPerSecond != null;
        String ratio = baseline
                ? String.format(Locale.ROOT, "%.2f× sqlite3", rowsPerSecond.median() / sqlite3.median()) : "—";
        return new Figure(what, "rows/s", orEmpty(rowsPerSecond), sqlite3,
                sqlite3 == null ? "sqlite3 not installed" : "sqlite3 -csv, same SELECT, same file", ratio, goal,
                rowsPerSecond == null ? null : rowsPerSecond.median() >= EXPORT_ROWS_PER_S);
    }

    private static Figure noGoal(String what, String unit, Samples value) {
        return new Figure(what, unit, orEmpty(value), null, null, "—", "—", null);
    }

    private static Samples orEmpty(Samples samples) {
        return samples == null ? new Samples() : samples;
    }
}
