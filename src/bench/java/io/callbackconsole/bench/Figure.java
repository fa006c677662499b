package io.callbackconsole.bench;

import java.util.Locale;

/**
 * One row of the benchmark table: what was measured, its baseline from the same runs, and the goal.
 *
 * @param unit        printed after each number ("msg/s", "ms", "MiB")
 * @param baseline    measured side by side with {@code value}; null when the issue names no baseline
 * @param baselineWhat what the baseline is, for the table
 * @param ratio       the comparison the goal is stated in ("0.97×", "+210 ms"), or "—"
 * @param met         whether the goal is met; null when the figure could not be measured or has no goal ("—")
 */
record Figure(String what, String unit, Samples value, Samples baseline, String baselineWhat, String ratio,
              String goal, Boolean met) {

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        double abs = Math.abs(v);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v).replace(',', ' ');
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    String medianText() {
        return format(value.median()) + " " + unit;
    }

    String rangeText() {
        return value.isEmpty() ? "—" : format(value.min()) + "–" + format(value.max()) + " (n=" + value.count() + ")";
    }

    String baselineText() {
        if (baseline == null || baseline.isEmpty()) {
            return baselineWhat == null ? "—" : baselineWhat;
        }
        return baselineWhat + ": " + format(baseline.median()) + " " + unit + " (" + format(baseline.min()) + "–"
                + format(baseline.max()) + ")";
    }

    String metText() {
        if (met == null) {
            return goal == null || goal.equals("—") ? "—" : "not measured";
        }
        return met ? "✓" : "✗";
    }
}
