package io.callbackconsole.bench;

import java.util.List;

/** Prints the figures as the Markdown table the README's Performance section shows. */
final class BenchmarkTable {
    private BenchmarkTable() {
    }

    static String markdown(List<Figure> figures) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | median | min–max | baseline (median, min–max) | ratio | goal | met? |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(cell(f.what()))
                    .append(" | ").append(cell(f.medianText()))
                    .append(" | ").append(cell(f.rangeText()))
                    .append(" | ").append(cell(f.baselineText()))
                    .append(" | ").append(cell(f.ratio()))
                    .append(" | ").append(cell(f.goal()))
                    .append(" | ").append(f.metText())
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String cell(String text) {
        return text == null ? "—" : text.replace("|", "\\|").replace("\n", " ");
    }
}
