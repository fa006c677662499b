package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.theme.ConsoleTheme;
import io.callbackconsole.ui.theme.SystemColorScheme;
import io.callbackconsole.ui.theme.ThemeChoice;
import io.callbackconsole.ui.theme.ThemeSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The theme choice in settings.json, as the launcher reads it before the window and the window saves it. */
class ThemeSettingsStoreTest {
    @TempDir
    Path dir;

    static final SystemColorScheme DARK_DESKTOP = new SystemColorScheme("Linux", Map.of("GTK_THEME", "Adwaita:dark"),
            command -> Optional.empty());

    @Test
    void withNothingSavedTheWindowFollowsTheSystem() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        assertThat(store.loadTheme()).isEqualTo(ThemeChoice.SYSTEM);
        ThemeSettings start = CallbackConsole.themeSettings(store, DARK_DESKTOP);
        assertThat(start.choice()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(start.startTheme()).isEqualTo(ConsoleTheme.DARK);
        assertThat(store.file()).as("reading writes nothing").doesNotExist();
    }

    @Test
    void aChoiceSavedByTheWindowIsTheThemeOfTheNextStart() throws Exception {
        Path file = dir.resolve("settings.json");
        CallbackConsole.themeSettings(new SettingsStore(file), DARK_DESKTOP).store().save(ThemeChoice.LIGHT);

        ThemeSettings next = CallbackConsole.themeSettings(new SettingsStore(file), DARK_DESKTOP);
        assertThat(next.choice()).isEqualTo(ThemeChoice.LIGHT);
        assertThat(next.startTheme()).as("a chosen theme wins over the desktop's").isEqualTo(ConsoleTheme.LIGHT);
    }

    @Test
    void theThemeKeepsTheConnectionAndTheMarksAndTheyKeepIt() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        ConnectionSettings connection = new ConnectionSettings(false, "ops", "us-east-2", List.of(), null, null, null);
        store.save(connection);
        store.saveMark("ops", EnvironmentMark.STAGING);
        store.saveTheme(ThemeChoice.DARK);
        assertThat(store.load()).contains(connection);
        assertThat(store.loadMarks()).containsEntry("ops", EnvironmentMark.STAGING);

        store.saveMark("ops", EnvironmentMark.PRODUCTION);
        store.save(connection);
        assertThat(store.loadTheme()).isEqualTo(ThemeChoice.DARK);
    }

    @Test
    void aThemeAloneChoosesNoConnection() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.saveTheme(ThemeChoice.DARK);
        assertThat(store.load()).isEmpty();
    }

    @Test
    void anUnknownThemeNameFollowsTheSystemAndAnUnreadableFileCostsTheChoiceNotTheStart() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"theme\": \"SOLARIZED\"}");
        assertThat(new SettingsStore(file).loadTheme()).isEqualTo(ThemeChoice.SYSTEM);

        Files.writeString(file, "{ not json");
        ThemeSettings start = CallbackConsole.themeSettings(new SettingsStore(file), DARK_DESKTOP);
        assertThat(start.choice()).isEqualTo(ThemeChoice.SYSTEM);
        assertThat(start.startTheme()).isEqualTo(ConsoleTheme.DARK);
        assertThat(Files.readString(file)).as("left alone").isEqualTo("{ not json");
    }
}
