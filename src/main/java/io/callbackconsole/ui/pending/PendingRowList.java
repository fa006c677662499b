package io.callbackconsole.ui.pending;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ObservableListBase;

/**
 * The table's rows, one per token, kept in place across snapshots: a snapshot removes the rows whose token left,
 * updates the others (the same row object, new state) and adds the new ones. Nothing is replaced, so a selection of
 * rows survives; the table re-sorts and re-filters on the update. Read-only to
 * everyone but its view model. FX thread.
 */
final class PendingRowList extends ObservableListBase<PendingRow> {
    /** What one snapshot changed: the rows it appended and the rows that left. */
    record Applied(List<PendingRow> added, List<PendingRow> departed) {
    }


    private final List<PendingRow> rows = new ArrayList<>();
    private final Map<String, PendingRow> byToken = new HashMap<>();

    @Override
    public PendingRow get(int index) {
        return rows.get(index);
    }

    @Override
    public int size() {
        return rows.size();
    }

    /** The row shown for {@code token}, or null. */
    PendingRow byToken(String token) {
        return byToken.get(token);
    }

    /**
     * Makes the list hold one row per row of {@code fresh} (a snapshot's rows, made off the FX thread): existing rows
     * take the fresh state, departed ones go, new ones are appended in the snapshot's order.
     *
     * <p>Each kind of change is its own list change, with one sub-change each where it can: the table's selection
     * model mis-shifts its indices for a change that mixes removals with other sub-changes.
     *
     * @return the rows appended and the rows that left
     */
    Applied apply(List<PendingRow> fresh) {
        // Sized up front: a 100 000-row snapshot would otherwise rehash its way up from 16.
        Map<String, PendingRow> freshByToken = new LinkedHashMap<>(capacityFor(fresh.size()));
        for (PendingRow row : fresh) {
            freshByToken.put(row.token(), row);
        }
        List<PendingRow> departed = removeDeparted(freshByToken);
        if (!rows.isEmpty()) {
            beginChange();
            for (int i = 0; i < rows.size(); i++) {
                PendingRow row = rows.get(i);
                row.takeStateOf(freshByToken.get(row.token()));
                nextUpdate(i);
            }
            endChange();
        }
        int firstAdded = rows.size();
        for (PendingRow row : freshByToken.values()) {
            if (byToken.putIfAbsent(row.token(), row) == null) {
                rows.add(row);
            }
        }
        List<PendingRow> added = List.copyOf(rows.subList(firstAdded, rows.size()));
        if (!added.isEmpty()) {
            beginChange();
            nextAdd(firstAdded, rows.size());
            endChange();
        }
        return new Applied(added, departed);
    }

    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    /** Removes the rows whose token is not in {@code fresh}: one list change per run of neighbouring rows. */
    private List<PendingRow> removeDeparted(Map<String, PendingRow> fresh) {
        List<PendingRow> departed = new ArrayList<>();
        // From the end, so the indices still to visit stay put.
        for (int end = rows.size(); end > 0; ) {
            if (fresh.containsKey(rows.get(end - 1).token())) {
                end--;
                continue;
            }
            int start = end - 1;
            while (start > 0 && !fresh.containsKey(rows.get(start - 1).token())) {
                start--;
            }
            List<PendingRow> run = new ArrayList<>(rows.subList(start, end));
            rows.subList(start, end).clear();
            run.forEach(r -> byToken.remove(r.token()));
            departed.addAll(run);
            beginChange();
            nextRemove(start, run);
            endChange();
            end = start;
        }
        return departed;
    }

    /** Removes every row (the connection closed). */
    void clearRows() {
        if (rows.isEmpty()) {
            return;
        }
        List<PendingRow> removed = new ArrayList<>(rows);
        rows.clear();
        byToken.clear();
        beginChange();
        nextRemove(0, removed);
        endChange();
    }
}
