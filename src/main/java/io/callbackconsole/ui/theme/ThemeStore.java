package io.callbackconsole.ui.theme;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the window keeps the operator's theme choice from one start to the next (the launcher keeps it in
 * settings.json). Both methods are blocking: call them off the FX thread.
 */
public interface ThemeStore {

    /** The saved choice; {@link ThemeChoice#SYSTEM} when none is saved. */
    ThemeChoice load() throws Exception;

    void save(ThemeChoice choice) throws Exception;

    /** A choice kept for the life of the process only: for tests and windows without a data directory. */
    static ThemeStore inMemory(ThemeChoice initial) {
        AtomicReference<ThemeChoice> saved = new AtomicReference<>(initial);
        return new ThemeStore() {
            @Override
            public ThemeChoice load() {
                return saved.get();
            }

            @Override
            public void save(ThemeChoice choice) {
                saved.set(choice);
            }
        };
    }
}
