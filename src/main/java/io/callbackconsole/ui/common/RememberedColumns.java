package io.callbackconsole.ui.common;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.ColumnChoices.SavedColumn;
import io.callbackconsole.ui.ColumnChoices.SavedColumns;
import io.callbackconsole.ui.common.ColumnArrangement.DefaultColumn;
import io.callbackconsole.ui.common.ColumnArrangement.PlacedColumn;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.animation.Animation;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps how the operator left a table's columns — order, visibility, width — across starts: restores the saved
 * arrangement when the table is built (see {@link ColumnArrangement} for how it meets this version's columns) and
 * saves each change, off the FX thread, the latest last. A column moved or shown is saved at once; a resize only once
 * the drag has settled, as it changes the width many times a second, or when the window closes before it settled.
 * A file that cannot be read or written costs the arrangement only, never the window (logged).
 */
public final class RememberedColumns<S> {
    /** How long a width must stay unchanged before it is saved: a drag changes it with every mouse move. */
    static final Duration RESIZE_SETTLES = Duration.millis(400);
    private static final Logger log = LoggerFactory.getLogger(RememberedColumns.class);

    private final TableView<S> table;
    private final String name;
    private final Function<TableColumn<S, ?>, String> idOf;
    private final ColumnChoices store;
    private final TaskExecutor tasks;
    private final List<DefaultColumn> defaults;
    private final PauseTransition resizeSettles = new PauseTransition(RESIZE_SETTLES);
    /** The latest arrangement not yet written; saves run in any order, each writes the latest. */
    private final AtomicReference<SavedColumns> unsaved = new AtomicReference<>();
    /** What the file holds (or the defaults): a change that leaves the table so is not saved again. */
    private SavedColumns lastKnown;
    /** True once the operator changed the columns: a late restore must not undo that. */
    private boolean changedHere;
    private boolean restoring;

    private RememberedColumns(TableView<S> table, String name, Function<TableColumn<S, ?>, String> idOf,
                              ColumnChoices store, TaskExecutor tasks) {
        this.table = table;
        this.name = name;
        this.idOf = idOf;
        this.store = store;
        this.tasks = tasks;
        this.defaults = table.getColumns().stream().map(c -> new DefaultColumn(idOf.apply(c), c.isVisible(),
                c.getMinWidth(), c.getMaxWidth(), !c.isReorderable())).toList();
        this.lastKnown = current();
    }

    /**
     * Restores the arrangement saved as {@code name} into {@code table} and saves the ones that follow. Call on the
     * FX thread once the table has its columns.
     *
     * @param idOf a column's id, unique in the table and the same from one version (and language) to the next
     */
    public static <S> RememberedColumns<S> keep(TableView<S> table, String name,
                                                Function<TableColumn<S, ?>, String> idOf, ColumnChoices store,
                                                TaskExecutor tasks) {
        RememberedColumns<S> remembered = new RememberedColumns<>(table, Objects.requireNonNull(name, "name"), idOf,
                store, tasks);
        remembered.listen();
        tasks.execute(BackgroundTask.of(() -> store.load(name)).named("Reading the " + name + " columns")
                .onSuccess(remembered::restore)
                .onFailure(e -> log.warn("The saved {} columns cannot be read: {}", name, e.getMessage())));
        return remembered;
    }

    private void listen() {
        // A resize made just before the window closes is saved as it closes, not lost with the settle timer. The
        // saves' executor must run what was queued before it shut down (the window's saver does).
        EventHandler<WindowEvent> closing = e -> {
            if (resizeSettles.getStatus() == Animation.Status.RUNNING) {
                resizeSettles.stop();
                changed();
            }
        };
        ObservableValue<Window> window = table.sceneProperty().flatMap(Scene::windowProperty);
        window.addListener((obs, old, now) -> {
            if (old != null) {
                old.removeEventHandler(WindowEvent.WINDOW_HIDING, closing);
            }
            if (now != null) {
                now.addEventHandler(WindowEvent.WINDOW_HIDING, closing);
            }
        });
        if (window.getValue() != null) {
            window.getValue().addEventHandler(WindowEvent.WINDOW_HIDING, closing);
        }
        InvalidationListener changed = obs -> changed();
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) change -> changed());
        resizeSettles.setOnFinished(e -> changed());
        for (TableColumn<S, ?> column : table.getColumns()) {
            column.visibleProperty().addListener(changed);
            column.widthProperty().addListener(obs -> {
                if (!restoring) {
                    resizeSettles.playFromStart();
                }
            });
        }
    }

    private void restore(Optional<SavedColumns> saved) {
        if (changedHere || saved.isEmpty()) {
            return;
        }
        Optional<ColumnArrangement.Result> arranged = ColumnArrangement.arrange(defaults, saved.get());
        if (arranged.isEmpty()) {
            log.info("The saved {} columns {} name no column of this table; keeping the default", name,
                    saved.get().columns().stream().map(SavedColumn::id).toList());
            return;
        }
        ColumnArrangement.Result result = arranged.get();
        if (!result.unknownIds().isEmpty()) {
            log.info("The saved {} columns name columns this version does not have, left out: {}", name,
                    result.unknownIds());
        }
        if (result.visibilityKept()) {
            log.info("The saved {} columns would show no column but the fixed ones; keeping which are shown", name);
        }
        Map<String, TableColumn<S, ?>> byId = new HashMap<>();
        table.getColumns().forEach(c -> byId.put(idOf.apply(c), c));
        List<TableColumn<S, ?>> ordered = new ArrayList<>();
        restoring = true;
        try {
            for (PlacedColumn placed : result.columns()) {
                TableColumn<S, ?> column = byId.get(placed.id());
                ordered.add(column);
                column.setVisible(placed.shown());
                if (placed.width() != null) {
                    column.setPrefWidth(placed.width());
                }
            }
            if (!ordered.equals(table.getColumns())) {
                table.getColumns().setAll(ordered);
            }
        } finally {
            restoring = false;
        }
        lastKnown = current();
    }

    private void changed() {
        if (restoring) {
            return;
        }
        SavedColumns now = current();
        if (now.equals(lastKnown)) {
            return;
        }
        changedHere = true;
        lastKnown = now;
        unsaved.set(now);
        tasks.execute(BackgroundTask.ofAction(this::saveLatest).named("Saving the " + name + " columns")
                .onFailure(e -> log.warn("The {} columns cannot be saved: {}", name, e.getMessage())));
    }

    /** The table's columns as they are now, in their order. */
    private SavedColumns current() {
        return new SavedColumns(table.getColumns().stream()
                .map(c -> new SavedColumn(idOf.apply(c), c.isVisible(), c.getWidth())).toList(), true);
    }

    /** Writes the latest arrangement, if a save before this one has not written it already. */
    private synchronized void saveLatest() throws Exception {
        SavedColumns latest = unsaved.getAndSet(null);
        if (latest != null) {
            store.save(name, latest);
        }
    }
}
