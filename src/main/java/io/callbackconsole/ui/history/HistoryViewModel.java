package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.ExportSummary;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.FxBackground;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The History tab's state: the audit log it reads, the filter and sort, a windowed list of the matching rows, and
 * the results of verify and export. Every read runs off the FX thread. FX thread only.
 */
public final class HistoryViewModel {
    private final FxBackground background;
    private final WindowedAuditRows rows = new WindowedAuditRows();
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
    private final long rowsCountedFirst;
    /** Counts reloads, so a slow answer for an older filter never replaces a newer one. */
    private long generation;

    public HistoryViewModel(FxBackground background) {
        this(background, AuditLog.ROWS_COUNTED_FIRST);
    }

    /** With another count limit, so tests can see an early-stopped count on a small history. */
    HistoryViewModel(FxBackground background, long rowsCountedFirst) {
        this.background = background;
        this.rowsCountedFirst = rowsCountedFirst;
    }

    public void attach(ConsoleSession session) {
        open(session.historyFile());
    }

    /** Reads the history at {@code file} (closing the one read before). */
    public void open(Path file) {
        AuditLog previous = audit;
        audit = null;
        databasePath.set(file.toString());
        state.set("Opening the history…");
        background.run(() -> {
            if (previous != null) {
                previous.close();
            }
            return AuditLog.open(file);
        }, opened -> {
            audit = opened;
            reload();
        }, error -> state.set("Cannot read the history: " + error.getMessage()));
    }

    /** Counts and loads the first page again, with the current filter and sort; refreshes the filter choices. */
    public void reload() {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        long mine = ++generation;
        AuditFilter f = filter;
        AuditSort s = sort;
        record FirstLoad(long counted, List<AuditRecord> firstPage) {
        }
        // Counting stops early so the first rows show at once; past the limit the exact count follows, and meanwhile
        // the count reads "over 2000 rows (counting…)".
        background.run(() -> new FirstLoad(target.countUpTo(f, rowsCountedFirst + 1),
                target.page(f, s, 0, WindowedAuditRows.PAGE_SIZE)), loaded -> {
            if (mine != generation) {
                return;
            }
            WindowedAuditRows.PageFetcher pages = (offset, limit, onLoaded) ->
                    background.run(() -> target.page(f, s, offset, limit), onLoaded,
                            error -> state.set("Cannot read the history: " + error.getMessage()));
            rows.reset(loaded.counted(), loaded.firstPage(), pages);
            rowCount.set(loaded.counted());
            boolean more = loaded.counted() > rowsCountedFirst;
            rowCountText.set(more ? "over " + rowsCountedFirst + " rows (counting…)" : loaded.counted() + " rows");
            state.set(loaded.counted() > 0 ? "" : f.isEverything()
                    ? "No submissions yet. Every decision sent from this console is listed here."
                    : "No row matches " + f.describe() + ".");
            if (more) {
                countExactly(target, f, mine);
            }
        }, error -> {
            if (mine == generation) {
                state.set("Cannot read the history: " + error.getMessage());
            }
        });
        record Choices(List<String> pipelines, List<String> operators, List<String> actions) {
        }
        background.run(() -> new Choices(target.distinctValues(AuditColumn.PIPELINE_NAME),
                target.distinctValues(AuditColumn.OPERATOR), target.distinctValues(AuditColumn.ACTION)), choices -> {
            pipelines.setAll(choices.pipelines());
            operators.setAll(choices.operators());
            actions.setAll(choices.actions());
        }, error -> { });
    }

    /** The rest of a count that stopped early: the list grows (or shrinks) to the exact size when it is known. */
    private void countExactly(AuditLog target, AuditFilter f, long mine) {
        background.run(() -> target.count(f), exact -> {
            if (mine == generation) {
                rows.resize(exact);
                rowCount.set(exact);
                rowCountText.set(exact + " rows");
            }
        }, error -> {
            if (mine == generation) {
                rowCountText.set("over " + rowsCountedFirst + " rows (cannot count: " + error.getMessage() + ")");
            }
        });
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

    public AuditFilter filter() {
        return filter;
    }

    public AuditSort sort() {
        return sort;
    }

    /** Walks the hash chain in the background and shows what it found. */
    public void verify() {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        busy.set(true);
        verifyResult.set("Verifying…");
        verifyFailed.set(false);
        background.run(target::verify, (ChainVerification result) -> {
            busy.set(false);
            verifyFailed.set(!result.intact());
            verifyResult.set(result.summary());
        }, error -> {
            busy.set(false);
            verifyFailed.set(true);
            verifyResult.set("Cannot verify: " + error.getMessage());
        });
    }

    /**
     * Writes exactly the rows shown (filter and sort) to {@code file} in the background. The file appears only when
     * complete: the rows go to a temporary file beside it, moved into place at the end.
     */
    public void export(Path file, ExportFormat format) {
        AuditLog target = audit;
        if (target == null) {
            return;
        }
        AuditFilter f = filter;
        AuditSort s = sort;
        busy.set(true);
        exportResult.set("Exporting to " + file + "…");
        background.run(() -> {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                ExportSummary summary = target.export(f, s, format, out, Instant.now());
                out.close();
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
                return summary;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
        }, summary -> {
            busy.set(false);
            exportResult.set("Exported " + summary.rows() + " rows to " + file + " (chain head seq "
                    + summary.chainHeadSeq() + ").");
        }, error -> {
            busy.set(false);
            exportResult.set("Export failed: " + error.getMessage());
        });
    }

    /** Closes the audit log (off the FX thread). */
    public void close() {
        AuditLog closing = audit;
        audit = null;
        if (closing != null) {
            background.run(closing::close);
        }
    }

    /** The matching rows, windowed: a row not loaded yet reads as null until its page arrives. */
    public ObservableList<AuditRecord> rows() {
        return rows;
    }

    public ReadOnlyLongProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    /** The row count as the view shows it: "N rows", or "over 2000 rows (counting…)" until the count is exact. */
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
