package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.ChainHead;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.ExportSummary;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The History tab's state: the audit log it reads, whether it shows decisions (one row per intent with its latest
 * outcome and attempts, the default) or the raw events, the filter and the sorts, a windowed list of the matching
 * decisions or rows, and the results of verify and export. Every read runs off the FX thread. FX thread only.
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
    private TaskExecutor tasks;
    private final WindowedAuditRows<AuditRecord> rows = new WindowedAuditRows<>();
    private final WindowedAuditRows<DecisionRecord> decisions = new WindowedAuditRows<>();
    private final ReadOnlyObjectWrapper<Shown> shown = new ReadOnlyObjectWrapper<>(Shown.DECISIONS);
    private final ReadOnlyLongWrapper rowCount = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper rowCountText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("No history open.");
    private final ReadOnlyStringWrapper databasePath = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper verifyResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper verifyFailed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper exportResult = new ReadOnlyStringWrapper("");
    private final ObservableList<String> pipelines = FXCollections.observableArrayList();
    private final ObservableList<String> operators = FXCollections.observableArrayList();
    private final ObservableList<String> actions = FXCollections.observableArrayList();
    private AuditLog audit;
    private AuditFilter filter = AuditFilter.everything();
    private AuditSort sort = AuditSort.NEWEST_FIRST;
    private DecisionSort decisionSort = DecisionSort.NEWEST_FIRST;
    private final long rowsCountedFirst;
    /** Counts reloads, so a slow answer for an older filter never replaces a newer one. */
    private long generation;

    public HistoryViewModel() {
        this(AuditLog.ROWS_COUNTED_FIRST);
    }

    /** With another count limit, so tests can see an early-stopped count on a small history. */
    HistoryViewModel(long rowsCountedFirst) {
        this.rowsCountedFirst = rowsCountedFirst;
    }

    /** Reads the history of {@code session}; its reads run on {@code connectionTasks}, the connection's executor. */
    public void attach(ConsoleSession session, TaskExecutor connectionTasks) {
        open(session.historyFile(), connectionTasks);
    }

    /**
     * Reads the history at {@code file}, on {@code newTasks}. The history read before must have been
     * {@linkplain #detach() detached} (or {@linkplain #close() closed}) first.
     */
    public void open(Path file, TaskExecutor newTasks) {
        if (audit != null) {
            throw new IllegalStateException("detach or close the history read before opening another");
        }
        tasks = Objects.requireNonNull(newTasks, "newTasks");
        long mine = ++generation;
        databasePath.set(file.toString());
        state.set("Opening the history…");
        tasks.execute(BackgroundTask.of(control -> {
            AuditLog opened = AuditLog.open(file);
            if (control.isCancelled()) {
                // Its connection closed meanwhile: nobody will read it.
                opened.close();
                throw new CancellationException("the history was opened after its connection closed");
            }
            return opened;
        }).named("open the history").onSuccess(opened -> {
            if (mine != generation) {
                tasks.execute(BackgroundTask.ofAction(opened::close).named("close a history opened too late"));
                return;
            }
            audit = opened;
            reload();
        }).onFailure(CancellationException.class, cancelled -> { })
                .onFailure(error -> {
                    log.error("Cannot open the history {}", file, error);
                    state.set("Cannot read the history: " + error.getMessage());
                }));
    }

    /**
     * Lets go of the history being read, without closing it: its owner closes it off the FX thread (with the
     * connection). Answers still to come for it are ignored.
     */
    public AuditLog detach() {
        AuditLog detached = audit;
        audit = null;
        generation++;
        rows.reset(0, List.of(), (offset, limit, onLoaded) -> { });
        decisions.reset(0, List.of(), (offset, limit, onLoaded) -> { });
        rowCount.set(0);
        rowCountText.set("");
        state.set("No history open.");
        return detached;
    }

    /** Counts and loads the first page again, with the current filter and sort; refreshes the filter choices. */
    public void reload() {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        long mine = ++generation;
        AuditFilter f = filter;
        TaskExecutor on = tasks;
        if (shown.get() == Shown.DECISIONS) {
            DecisionSort s = decisionSort;
            load(mine, f, decisions, new Reads<>(limit -> target.countDecisionsUpTo(f, limit),
                    () -> target.countDecisions(f), (offset, limit) -> target.decisionPage(f, s, offset, limit)), on);
        } else {
            AuditSort s = sort;
            load(mine, f, rows, new Reads<>(limit -> target.countUpTo(f, limit), () -> target.count(f),
                    (offset, limit) -> target.page(f, s, offset, limit)), on);
        }
        reloadChoices(target, mine, on);
    }

    /** The reads of one filter and sort: a count that stops early, the exact count, and pages. */
    private record Reads<T>(CountUpTo countUpTo, Count count, Page<T> page) {
    }

    @FunctionalInterface
    private interface CountUpTo {
        long upTo(long limit) throws Exception;
    }

    @FunctionalInterface
    private interface Count {
        long exactly() throws Exception;
    }

    @FunctionalInterface
    private interface Page<T> {
        List<T> read(long offset, int limit) throws Exception;
    }

    private <T> void load(long mine, AuditFilter f, WindowedAuditRows<T> list, Reads<T> reads, TaskExecutor on) {
        record FirstLoad<T>(long counted, List<T> firstPage) {
        }
        // Counting stops early so the first rows show at once; past the limit the exact count follows, and meanwhile
        // the count reads "over 2000 decisions (counting…)".
        on.execute(BackgroundTask.of(() -> new FirstLoad<>(reads.countUpTo().upTo(rowsCountedFirst + 1),
                reads.page().read(0, WindowedAuditRows.PAGE_SIZE))).named("count and read the history").onSuccess(
                        loaded -> {
            if (mine != generation) {
                return;
            }
            WindowedAuditRows.PageFetcher<T> pages = (offset, limit, onLoaded) ->
                    on.execute(BackgroundTask.of(() -> reads.page().read(offset, limit)).named("read a history page")
                            .onSuccess(onLoaded)
                            .onFailure(error -> {
                                log.error("Cannot read a page of the history", error);
                                state.set("Cannot read the history: " + error.getMessage());
                            }));
            list.reset(loaded.counted(), loaded.firstPage(), pages);
            rowCount.set(loaded.counted());
            boolean more = loaded.counted() > rowsCountedFirst;
            rowCountText.set(more ? "over " + rowsCountedFirst + " " + noun(2) + " (counting…)"
                    : counted(loaded.counted()));
            state.set(loaded.counted() > 0 ? "" : f.isEverything()
                    ? "No submissions yet. Every decision sent from this console is listed here."
                    : "No " + noun(1) + " matches " + f.describe() + ".");
            if (more) {
                countExactly(list, reads.count(), mine);
            }
        }).onFailure(error -> {
            log.error("Cannot read the history", error);
            if (mine == generation) {
                state.set("Cannot read the history: " + error.getMessage());
            }
        }));
    }

    /** "1 decision", "12 decisions", "1 row", "12 rows": what is shown, counted. */
    String counted(long count) {
        return count + " " + noun(count);
    }

    private String noun(long count) {
        String one = shown.get() == Shown.DECISIONS ? "decision" : "row";
        return count == 1 ? one : one + "s";
    }

    private void reloadChoices(AuditLog target, long mine, TaskExecutor on) {
        record Choices(List<String> pipelines, List<String> operators, List<String> actions) {
        }
        on.execute(BackgroundTask.of(() -> new Choices(target.distinctValues(AuditColumn.PIPELINE_NAME),
                target.distinctValues(AuditColumn.OPERATOR), target.distinctValues(AuditColumn.ACTION)))
                .named("read the history's filter choices").onSuccess(choices -> {
                    if (mine != generation) {
                        return;
                    }
                    pipelines.setAll(choices.pipelines());
                    operators.setAll(choices.operators());
                    actions.setAll(choices.actions());
                }).onFailure(error -> {
                    // The table still works; only the filter's choice lists are incomplete. Say so.
                    log.warn("Cannot read the history's filter choices", error);
                    if (mine == generation) {
                        state.set("Cannot list the pipelines, operators and actions to filter by: "
                                + error.getMessage());
                    }
                }));
    }

    /** The rest of a count that stopped early: the list grows (or shrinks) to the exact size when it is known. */
    private <T> void countExactly(WindowedAuditRows<T> list, Count count, long mine) {
        tasks.execute(BackgroundTask.of(count::exactly).named("count the history").onSuccess(exact -> {
            if (mine == generation) {
                list.resize(exact);
                rowCount.set(exact);
                rowCountText.set(counted(exact));
            }
        }).onFailure(error -> {
            log.warn("Cannot count the history", error);
            if (mine == generation) {
                rowCountText.set("over " + rowsCountedFirst + " " + noun(2) + " (cannot count: " + error.getMessage()
                        + ")");
            }
        }));
    }

    public void setFilter(AuditFilter newFilter) {
        Objects.requireNonNull(newFilter, "newFilter");
        if (!newFilter.equals(filter)) {
            filter = newFilter;
            reload();
        }
    }

    public void sortBy(AuditSort newSort) {
        Objects.requireNonNull(newSort, "newSort");
        if (!newSort.equals(sort)) {
            sort = newSort;
            reload();
        }
    }

    /** Sorts the decisions (the raw events keep their own order). */
    public void sortDecisionsBy(DecisionSort newSort) {
        Objects.requireNonNull(newSort, "newSort");
        if (!newSort.equals(decisionSort)) {
            decisionSort = newSort;
            reload();
        }
    }

    /** Lists decisions or raw events, with the same filter. */
    public void show(Shown what) {
        Objects.requireNonNull(what, "what");
        if (what != shown.get()) {
            shown.set(what);
            rowCountText.set("");
            reload();
        }
    }

    public ReadOnlyObjectProperty<Shown> shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public DecisionSort decisionSort() {
        return decisionSort;
    }

    public AuditFilter filter() {
        return filter;
    }

    public AuditSort sort() {
        return sort;
    }

    /** Walks the hash chain in the background and shows what it found. */
    public void verify() {
        verify("");
    }

    /**
     * Walks the hash chain in the background and shows what it found, checking that every head in {@code notedHeads}
     * (SEQ:HASH, as an export's header or an earlier verify states it; several apart by spaces or commas; blank for
     * none) is still on it. A head that is not written SEQ:HASH is told at once and nothing is walked.
     */
    public void verify(String notedHeads) {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        List<ChainHead> expected;
        try {
            expected = notedHeadsIn(notedHeads);
        } catch (IllegalArgumentException e) {
            verifyFailed.set(true);
            verifyResult.set("Not verified: " + DisplayText.escape(e.getMessage()));
            return;
        }
        busy.set(true);
        verifyResult.set("Verifying…");
        verifyFailed.set(false);
        tasks.execute(BackgroundTask.of(() -> target.verify(expected)).named("verify the hash chain").onSuccess(
                (ChainVerification result) -> {
                    verifyFailed.set(!result.intact());
                    verifyResult.set(result.summary());
                }).onFailure(error -> {
                    log.error("Cannot verify the history", error);
                    verifyFailed.set(true);
                    verifyResult.set("Cannot verify: " + error.getMessage());
                }).onFinished(() -> busy.set(false)));
    }

    static List<ChainHead> notedHeadsIn(String text) {
        List<ChainHead> heads = new ArrayList<>();
        for (String part : (text == null ? "" : text).strip().split("[\\s,;]+")) {
            if (!part.isEmpty()) {
                heads.add(ChainHead.parse(part));
            }
        }
        return heads;
    }

    /**
     * Writes exactly what is shown (decisions or raw events, filter and sort) to {@code file} in the background. The
     * file appears only when complete: the records go to a temporary file beside it, moved into place at the end.
     */
    public void export(Path file, ExportFormat format) {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        AuditFilter f = filter;
        AuditSort s = sort;
        DecisionSort ds = decisionSort;
        boolean asDecisions = shown.get() == Shown.DECISIONS;
        busy.set(true);
        exportResult.set("Exporting to " + file + "…");
        tasks.execute(BackgroundTask.of(() -> {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                ExportSummary summary = asDecisions ? target.exportDecisions(f, ds, format, out, Instant.now())
                        : target.export(f, s, format, out, Instant.now());
                out.close();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                return summary;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        }).named("export the history").onSuccess(summary -> {
            String one = asDecisions ? "decision" : "row";
            exportResult.set("Exported " + summary.rows() + " " + (summary.rows() == 1 ? one : one + "s") + " to "
                    + file + " (chain head seq " + summary.chainHeadSeq() + ").");
        }).onFailure(error -> {
                    log.error("Export to {} failed", file, error);
                    exportResult.set("Export failed: " + error.getMessage());
                }).onFinished(() -> busy.set(false)));
    }

    /** Detaches the history and closes it, off the FX thread, on the executor it was read on. */
    public void close() {
        AuditLog closing = detach();
        if (closing != null) {
            tasks.execute(BackgroundTask.ofAction(closing::close).named("close the history"));
        }
    }

    /** The matching raw rows, windowed: a row not loaded yet reads as null until its page arrives. */
    public ObservableList<AuditRecord> rows() {
        return rows;
    }

    /** The matching decisions, windowed as {@link #rows()}. */
    public ObservableList<DecisionRecord> decisions() {
        return decisions;
    }

    public ReadOnlyLongProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    /**
     * The count as the view shows it: "1 decision", "N decisions" (or rows), or "over 2000 decisions (counting…)"
     * until the count is exact.
     */
    public ReadOnlyStringProperty rowCountTextProperty() {
        return rowCountText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databasePathProperty() {
        return databasePath.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verifyResultProperty() {
        return verifyResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty verifyFailedProperty() {
        return verifyFailed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportResultProperty() {
        return exportResult.getReadOnlyProperty();
    }

    public ObservableList<String> pipelines() {
        return pipelines;
    }

    public ObservableList<String> operators() {
        return operators;
    }

    public ObservableList<String> actions() {
        return actions;
    }
}
