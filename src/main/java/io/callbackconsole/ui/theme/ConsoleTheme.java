package io.callbackconsole.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import atlantafx.base.theme.Theme;
import javafx.application.Application;

/**
 * The two looks the window has. AtlantaFX's Primer pair: GitHub's palette, tuned for contrast in both variants (Nord
 * is softer, which reads worse on a projector during an incident; Cupertino looks like macOS everywhere). The console's
 * own stylesheet only looks up the -color-* variables these define, so it needs no copy per theme.
 */
public enum ConsoleTheme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    private final Theme theme;

    ConsoleTheme(Theme theme) {
        this.theme = theme;
    }

    /** The theme's binary stylesheet: parsed faster than its CSS, so the first frame does not wait on it. */
    public String userAgentStylesheet() {
        return theme.getUserAgentStylesheetBSS();
    }

    public boolean dark() {
        return theme.isDarkMode();
    }

    /** Makes this the look of every window of the application. FX thread. */
    public void apply() {
        Application.setUserAgentStylesheet(userAgentStylesheet());
    }
}
