package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The pending table: one row per token, updated in place from each snapshot, the filter, and which rows the operator
 * selected (the focused one and all selected together). Selection flows one way, from the table in; since rows keep
 * their identity across snapshots, it needs no restoring. No I/O. FX thread only.
 */
public final class PendingTableViewModel {
    private final PendingRowList rows = new PendingRowList();
    private final FilteredList<PendingRow> filteredRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<PendingRow> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PendingRow> chosen = FXCollections.observableArrayList();
    private final ObservableList<PendingRow> readOnlyChosen = FXCollections.unmodifiableObservableList(chosen);
    private final ReadOnlyStringWrapper tableState = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();

    public PendingTableViewModel() {
        filteredRows.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
            return row -> row.matches(needle);
        }, filter));
    }

    /** The table rows of a snapshot; pure, so the poller's thread makes them and the FX thread only takes them in. */
    public static List<PendingRow> rowsOf(PendingSnapshot snapshot) {
        return snapshot.pending().stream()
                .map(p -> new PendingRow(p, snapshot.takenAt(), snapshot.contextOf(p.token()),
                        snapshot.maxReceiveCountOf(p))).toList();
    }

    /**
     * Applies one snapshot with its rows made beforehand (see {@link #rowsOf}): rows of tokens still pending are
     * updated in place, so the selection stays; rows that left are no longer selected. FX thread.
     */
    public void apply(PendingSnapshot snapshot, List<PendingRow> fresh) {
        List<PendingRow> departed = rows.apply(fresh);
        if (!departed.isEmpty()) {
            Set<PendingRow> gone = new HashSet<>(departed);
            chosen.removeIf(gone::contains);
            if (gone.contains(selected.get())) {
                selected.set(null);
            }
        }
        tableState.set(describe(snapshot.pollState()));
        // Last: whoever reads the selected row's state on a revision sees this snapshot's.
        revision.set(revision.get() + 1);
    }

    /** No connection: no rows, and the table says why. */
    public void clear(String state) {
        rows.clearRows();
        chosen.clear();
        selected.set(null);
        tableState.set(Objects.requireNonNull(state, "state"));
        revision.set(revision.get() + 1);
    }

    static String describe(PollState state) {
        return switch (state.phase()) {
            case STARTING -> "Polling " + state.queueCount() + " queue(s)…";
            case NO_QUEUES -> "No queue is configured. Use Connect… to add the queues your callback steps send to.";
            case POLLING -> "No pending callbacks on " + state.queueCount() + " queue(s).";
            case FAILING -> "Cannot poll: " + state.problem();
        };
    }

    /**
     * The view reports what the operator selected: the focused row (null for none) and every row selected together.
     * Rows not in the table are ignored.
     */
    public void select(PendingRow focused, List<PendingRow> together) {
        selected.set(focused != null && rows.byToken(focused.token()) == focused ? focused : null);
        chosen.setAll(together.stream().filter(r -> r != null && rows.byToken(r.token()) == r).distinct().toList());
    }

    /** The focused row; its state changes in place with each snapshot (see {@link #revisionProperty()}). */
    public ReadOnlyObjectProperty<PendingRow> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public Optional<PendingCallback> selectedCallback() {
        return Optional.ofNullable(selected.get()).map(PendingRow::callback);
    }

    /** The rows selected together (two or more make a bulk decision), in the order the table reported them. */
    public ObservableList<PendingRow> chosenRows() {
        return readOnlyChosen;
    }

    /** Counts applied snapshots: bindings over a row's state depend on it, as rows change in place. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** Every row, one per token; read-only. */
    public ObservableList<PendingRow> rows() {
        return rows;
    }

    public FilteredList<PendingRow> filteredRows() {
        return filteredRows;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyStringProperty tableStateProperty() {
        return tableState.getReadOnlyProperty();
    }
}
