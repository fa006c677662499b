package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the Pending table's column choice across starts: restores the saved one when the window opens and saves each
 * change the operator makes, both off the FX thread. A saved choice that names no column this version has (or only
 * the token) is not restored: a table of one column would look empty. A file that cannot be read or written costs the
 * choice only, never the window (logged).
 */
public final class RememberedColumns {
    /** The name the Pending table's choice is saved under. */
    public static final String TABLE = "pending";
    private static final Logger log = LoggerFactory.getLogger(RememberedColumns.class);

    private final PendingTableViewModel table;
    private final ColumnChoices store;
    private final TaskExecutor tasks;
    /** The latest choice not yet written; saves run in any order, each writes the latest. */
    private final AtomicReference<List<String>> unsaved = new AtomicReference<>();
    /** True once the operator chose columns (or the saved choice came in): a late restore must not undo a choice. */
    private boolean chosenHere;
    private boolean restoring;

    private RememberedColumns(PendingTableViewModel table, ColumnChoices store, TaskExecutor tasks) {
        this.table = table;
        this.store = store;
        this.tasks = tasks;
    }

    /** Restores the saved choice into {@code table} and saves the ones that follow. FX thread. */
    public static RememberedColumns keep(PendingTableViewModel table, ColumnChoices store, TaskExecutor tasks) {
        RememberedColumns remembered = new RememberedColumns(table, store, tasks);
        table.shownColumnsProperty().addListener((obs, old, shown) -> remembered.changed(shown));
        tasks.execute(BackgroundTask.of(() -> store.load(TABLE)).named("Reading the column choice")
                .onSuccess(remembered::restore)
                .onFailure(e -> log.warn("The saved column choice cannot be read: {}", e.getMessage())));
        return remembered;
    }

    private void restore(Optional<List<String>> saved) {
        if (chosenHere || saved.isEmpty()) {
            return;
        }
        Set<String> known = new LinkedHashSet<>(saved.get());
        known.retainAll(PendingTableViewModel.ALL_COLUMNS);
        known.add("Token");
        if (known.size() < 2) {
            log.info("The saved column choice {} names no column of this table; keeping the default", saved.get());
            return;
        }
        restoring = true;
        try {
            table.shownColumnsProperty().set(Set.copyOf(known));
        } finally {
            restoring = false;
        }
    }

    private void changed(Set<String> shown) {
        if (restoring || shown == null) {
            return;
        }
        chosenHere = true;
        // In the table's order, so the file reads as the header does.
        List<String> inOrder = PendingTableViewModel.ALL_COLUMNS.stream().filter(shown::contains).toList();
        unsaved.set(inOrder);
        tasks.execute(BackgroundTask.ofAction(this::saveLatest).named("Saving the column choice")
                .onFailure(e -> log.warn("The column choice cannot be saved: {}", e.getMessage())));
    }

    /** Writes the latest choice, if a save before this one has not written it already. */
    private synchronized void saveLatest() throws Exception {
        List<String> latest = unsaved.getAndSet(null);
        if (latest != null) {
            store.save(TABLE, latest);
        }
    }
}
