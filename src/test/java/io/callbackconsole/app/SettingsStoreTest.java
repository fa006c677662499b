package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void aSavedConnectionLoadsBackAsItWas() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("nested/settings.json"));
        ConnectionSettings saved = new ConnectionSettings(false, "ops", "eu-west-1",
                List.of("https://sqs.eu-west-1.amazonaws.com/123456789012/a", "https://sqs.eu-west-1.amazonaws.com/123456789012/b"),
                URI.create("http://127.0.0.1:9324"), null, null);
        store.save(saved);
        assertThat(store.load()).contains(saved);
    }

    @Test
    void nothingSavedMeansEmpty() throws Exception {
        assertThat(new SettingsStore(dir.resolve("settings.json")).load()).isEmpty();
    }

    @Test
    void aBrokenFileIsReportedWithItsPathAndLeftAlone() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> new SettingsStore(file).load())
                .isInstanceOf(SettingsStore.SettingsException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("--sandbox");
        assertThat(Files.readString(file)).isEqualTo("{ not json");
    }

    @Test
    void theFileHoldsNoSecrets() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.save(new ConnectionSettings(false, "ops", "us-east-1", List.of("https://sqs.us-east-1.amazonaws.com/1/q"),
                null, null, null));
        assertThat(Files.readString(store.file())).doesNotContainIgnoringCase("secret").doesNotContainIgnoringCase("key");
    }
}
