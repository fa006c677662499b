package io.callbackconsole.ui;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the window keeps the columns an operator chose to see in a table, so the choice holds from one start to the
 * next. Tables are named ("pending"). Both methods are blocking: call them off the FX thread.
 */
public interface ColumnChoices {

    /** The titles of the columns last chosen for {@code table}; empty when none was saved. */
    Optional<List<String>> load(String table) throws Exception;

    /** Saves the titles of the columns shown in {@code table}. */
    void save(String table, List<String> shown) throws Exception;

    /** Choices kept for the life of the process only: for tests and windows without a data directory. */
    static ColumnChoices inMemory() {
        Map<String, List<String>> choices = new ConcurrentHashMap<>();
        return new ColumnChoices() {
            @Override
            public Optional<List<String>> load(String table) {
                return Optional.ofNullable(choices.get(table));
            }

            @Override
            public void save(String table, List<String> shown) {
                choices.put(table, List.copyOf(shown));
            }
        };
    }
}
