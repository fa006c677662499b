package io.callbackconsole.ui.common;

import io.callbackconsole.ui.ColumnChoices.SavedColumn;
import io.callbackconsole.ui.ColumnChoices.SavedColumns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a table's saved columns are laid over the ones this version has: the saved order, visibility and widths for
 * the columns it knows; ids it does not know are ignored (a later version's, or a renamed column); a column the file
 * does not name keeps its default place (after the columns that precede it by default) and visibility; a width is
 * clamped to the column's bounds; a fixed column (one the operator cannot move) keeps its default index. A saved
 * choice that would show no column but the fixed ones keeps the default visibility: such a table would look empty.
 * Pure.
 */
public final class ColumnArrangement {

    /** A column of this version as the table has it by default. */
    public record DefaultColumn(String id, boolean shown, double minWidth, double maxWidth, boolean fixed) {
        public DefaultColumn {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A column's place in the arranged table.
     *
     * @param width the width to give it, or null to keep its own
     */
    public record PlacedColumn(String id, boolean shown, Double width) {
    }

    /**
     * The arrangement and what of the saved one was left out.
     *
     * @param unknownIds       saved ids this version has no column for
     * @param visibilityKept   true when the saved visibility was not used (it showed no column but the fixed ones)
     */
    public record Result(List<PlacedColumn> columns, List<String> unknownIds, boolean visibilityKept) {
        public Result {
            columns = List.copyOf(columns);
            unknownIds = List.copyOf(unknownIds);
        }
    }

    private ColumnArrangement() {
    }

    /** {@code saved} laid over {@code defaults}; empty when it names none of them (the defaults stand). */
    public static Optional<Result> arrange(List<DefaultColumn> defaults, SavedColumns saved) {
        Map<String, DefaultColumn> byId = new LinkedHashMap<>();
        defaults.forEach(d -> byId.put(d.id(), d));
        Map<String, SavedColumn> known = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (SavedColumn column : saved.columns()) {
            if (!byId.containsKey(column.id())) {
                unknown.add(column.id());
            } else {
                known.putIfAbsent(column.id(), column); // a duplicate: the first one counts
            }
        }
        if (known.isEmpty()) {
            return Optional.empty();
        }
        List<String> order = saved.arranged() ? order(defaults, known) : defaults.stream().map(DefaultColumn::id).toList();
        boolean anyMovableShown = false;
        for (String id : order) {
            DefaultColumn d = byId.get(id);
            anyMovableShown |= !d.fixed() && shown(d, known.get(id), saved.arranged());
        }
        List<PlacedColumn> placed = new ArrayList<>();
        for (String id : order) {
            DefaultColumn d = byId.get(id);
            SavedColumn s = known.get(id);
            boolean shown = anyMovableShown ? shown(d, s, saved.arranged()) : d.shown();
            placed.add(new PlacedColumn(id, shown, s == null ? null : clamped(s.width(), d)));
        }
        return Optional.of(new Result(placed, unknown, !anyMovableShown));
    }

    /**
     * The saved order of the known columns, each one not saved put back after every column that precedes it by
     * default (first when none does: a column added at the end comes last), the fixed ones at their default index.
     */
    private static List<String> order(List<DefaultColumn> defaults, Map<String, SavedColumn> known) {
        List<String> order = new ArrayList<>();
        known.keySet().stream().filter(id -> defaults.stream().anyMatch(d -> d.id().equals(id) && !d.fixed()))
                .forEach(order::add);
        for (int i = 0; i < defaults.size(); i++) {
            DefaultColumn d = defaults.get(i);
            if (d.fixed() || known.containsKey(d.id())) {
                continue;
            }
            int at = 0;
            for (int j = 0; j < i; j++) {
                at = Math.max(at, order.indexOf(defaults.get(j).id()) + 1);
            }
            order.add(at, d.id());
        }
        for (int i = 0; i < defaults.size(); i++) {
            if (defaults.get(i).fixed()) {
                order.add(Math.min(i, order.size()), defaults.get(i).id());
            }
        }
        return order;
    }

    private static boolean shown(DefaultColumn column, SavedColumn saved, boolean arranged) {
        if (saved == null) {
            // Arranged: a column the file does not name is new to it, so it shows as it does by default. A list of
            // the shown columns names every one shown, but a fixed column is not the operator's to hide.
            return (arranged || column.fixed()) && column.shown();
        }
        return saved.shown();
    }

    private static Double clamped(Double width, DefaultColumn column) {
        if (width == null || !Double.isFinite(width)) {
            return null;
        }
        return Math.max(column.minWidth(), Math.min(column.maxWidth(), width));
    }
}
