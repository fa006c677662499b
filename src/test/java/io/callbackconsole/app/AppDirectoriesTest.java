package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    @Test
    void dataDirFlagWinsOverEverything() {
        AppDirectories dirs = AppDirectories.resolve(Path.of("/tmp/cc"),
                Map.of("CALLBACK_CONSOLE_HOME", "/elsewhere", "XDG_CONFIG_HOME", "/xdg"), "Linux", "/home/op");
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/tmp/cc"));
        assertThat(dirs.historyFile()).isEqualTo(Path.of("/tmp/cc/history.db"));
        assertThat(dirs.settingsFile()).isEqualTo(Path.of("/tmp/cc/settings.json"));
    }

    @Test
    void theSandboxKeepsItsHistoryApartFromTheAwsConnections() {
        AppDirectories dirs = AppDirectories.resolve(Path.of("/tmp/cc"), Map.of(), "Linux", "/home/op");
        assertThat(dirs.sandboxHistoryFile()).isEqualTo(Path.of("/tmp/cc/sandbox/history.db"));
        assertThat(dirs.historyFile(true)).isEqualTo(dirs.sandboxHistoryFile());
        assertThat(dirs.historyFile(false)).isEqualTo(dirs.historyFile()).isNotEqualTo(dirs.sandboxHistoryFile());
    }

    @Test
    void environmentVariableComesNext() {
        assertThat(AppDirectories.resolve(null, Map.of("CALLBACK_CONSOLE_HOME", "/srv/cc"), "Linux", "/home/op").dataDir())
                .isEqualTo(Path.of("/srv/cc"));
    }

    @Test
    void eachOperatingSystemHasItsAppDataFolder() {
        assertThat(AppDirectories.resolve(null, Map.of("XDG_CONFIG_HOME", "/xdg"), "Linux", "/home/op").dataDir())
                .isEqualTo(Path.of("/xdg/callback-console"));
        assertThat(AppDirectories.resolve(null, Map.of(), "Linux", "/home/op").dataDir())
                .isEqualTo(Path.of("/home/op/.config/callback-console"));
        assertThat(AppDirectories.resolve(null, Map.of(), "Mac OS X", "/Users/op").dataDir())
                .isEqualTo(Path.of("/Users/op/Library/Application Support/Callback Console"));
        assertThat(AppDirectories.resolve(null, Map.of("APPDATA", "/appdata"), "Windows 11", "/c/op").dataDir())
                .isEqualTo(Path.of("/appdata/Callback Console"));
    }
}
