package io.callbackconsole.ui;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the window keeps how an operator left a table's columns — their order, which are shown and how wide — so it
 * holds from one start to the next. Tables are named ("pending"), columns by ids that do not change with the window's
 * words. Both methods are blocking: call them off the FX thread.
 */
public interface ColumnChoices {

    /**
     * One column as saved.
     *
     * @param width its width in pixels, or null when none was saved
     */
    record SavedColumn(String id, boolean shown, Double width) {
        public SavedColumn {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A table's columns as saved.
     *
     * @param arranged true when {@code columns} are in the operator's order with each one's visibility and width;
     *                 false for a file from before order and widths were saved: then they are the shown columns
     *                 only, in no particular order
     */
    record SavedColumns(List<SavedColumn> columns, boolean arranged) {
        public SavedColumns {
            columns = List.copyOf(columns);
        }

        /** The shape an older settings file holds: the ids of the shown columns. */
        public static SavedColumns shownOnly(List<String> ids) {
            return new SavedColumns(ids.stream().map(id -> new SavedColumn(id, true, null)).toList(), false);
        }
    }

    /** How {@code table}'s columns were last left; empty when nothing was saved. */
    Optional<SavedColumns> load(String table) throws Exception;

    /** Saves how {@code table}'s columns are now. */
    void save(String table, SavedColumns columns) throws Exception;

    /** Choices kept for the life of the process only: for tests and windows without a data directory. */
    static ColumnChoices inMemory() {
        Map<String, SavedColumns> choices = new ConcurrentHashMap<>();
        return new ColumnChoices() {
            @Override
            public Optional<SavedColumns> load(String table) {
                return Optional.ofNullable(choices.get(table));
            }

            @Override
            public void save(String table, SavedColumns columns) {
                choices.put(table, columns);
            }
        };
    }
}
