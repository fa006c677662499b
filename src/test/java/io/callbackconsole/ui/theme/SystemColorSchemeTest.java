package io.callbackconsole.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each desktop's answer means, and that an unsure or silent desktop means light. */
class SystemColorSchemeTest {
    final List<List<String>> asked = new ArrayList<>();

    /** Answers each command by its last word (the key asked for); an unknown key fails. */
    SystemColorScheme.Commands answering(Map<String, String> byKey) {
        return command -> {
            asked.add(command);
            return Optional.ofNullable(byKey.get(command.get(command.size() - 1)));
        };
    }

    Optional<ConsoleTheme> linux(Map<String, String> environment, Map<String, String> gsettings) {
        return new SystemColorScheme("Linux", environment, answering(gsettings)).preferred();
    }

    @Test
    void gtkThemeSetInTheEnvironmentDecidesWithoutAskingGnome() {
        assertThat(linux(Map.of("GTK_THEME", "Adwaita:dark"), Map.of("color-scheme", "'prefer-light'\n")))
                .contains(ConsoleTheme.DARK);
        assertThat(asked).isEmpty();
        assertThat(linux(Map.of("GTK_THEME", "Arc-Dark"), Map.of())).contains(ConsoleTheme.DARK);
        assertThat(linux(Map.of("GTK_THEME", "Adwaita"), Map.of("color-scheme", "'prefer-dark'\n")))
                .contains(ConsoleTheme.LIGHT);
    }

    @Test
    void gnomeColorSchemeThenItsGtkThemeName() {
        assertThat(linux(Map.of(), Map.of("color-scheme", "'prefer-dark'\n"))).contains(ConsoleTheme.DARK);
        assertThat(linux(Map.of(), Map.of("color-scheme", "'prefer-light'\n", "gtk-theme", "'Yaru-dark'\n")))
                .contains(ConsoleTheme.LIGHT);
        assertThat(linux(Map.of(), Map.of("color-scheme", "'default'\n", "gtk-theme", "'Yaru-dark'\n")))
                .as("'default' says nothing: the theme's name does").contains(ConsoleTheme.DARK);
        assertThat(linux(Map.of(), Map.of("gtk-theme", "'Adwaita'\n"))).as("a GNOME without color-scheme")
                .contains(ConsoleTheme.LIGHT);
        assertThat(linux(Map.of("GTK_THEME", " "), Map.of("color-scheme", "'prefer-dark'"))).as("a blank GTK_THEME")
                .contains(ConsoleTheme.DARK);
    }

    @Test
    void aDesktopWithoutGsettingsStatesNothingAndFollowingItMeansLight() {
        SystemColorScheme silent = new SystemColorScheme("Linux", Map.of(), answering(Map.of()));
        assertThat(silent.preferred()).isEmpty();
        assertThat(ThemeChoice.SYSTEM.resolve(silent)).isEqualTo(ConsoleTheme.LIGHT);
        assertThat(new SystemColorScheme("Linux", Map.of(), answering(Map.of("color-scheme", "garbage")))
                .preferred()).isEmpty();
        assertThat(SystemColorScheme.unknown().preferred()).isEmpty();
    }

    @Test
    void macOsIsDarkOnlyWhenItsInterfaceStyleSaysDark() {
        assertThat(new SystemColorScheme("Mac OS X", Map.of(), answering(Map.of("AppleInterfaceStyle", "Dark\n")))
                .preferred()).contains(ConsoleTheme.DARK);
        assertThat(new SystemColorScheme("Mac OS X", Map.of(), answering(Map.of())).preferred())
                .as("the key is missing in light mode").contains(ConsoleTheme.LIGHT);
    }

    @Test
    void windowsReadsAppsUseLightTheme() {
        String dark = "\r\nHKEY_CURRENT_USER\\...\\Personalize\r\n    AppsUseLightTheme    REG_DWORD    0x0\r\n";
        assertThat(new SystemColorScheme("Windows 11", Map.of(), answering(Map.of("AppsUseLightTheme", dark)))
                .preferred()).contains(ConsoleTheme.DARK);
        assertThat(new SystemColorScheme("Windows 11", Map.of(),
                answering(Map.of("AppsUseLightTheme", dark.replace("0x0", "0x1")))).preferred())
                .contains(ConsoleTheme.LIGHT);
        assertThat(new SystemColorScheme("Windows 11", Map.of(), answering(Map.of("AppsUseLightTheme", "ERROR")))
                .preferred()).isEmpty();
    }

    @Test
    void aCommandThatIsMissingFailsOrHangsAnswersNothingWithinItsTimeOut() {
        assertThat(SystemColorScheme.run(List.of("no-such-command-for-the-theme"))).isEmpty();
        assertThat(SystemColorScheme.run(List.of("sh", "-c", "echo dark; exit 1"))).isEmpty();
        assertThat(SystemColorScheme.run(List.of("sh", "-c", "echo \"'prefer-dark'\""))).contains("'prefer-dark'\n");
        long start = System.nanoTime();
        assertThat(SystemColorScheme.run(List.of("sleep", "30"))).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).as("given up on after its time-out")
                .isLessThan(SystemColorScheme.COMMAND_TIMEOUT_MILLIS + 3000);
    }
}
