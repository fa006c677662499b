package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The pending table: one row per token, updated in place from each snapshot, the filter (with the tab title and the
 * empty state it implies), the "Cannot poll" banner, the columns shown, and which rows the operator selected (the
 * focused one and all selected together). Selection flows one way, from the table in; since rows keep
 * their identity across snapshots, it needs no restoring. No I/O. FX thread only.
 */
public final class PendingTableViewModel {
    private volatile AgeAlarm ageAlarm = AgeAlarm.DEFAULT;
    private final javafx.beans.property.ReadOnlyBooleanWrapper sandbox = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    /**
     * The columns shown until the operator chooses others: what fits beside the decision pane at 1280×800. The rest
     * (started by, execution, arguments, received at, age, queue) are in the table's menu. "Status" holds the
     * execution's and the step's status too, where they differ from the message's.
     */
    public static final Set<String> DEFAULT_COLUMNS = Set.of("Token", "Pipeline", "Step", "Status", "Step age",
            "Receives");
    /** Every column of the table, in its order; the token column is always shown. */
    public static final List<String> ALL_COLUMNS = List.of("Token", "Pipeline", "Step", "Status", "Started by",
            "Step age", "Execution", "Arguments", "Received at", "Age", "Receives", "Queue");

    private final PendingRowList rows = new PendingRowList();
    private final FilteredList<PendingRow> filteredRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<PendingRow> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PendingRow> chosen = FXCollections.observableArrayList();
    private final ObservableList<PendingRow> readOnlyChosen = FXCollections.unmodifiableObservableList(chosen);
    private final ReadOnlyStringWrapper tableState = new ReadOnlyStringWrapper("Connecting…");
    private final ReadOnlyStringWrapper pollProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final BooleanBinding filtering;
    private final BooleanBinding filterHidesAll;
    private final StringBinding placeholder;
    private final StringBinding tabTitle;
    private final BooleanBinding severalSelected;
    private final ObjectProperty<Set<String>> shownColumns = new SimpleObjectProperty<>(DEFAULT_COLUMNS);

    public PendingTableViewModel() {
        filteredRows.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            String needle = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
            return row -> row.matches(needle);
        }, filter));
        filtering = Bindings.createBooleanBinding(() -> filter.get() != null && !filter.get().isBlank(), filter);
        var shown = Bindings.size(filteredRows);
        var all = Bindings.size(rows);
        filterHidesAll = filtering.and(shown.isEqualTo(0)).and(all.greaterThan(0));
        // "No pending callbacks" would be untrue while rows are only filtered out.
        placeholder = Bindings.createStringBinding(() -> filterHidesAll.get()
                ? "0 of " + rows.size() + " shown" : tableState.get(), filterHidesAll, tableState, all);
        tabTitle = Bindings.createStringBinding(() -> filtering.get()
                ? "Pending (" + filteredRows.size() + " of " + rows.size() + ")" : "Pending " + rows.size(),
                filtering, shown, all);
        severalSelected = Bindings.size(chosen).greaterThan(1);
    }

    /** The table rows of a snapshot; pure, so the poller's thread makes them and the FX thread only takes them in. */
    public static List<PendingRow> rowsOf(PendingSnapshot snapshot) {
        PollState poll = snapshot.pollState();
        // While polling fails, what the table shows is what the last good poll saw.
        Instant heldSince = poll.phase() == PollState.Phase.FAILING ? poll.lastSuccess() : null;
        return snapshot.pending().stream()
                .map(p -> new PendingRow(p, snapshot.takenAt(), snapshot.contextOf(p.token()),
                        snapshot.maxReceiveCountOf(p), snapshot.retryOf(p.token()),
                        p.onlyFoundViaSageMaker() ? null : heldSince, snapshot.beingDecidedBy(p.token()))).toList();
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
        pollProblem.set(problemOf(snapshot.pollState()));
        // Last: whoever reads the selected row's state on a revision sees this snapshot's.
        revision.set(revision.get() + 1);
    }

    /** No connection: no rows, and the table says why. */
    /** Whether the rows come from the sandbox, whose executions no AWS console page shows. */
    public ReadOnlyBooleanProperty sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    void sandbox(boolean fromSandbox) {
        sandbox.set(fromSandbox);
    }

    public void clear(String state) {
        rows.clearRows();
        chosen.clear();
        selected.set(null);
        tableState.set(Objects.requireNonNull(state, "state"));
        pollProblem.set("");
        revision.set(revision.get() + 1);
    }

    /**
     * The banner while polling fails: why, when it last worked, when it tries again, and that the rows are as old as
     * that last poll. Empty while polling works.
     */
    static String problemOf(PollState state) {
        if (state.phase() != PollState.Phase.FAILING) {
            return "";
        }
        StringBuilder text = new StringBuilder("Cannot poll: ").append(DisplayText.escape(state.problem()));
        text.append(state.lastSuccess() == null ? " No poll has worked yet on this connection."
                : " Last successful poll at " + ShortTimes.withSeconds(state.lastSuccess()) + "; the rows shown are"
                + " as of " + ShortTimes.hoursMinutes(state.lastSuccess()) + ".");
        if (state.nextPollAt() != null) {
            text.append(" Next try at about ").append(ShortTimes.withSeconds(state.nextPollAt())).append('.');
        }
        return text.toString();
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

    /** True while the row is in the table (it has not left with a snapshot or a new connection). */
    boolean shows(PendingRow row) {
        return rows.byToken(row.token()) == row;
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
    /** When a waiting step is overdue; the table marks such rows and the window notifies once per token. */
    public AgeAlarm ageAlarm() {
        return ageAlarm;
    }

    public void ageAlarm(AgeAlarm alarm) {
        this.ageAlarm = java.util.Objects.requireNonNull(alarm, "alarm");
    }

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

    /** What the empty table says: why there are no rows, or "0 of 2 shown" when the filter hides them all. */
    public StringBinding placeholderProperty() {
        return placeholder;
    }

    /** True when rows exist and the filter hides every one (offer to clear it). */
    public BooleanBinding filterHidesAllProperty() {
        return filterHidesAll;
    }

    public void clearFilter() {
        filter.set("");
    }

    /** "Pending 12", or "Pending (3 of 12)" while a filter hides some. */
    public StringBinding tabTitleProperty() {
        return tabTitle;
    }

    /** The "Cannot poll" banner's text; empty while polling works. */
    public ReadOnlyStringProperty pollProblemProperty() {
        return pollProblem.getReadOnlyProperty();
    }

    /**
     * The titles of the columns shown; the table's column menu changes it, and a settings store may save and restore
     * it (set it before or after the view is built).
     */
    public ObjectProperty<Set<String>> shownColumnsProperty() {
        return shownColumns;
    }

    /** True while two or more rows are selected together: only the bulk decision is offered then. */
    public BooleanBinding severalSelectedProperty() {
        return severalSelected;
    }
}
