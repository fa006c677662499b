package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the History tables list for one query: the matching decisions or raw rows as windowed lists, their count
 * (early-stopped, then exact) and the line the table shows when it has no rows. Reads run off the FX thread. FX
 * thread only.
 */
final class HistoryListing {
    private static final Logger log = LoggerFactory.getLogger(HistoryListing.class);

    private final WindowedAuditRows<AuditRecord> rows = new WindowedAuditRows<>();
    private final WindowedAuditRows<DecisionRecord> decisions = new WindowedAuditRows<>();
    private final ReadOnlyLongWrapper rowCount = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper rowCountText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(WindowWords.text("history.noneOpen"));
    private final long rowsCountedFirst;
    /** Counts loads, so a slow answer for an older filter never replaces a newer one. */
    private long generation;
    /** Whether the last load listed decisions: the noun of the count. */
    private boolean decisionsListed = true;

    HistoryListing(long rowsCountedFirst) {
        this.rowsCountedFirst = rowsCountedFirst;
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

    /** Counts and loads the first page of what {@code query} asks of {@code target}, on {@code on}. */
    void load(AuditLog target, HistoryQuery query, TaskExecutor on) {
        long mine = ++generation;
        AuditFilter f = query.filter();
        decisionsListed = query.decisionsShown();
        if (decisionsListed) {
            DecisionSort s = query.decisionSort();
            load(mine, f, decisions, new Reads<>(limit -> target.countDecisionsUpTo(f, limit),
                    () -> target.countDecisions(f), (offset, limit) -> target.decisionPage(f, s, offset, limit)), on);
        } else {
            AuditSort s = query.sort();
            load(mine, f, rows, new Reads<>(limit -> target.countUpTo(f, limit), () -> target.count(f),
                    (offset, limit) -> target.page(f, s, offset, limit)), on);
        }
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
                                state.set(WindowWords.text("history.cannotRead", error.getMessage()));
                            }));
            list.reset(loaded.counted(), loaded.firstPage(), pages);
            rowCount.set(loaded.counted());
            boolean more = loaded.counted() > rowsCountedFirst;
            rowCountText.set(more ? decisionsListed
                    ? WindowWords.text("history.count.overDecisions.counting", rowsCountedFirst)
                    : WindowWords.text("history.count.overRows.counting", rowsCountedFirst)
                    : counted(loaded.counted()));
            state.set(loaded.counted() > 0 ? "" : f.isEverything() ? WindowWords.text("history.empty")
                    : decisionsListed ? WindowWords.text("history.noDecisionMatches", FilterDescription.of(f))
                    : WindowWords.text("history.noRowMatches", FilterDescription.of(f)));
            if (more) {
                countExactly(list, reads.count(), mine, on);
            }
        }).onFailure(error -> {
            log.error("Cannot read the history", error);
            if (mine == generation) {
                state.set(WindowWords.text("history.cannotRead", error.getMessage()));
            }
        }));
    }

    /** The rest of a count that stopped early: the list grows (or shrinks) to the exact size when it is known. */
    private <T> void countExactly(WindowedAuditRows<T> list, Count count, long mine, TaskExecutor on) {
        on.execute(BackgroundTask.of(count::exactly).named("count the history").onSuccess(exact -> {
            if (mine == generation) {
                list.resize(exact);
                rowCount.set(exact);
                rowCountText.set(counted(exact));
            }
        }).onFailure(error -> {
            log.warn("Cannot count the history", error);
            if (mine == generation) {
                rowCountText.set(decisionsListed
                        ? WindowWords.text("history.count.overDecisions.cannotCount", rowsCountedFirst,
                        error.getMessage())
                        : WindowWords.text("history.count.overRows.cannotCount", rowsCountedFirst, error.getMessage()));
            }
        }));
    }

    /** "1 decision", "12 decisions", "1 row", "12 rows": what is listed, counted. */
    String counted(long count) {
        if (decisionsListed) {
            return count == 1 ? WindowWords.text("history.count.oneDecision")
                    : WindowWords.text("history.count.decisions", count);
        }
        return count == 1 ? WindowWords.text("history.count.oneRow") : WindowWords.text("history.count.rows", count);
    }

    /** Empties both lists and the count, ignores answers still to come, and shows {@code why} in the table. */
    void clear(String why) {
        generation++;
        rows.reset(0, List.of(), (offset, limit, onLoaded) -> { });
        decisions.reset(0, List.of(), (offset, limit, onLoaded) -> { });
        rowCount.set(0);
        rowCountText.set("");
        state.set(why);
    }

    /** Blanks the count until the next load counts what is listed now. */
    void clearCount() {
        rowCountText.set("");
    }

    /** Shows {@code text} where the table says why it is empty (opening, a read that failed). */
    void state(String text) {
        state.set(text);
    }

    WindowedAuditRows<AuditRecord> rows() {
        return rows;
    }

    WindowedAuditRows<DecisionRecord> decisions() {
        return decisions;
    }

    ReadOnlyLongProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    ReadOnlyStringProperty rowCountTextProperty() {
        return rowCountText.getReadOnlyProperty();
    }

    ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }
}
