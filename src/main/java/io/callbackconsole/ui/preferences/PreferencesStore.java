package io.callbackconsole.ui.preferences;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the window keeps its preferences and its layout from one start to the next (the launcher keeps them in
 * settings.json). Every method is blocking: call them off the FX thread.
 */
public interface PreferencesStore {

    /** The saved preferences; {@link Preferences#DEFAULT} when none are saved. */
    Preferences load() throws Exception;

    void save(Preferences preferences) throws Exception;

    /** The window's layout when it last changed; empty when none is saved. */
    Optional<WindowLayout> loadLayout() throws Exception;

    void saveLayout(WindowLayout layout) throws Exception;

    /** Kept for the life of the process only: for tests and windows without a data directory. */
    static PreferencesStore inMemory() {
        AtomicReference<Preferences> saved = new AtomicReference<>(Preferences.DEFAULT);
        AtomicReference<WindowLayout> layout = new AtomicReference<>();
        return new PreferencesStore() {
            @Override
            public Preferences load() {
                return saved.get();
            }

            @Override
            public void save(Preferences preferences) {
                saved.set(preferences);
            }

            @Override
            public Optional<WindowLayout> loadLayout() {
                return Optional.ofNullable(layout.get());
            }

            @Override
            public void saveLayout(WindowLayout windowLayout) {
                layout.set(windowLayout);
            }
        };
    }
}
