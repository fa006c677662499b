package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.WindowWords;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
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
 * focused one and all selected together). Selection flows from the table in; since rows keep their identity across
 * snapshots, it needs no restoring, except when the same connection opens again (after a sign-in): then the tokens
 * selected before are asked back from the table once their rows reappear ({@link #selectionRequestProperty()}). No
 * I/O. FX thread only.
 */
public final class PendingTableViewModel {
    /** Which tokens were selected: the focused one (or null) and all selected together, in the table's order. */
    record SelectedTokens(String focused, List<String> together) {
        SelectedTokens {
            together = List.copyOf(together);
        }

        boolean isEmpty() {
            return focused == null && together.isEmpty();
        }
    }

    /**
     * Rows the table is asked to select (the operator's selection from before a reconnect), with the one to focus.
     *
     * @param together the rows to select, all in the table
     * @param focused  one of them, to be the focused row (the detail pane's)
     */
    public record SelectionRequest(List<PendingRow> together, PendingRow focused) {
        public SelectionRequest {
            together = List.copyOf(together);
            Objects.requireNonNull(focused, "focused");
        }
    }

    /** Read by the window's alerts too; replaced whole when the preferences change. */
    private volatile AgeAlarms ageAlarms = AgeAlarms.DEFAULT;
    private final NewRows newRows = new NewRows();
    /** True while the Pending tab is in front in the focused window: only then can a new row be seen. */
    private final BooleanProperty looking = new SimpleBooleanProperty(false);
    private final BooleanProperty overdueFirst = new SimpleBooleanProperty(false);
    private final javafx.beans.property.ReadOnlyBooleanWrapper sandbox = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    /**
     * The columns shown until the operator chooses others: what fits beside the decision pane at 1280×800. The rest
     * (started by, execution, arguments, received at, age, queue) are in the table's menu. "Status" holds the
     * execution's and the step's status too, where they differ from the message's.
     */
    public static final Set<String> DEFAULT_COLUMNS = Set.of("Token", "Pipeline", "Step", "Status", "Step age",
            "Receives");
    /**
     * Every column of the table, in its order; the token column is always shown. These are ids, saved in the
     * preferences and never shown: a column's title comes from the window's words ({@code pending.column.*}), so a
     * translation leaves saved column choices meaning what they meant.
     */
    public static final List<String> ALL_COLUMNS = List.of("Token", "Pipeline", "Step", "Status", "Started by",
            "Step age", "Execution", "Arguments", "Received at", "Age", "Receives", "Queue");

    private final PendingRowList rows = new PendingRowList();
    private final FilteredList<PendingRow> filteredRows = new FilteredList<>(rows);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<PendingRow> selected = new ReadOnlyObjectWrapper<>();
    private final ObservableList<PendingRow> chosen = FXCollections.observableArrayList();
    private final ObservableList<PendingRow> readOnlyChosen = FXCollections.unmodifiableObservableList(chosen);
    private final ReadOnlyStringWrapper tableState = new ReadOnlyStringWrapper(WindowWords.text("pending.state.connecting"));
    private final ReadOnlyStringWrapper pollProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper();
    private final BooleanBinding filtering;
    private final BooleanBinding filterHidesAll;
    private final StringBinding placeholder;
    private final StringBinding tabTitle;
    private final BooleanBinding severalSelected;
    private final ObjectProperty<Set<String>> shownColumns = new SimpleObjectProperty<>(DEFAULT_COLUMNS);
    private final ReadOnlyObjectWrapper<SelectionRequest> selectionRequest = new ReadOnlyObjectWrapper<>();
    /** The selection to bring back as its rows reappear; empty when there is none to restore. */
    private SelectedTokens wanted = new SelectedTokens(null, List.of());
    /** How many of the wanted rows the last request named: a request is made again only when more came back. */
    private int wantedShown;

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
                ? WindowWords.text("pending.filterHidesAll", rows.size()) : tableState.get(), filterHidesAll, tableState, all);
        tabTitle = Bindings.createStringBinding(() -> {
            int fresh = newRows.countProperty().get();
            if (filtering.get()) {
                return fresh > 0 ? WindowWords.text("pending.tab.filtered.new", filteredRows.size(), rows.size(), fresh)
                        : WindowWords.text("pending.tab.filtered", filteredRows.size(), rows.size());
            }
            return fresh > 0 ? WindowWords.text("pending.tab.new", rows.size(), fresh)
                    : WindowWords.text("pending.tab", rows.size());
        }, filtering, shown, all, newRows.countProperty());
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
        PendingRowList.Applied applied = rows.apply(fresh);
        List<PendingRow> departed = applied.departed();
        newRows.apply(applied.added(), departed);
        if (!departed.isEmpty()) {
            // A look-up per selected row, not a set of the departed: a whole backlog may have left.
            chosen.removeIf(row -> !shows(row));
            if (selected.get() != null && !shows(selected.get())) {
                selected.set(null);
            }
        }
        askForWantedRows();
        tableState.set(describe(snapshot.pollState()));
        pollProblem.set(problemOf(snapshot.pollState()));
        // Last: whoever reads the selected row's state on a revision sees this snapshot's.
        revision.set(revision.get() + 1);
    }

    /** Whether the rows come from the sandbox, whose executions no AWS console page shows. */
    public ReadOnlyBooleanProperty sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    void sandbox(boolean fromSandbox) {
        sandbox.set(fromSandbox);
    }

    /** No connection: no rows, and the table says why. */
    public void clear(String state) {
        newRows.clear(rows);
        rows.clearRows();
        chosen.clear();
        selected.set(null);
        wanted = new SelectedTokens(null, List.of());
        selectionRequest.set(null);
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
        String problem = DisplayText.escape(state.problem());
        String text = state.lastSuccess() == null ? WindowWords.text("pending.pollProblem.neverWorked", problem)
                : WindowWords.text("pending.pollProblem", problem, ShortTimes.withSeconds(state.lastSuccess()),
                ShortTimes.hoursMinutes(state.lastSuccess()));
        if (state.nextPollAt() != null) {
            text = WindowWords.text("pending.pollProblem.nextTry", text, ShortTimes.withSeconds(state.nextPollAt()));
        }
        return text;
    }

    static String describe(PollState state) {
        return switch (state.phase()) {
            case STARTING -> WindowWords.text("pending.state.starting", state.queueCount());
            case NO_QUEUES -> WindowWords.text("pending.state.noQueues");
            case POLLING -> WindowWords.text("pending.state.empty", state.queueCount());
            case FAILING -> WindowWords.text("pending.state.failing", state.problem());
        };
    }

    /**
     * The view reports what the operator selected: the focused row (null for none) and every row selected together.
     * Rows not in the table are ignored.
     */
    public void select(PendingRow focused, List<PendingRow> together) {
        selected.set(focused != null && rows.byToken(focused.token()) == focused ? focused : null);
        chosen.setAll(together.stream().filter(r -> r != null && rows.byToken(r.token()) == r).distinct().toList());
        // The operator chose other rows meanwhile: theirs is the selection, not the one from before the reconnect.
        if (!wanted.isEmpty() && chosen.stream().anyMatch(r -> !wanted.together().contains(r.token()))) {
            wanted = new SelectedTokens(null, List.of());
        }
        // A row the operator selected is seen.
        newRows.seen(chosen);
        if (selected.get() != null) {
            newRows.seen(List.of(selected.get()));
        }
    }

    /** The tokens selected now, to be restored with {@link #restoreSelection} when the connection comes back. */
    SelectedTokens selectedTokens() {
        PendingRow focused = selected.get();
        List<String> together = chosen.stream().map(PendingRow::token).toList();
        if (focused != null && !together.contains(focused.token())) {
            together = java.util.stream.Stream.concat(together.stream(), java.util.stream.Stream.of(focused.token()))
                    .toList();
        }
        return new SelectedTokens(focused == null ? null : focused.token(), together);
    }

    /**
     * Selects these tokens again as their rows come back (now, or with later snapshots): the table is asked through
     * {@link #selectionRequestProperty()}, until every one is back or the operator selects another row.
     */
    void restoreSelection(SelectedTokens tokens) {
        wanted = Objects.requireNonNull(tokens, "tokens");
        wantedShown = 0;
        askForWantedRows();
    }

    private void askForWantedRows() {
        if (wanted.isEmpty()) {
            return;
        }
        List<PendingRow> back = wanted.together().stream().map(rows::byToken).filter(Objects::nonNull).toList();
        if (back.size() > wantedShown) {
            wantedShown = back.size();
            PendingRow focus = wanted.focused() == null ? null : rows.byToken(wanted.focused());
            selectionRequest.set(new SelectionRequest(back, focus != null ? focus : back.get(back.size() - 1)));
        }
        if (back.size() == wanted.together().size()) {
            wanted = new SelectedTokens(null, List.of());
        }
    }

    /** Rows the table is to select (see {@link SelectionRequest}), or null; the table calls {@link #selectionRestored}. */
    public ReadOnlyObjectProperty<SelectionRequest> selectionRequestProperty() {
        return selectionRequest.getReadOnlyProperty();
    }

    /** The table selected the rows of the request. */
    public void selectionRestored() {
        selectionRequest.set(null);
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

    /** When a waiting step is overdue, per pipeline; the table marks such rows and the window notifies once. */
    public AgeAlarms ageAlarms() {
        return ageAlarms;
    }

    /** New thresholds (the preferences changed): the rows are marked again at once. */
    public void ageAlarms(AgeAlarms alarms) {
        this.ageAlarms = Objects.requireNonNull(alarms, "alarms");
        revision.set(revision.get() + 1);
    }

    /** True while the row arrived since the operator last looked (see {@link NewRows}). */
    public boolean isNew(PendingRow row) {
        return newRows.isNew(row);
    }

    /** Rows the operator had on screen long enough on the Pending tab: no longer new. */
    void seen(java.util.Collection<PendingRow> onScreen) {
        newRows.seen(onScreen);
    }

    /** How many rows are new; the tab title says it, and the table redraws their marks when it changes. */
    public ReadOnlyIntegerProperty newCountProperty() {
        return newRows.countProperty();
    }

    /** Set by the window: true while the Pending tab is in front in the focused window. */
    public BooleanProperty lookingProperty() {
        return looking;
    }

    /** "Overdue first": rows past their age alarm sort above the others, each group in the table's order. */
    public BooleanProperty overdueFirstProperty() {
        return overdueFirst;
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

    /** "Pending (12)", "Pending (3 of 12)" while a filter hides some, "Pending (12 · 2 new)" with new rows. */
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
