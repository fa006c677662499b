package io.callbackconsole.ui.theme;

import org.slf4j.LoggerFactory;

/**
 * What the window needs for its look: the saved choice and the theme it stands for, both read before the window
 * is built (off the FX thread, so the first frame is drawn in the right theme), where a new choice is saved, and how
 * the system's preference is read again when the operator chooses to follow it.
 */
public record ThemeSettings(ThemeChoice choice, ConsoleTheme startTheme, ThemeStore store, SystemColorScheme system) {

    /**
     * Reads the saved choice and, when it follows the system, the system's preference. Blocking: not on the FX thread.
     * A choice that cannot be read costs the choice, not the start: the window then follows the system.
     */
    public static ThemeSettings read(ThemeStore store, SystemColorScheme system) {
        ThemeChoice choice;
        try {
            choice = store.load();
        } catch (Exception e) {
            LoggerFactory.getLogger(ThemeSettings.class).warn("The saved theme cannot be read ({}); following the "
                    + "system's", e.getMessage());
            choice = ThemeChoice.SYSTEM;
        }
        return new ThemeSettings(choice, choice.resolve(system), store, system);
    }

    /** Light, chosen, kept in memory, with a system that states no preference: for tests and previews. */
    public static ThemeSettings light() {
        return new ThemeSettings(ThemeChoice.LIGHT, ConsoleTheme.LIGHT, ThemeStore.inMemory(ThemeChoice.LIGHT),
                SystemColorScheme.unknown());
    }
}
