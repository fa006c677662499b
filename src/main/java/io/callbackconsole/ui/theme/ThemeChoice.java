package io.callbackconsole.ui.theme;

import java.util.Locale;
import java.util.Optional;

/** What the operator chose in View → Theme: a theme, or whatever the operating system prefers. */
public enum ThemeChoice {
    LIGHT,
    DARK,
    /** Follow the desktop's light or dark preference, read at start and when chosen (see {@link SystemColorScheme}). */
    SYSTEM;

    /** The theme this choice stands for, asking {@code system} only when it follows the system. Blocking for SYSTEM. */
    public ConsoleTheme resolve(SystemColorScheme system) {
        return switch (this) {
            case LIGHT -> ConsoleTheme.LIGHT;
            case DARK -> ConsoleTheme.DARK;
            case SYSTEM -> system.preferred().orElse(ConsoleTheme.LIGHT);
        };
    }

    /** The choice saved as {@code text}; empty for null or a name this version does not know. */
    public static Optional<ThemeChoice> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
