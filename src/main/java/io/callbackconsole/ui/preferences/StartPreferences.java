package io.callbackconsole.ui.preferences;

import io.callbackconsole.ui.common.WindowWords;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The preferences and layout read before the window is built (off the FX thread), where changes are saved, and what
 * the window must say once about the start: that settings.json was damaged and set aside, say. Empty when nothing.
 */
public record StartPreferences(Preferences preferences, Optional<WindowLayout> layout, PreferencesStore store,
                               String startNotice) {
    public StartPreferences {
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(store, "store");
        startNotice = startNotice == null ? "" : startNotice;
    }

    /**
     * Reads what {@code store} holds. Blocking. Preferences that cannot be read cost the preferences, not the start:
     * the defaults are used, the reason is logged and the window says so once ({@code startNotice} joins it).
     */
    public static StartPreferences read(PreferencesStore store, String startNotice) {
        StringBuilder notice = new StringBuilder(startNotice == null ? "" : startNotice);
        Preferences preferences;
        try {
            preferences = store.load();
        } catch (Exception e) {
            LoggerFactory.getLogger(StartPreferences.class).warn("The saved preferences cannot be read ({}); using "
                    + "the defaults", e.getMessage());
            preferences = Preferences.DEFAULT;
            if (notice.isEmpty()) {
                notice.append(WindowWords.text("preferences.unreadable", e.getMessage()));
            }
        }
        Optional<WindowLayout> layout;
        try {
            layout = store.loadLayout();
        } catch (Exception e) {
            LoggerFactory.getLogger(StartPreferences.class).warn("The saved window layout cannot be read ({})",
                    e.getMessage());
            layout = Optional.empty();
        }
        return new StartPreferences(preferences, layout, store, notice.toString());
    }

    /** The defaults, kept in memory: for tests and previews. */
    public static StartPreferences inMemory() {
        return new StartPreferences(Preferences.DEFAULT, Optional.empty(), PreferencesStore.inMemory(), "");
    }
}
