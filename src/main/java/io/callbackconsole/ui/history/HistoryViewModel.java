package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.ui.common.WindowWords;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The History tab's state. It holds the audit log being read and the executor its reads run on, and composes the
 * parts that use them: the {@link HistoryQuery} (decisions or raw events, filter, sorts), the {@link HistoryListing}
 * (windowed rows and their count), the {@link FilterChoices}, {@link ChainVerificationModel},
 * {@link HistoryExportModel} and {@link DecisionChartModel}. Every read runs off the FX thread. FX thread only.
 */
public final class HistoryViewModel {
    /** What the table lists. */
    public enum Shown {
        /** One row per decision; its raw events expand under it. */
        DECISIONS,
        /** Every intent and outcome row of the journal. */
        EVENTS
    }

    private static final Logger log = LoggerFactory.getLogger(HistoryViewModel.class);
    private final HistoryQuery query = new HistoryQuery();
    private final HistoryListing listing;
    private final FilterChoices choices = new FilterChoices();
    private final ChainVerificationModel verification = new ChainVerificationModel();
    private final HistoryExportModel exports = new HistoryExportModel();
    private final DecisionChartModel chart = new DecisionChartModel();
    private final ReadOnlyStringWrapper databasePath = new ReadOnlyStringWrapper("");
    /** Verify and export each read the whole history: one at a time. */
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private TaskExecutor tasks;
    private AuditLog audit;
    /** Counts openings and detaches, so a history opened after it was let go of is closed, not read. */
    private long opening;

    public HistoryViewModel() {
        this(AuditLog.ROWS_COUNTED_FIRST);
    }

    /** With another count limit, so tests can see an early-stopped count on a small history. */
    HistoryViewModel(long rowsCountedFirst) {
        listing = new HistoryListing(rowsCountedFirst);
        busy.bind(verification.verifyingProperty().or(exports.exportingProperty()));
    }

    /**
     * Reads the history of {@code session}, its file or its team history; its reads run on {@code connectionTasks},
     * the connection's executor.
     */
    public void attach(ConsoleSession session, TaskExecutor connectionTasks) {
        open(session.history().location(), session.history()::openAudit, connectionTasks);
    }

    /**
     * Reads the history at {@code file}, on {@code newTasks}. The history read before must have been
     * {@linkplain #detach() detached} (or {@linkplain #close() closed}) first.
     */
    public void open(Path file, TaskExecutor newTasks) {
        open(file.toString(), () -> AuditLog.open(file), newTasks);
    }

    /**
     * Reads the history {@code opener} opens (a file or a team history, named {@code where}), on {@code newTasks};
     * as {@link #open(Path, TaskExecutor)}.
     */
    private void open(String where, Supplier<AuditLog> opener, TaskExecutor newTasks) {
        if (audit != null) {
            throw new IllegalStateException("detach or close the history read before opening another");
        }
        tasks = Objects.requireNonNull(newTasks, "newTasks");
        long mine = ++opening;
        databasePath.set(where);
        listing.state(WindowWords.text("history.opening"));
        tasks.execute(BackgroundTask.of(control -> {
            AuditLog opened = opener.get();
            if (control.isCancelled()) {
                // Its connection closed meanwhile: nobody will read it.
                opened.close();
                throw new CancellationException("the history was opened after its connection closed");
            }
            return opened;
        }).named("open the history").onSuccess(opened -> {
            if (mine != opening) {
                tasks.execute(BackgroundTask.ofAction(opened::close).named("close a history opened too late"));
                return;
            }
            audit = opened;
            reload();
        }).onFailure(CancellationException.class, cancelled -> {
            // The connection closed while its history opened: nothing is shown for it, nothing is wrong.
            log.debug("The history {} was opened after its connection closed", where);
        }).onFailure(error -> {
            log.error("Cannot open the history {}", where, error);
            listing.state(WindowWords.text("history.cannotRead", error.getMessage()));
        }));
    }

    /**
     * Lets go of the history being read, without closing it: its owner closes it off the FX thread (with the
     * connection). Answers still to come for it are ignored.
     */
    public AuditLog detach() {
        AuditLog detached = audit;
        audit = null;
        opening++;
        choices.forget();
        chart.forget();
        listing.clear(WindowWords.text("history.noneOpen"));
        return detached;
    }

    /**
     * Counts and loads the first page again, with the current filter and sort; refreshes the filter choices and the
     * chart of decisions per day.
     */
    public void reload() {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        listing.load(target, query, tasks);
        choices.reload(target, tasks, listing::state);
        chart.load(target, query.filter(), tasks);
    }

    public void setFilter(AuditFilter newFilter) {
        if (query.setFilter(newFilter)) {
            reload();
        }
    }

    public void sortBy(AuditSort newSort) {
        if (query.sortBy(newSort)) {
            reload();
        }
    }

    /** Sorts the decisions (the raw events keep their own order). */
    public void sortDecisionsBy(DecisionSort newSort) {
        if (query.sortDecisionsBy(newSort)) {
            reload();
        }
    }

    /** Lists decisions or raw events, with the same filter. */
    public void show(Shown what) {
        if (query.show(what)) {
            listing.clearCount();
            reload();
        }
    }

    /** Walks the hash chain in the background and shows what it found. */
    public void verify() {
        verify("");
    }

    /**
     * Walks the hash chain in the background and shows what it found, checking that every head in {@code notedHeads}
     * (SEQ:HASH, several apart by spaces or commas; blank for none) is still on it.
     */
    public void verify(String notedHeads) {
        AuditLog target = audit;
        if (target != null) {
            verification.verify(target, tasks, notedHeads);
        }
    }

    /** Writes exactly what is shown (decisions or raw events, filter and sort) to {@code file} in the background. */
    public void export(Path file, ExportFormat format) {
        AuditLog target = audit;
        if (target != null) {
            exports.export(target, tasks, query, file, format);
        }
    }

    /** Detaches the history and closes it, off the FX thread, on the executor it was read on. */
    public void close() {
        AuditLog closing = detach();
        if (closing != null) {
            tasks.execute(BackgroundTask.ofAction(closing::close).named("close the history"));
        }
    }

    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return query.shownProperty();
    }

    public DecisionSort decisionSort() {
        return query.decisionSort();
    }

    public AuditFilter filter() {
        return query.filter();
    }

    public AuditSort sort() {
        return query.sort();
    }

    /** The matching raw rows, windowed: a row not loaded yet reads as null until its page arrives. */
    public ObservableList<AuditRecord> rows() {
        return listing.rows();
    }

    /** The matching decisions, windowed as {@link #rows()}. */
    public ObservableList<DecisionRecord> decisions() {
        return listing.decisions();
    }

    public ReadOnlyLongProperty rowCountProperty() {
        return listing.rowCountProperty();
    }

    /**
     * The count as the view shows it: "1 decision", "N decisions" (or rows), or "over 2000 decisions (counting…)"
     * until the count is exact.
     */
    public ReadOnlyStringProperty rowCountTextProperty() {
        return listing.rowCountTextProperty();
    }

    /** Why the table is empty (opening, nothing matches, a read failed), or empty while it lists rows. */
    public ReadOnlyStringProperty stateProperty() {
        return listing.stateProperty();
    }

    public ReadOnlyStringProperty databasePathProperty() {
        return databasePath.getReadOnlyProperty();
    }

    /** True while a verify or an export runs; the other waits. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public FilterChoices choices() {
        return choices;
    }

    public ChainVerificationModel verification() {
        return verification;
    }

    public HistoryExportModel exports() {
        return exports;
    }

    /** Decisions per day above the table, under the same filter. */
    public DecisionChartModel chart() {
        return chart;
    }
}
