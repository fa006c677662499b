package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
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
                URI.create("http://127.0.0.1:9324"), null, null).withIamEndpoint(URI.create("http://127.0.0.1:9325"));
        store.save(saved);
        assertThat(store.load()).contains(saved);
        assertThat(store.load().orElseThrow().iamEndpoint()).hasToString("http://127.0.0.1:9325");
    }

    @Test
    void aTeamHistoryIsSavedWithItsConnectionAndTheFileChoiceRemovesIt() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        String url = "postgresql://alice@db.example.com:5432/callback_history?sslmode=verify-full";
        ConnectionSettings team = new ConnectionSettings(false, "ops", "us-east-1",
                List.of("https://sqs.us-east-1.amazonaws.com/1/q"), null, null, null).withHistoryUrl(url);
        store.save(team);
        assertThat(store.load().orElseThrow().historyUrl()).isEqualTo(url);

        store.save(team.withHistoryUrl(null));
        assertThat(store.load().orElseThrow().historyUrl()).isNull();
        assertThat(Files.readString(store.file())).doesNotContain("historyUrl");
    }

    @Test
    void aTeamHistoryUrlWithAPasswordIsRefusedSayingWhereThePasswordGoesAndNothingIsWritten() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        ConnectionSettings withPassword = new ConnectionSettings(false, "ops", "us-east-1",
                List.of("https://sqs.us-east-1.amazonaws.com/1/q"), null, null, null)
                .withHistoryUrl("postgresql://alice:S3cret-pw@db.example.com/callback_history");

        assertThatThrownBy(() -> store.save(withPassword))
                .isInstanceOf(SettingsStore.SettingsException.class)
                .hasMessageContaining("~/.pgpass").hasMessageContaining("PGPASSWORD")
                .hasMessageNotContaining("S3cret-pw");
        assertThat(store.file()).doesNotExist();
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

    @Test
    void marksAndTheConnectionAreSavedApartAndKeepEachOther() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.saveMark("ops-prod", EnvironmentMark.PRODUCTION);
        assertThat(store.load()).as("a mark alone chooses no connection").isEmpty();

        ConnectionSettings saved = new ConnectionSettings(false, "ops", "us-east-2", List.of(), null, null, null);
        store.save(saved);
        store.saveMark("ops", EnvironmentMark.STAGING);
        assertThat(store.load()).contains(saved);
        assertThat(store.loadMarks()).containsOnly(entry("ops-prod", EnvironmentMark.PRODUCTION),
                entry("ops", EnvironmentMark.STAGING));

        store.save(new ConnectionSettings(false, "other", "us-east-2", List.of(), null, null, null));
        store.saveMark("ops", EnvironmentMark.UNMARKED);
        assertThat(store.loadMarks()).as("saving a connection keeps the marks; unmarking removes one")
                .containsOnly(entry("ops-prod", EnvironmentMark.PRODUCTION));
    }

    @Test
    void columnChoicesAreSavedPerTableAndKeepTheConnectionAndTheMarks() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        var columns = store.columnChoices();
        assertThat(columns.load("pending")).isEmpty();
        ConnectionSettings saved = new ConnectionSettings(false, "ops", "us-east-2", List.of(), null, null, null);
        store.save(saved);
        store.saveMark("ops", EnvironmentMark.PRODUCTION);

        columns.save("pending", List.of("Token", "Queue"));
        columns.save("pending", List.of("Token", "Arguments", "Queue"));

        assertThat(columns.load("pending")).contains(List.of("Token", "Arguments", "Queue"));
        assertThat(columns.load("history")).isEmpty();
        assertThat(store.load()).contains(saved);
        assertThat(store.loadMarks()).containsOnly(entry("ops", EnvironmentMark.PRODUCTION));
        store.save(new ConnectionSettings(false, "other", "us-east-2", List.of(), null, null, null));
        assertThat(columns.load("pending")).as("saving a connection keeps the columns")
                .contains(List.of("Token", "Arguments", "Queue"));
    }

    @Test
    void aColumnChoiceAloneChoosesNoConnection() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.saveColumns("pending", List.of("Token", "Queue"));
        assertThat(store.load()).isEmpty();
        Files.writeString(dir.resolve("settings.json"), "{\"columns\": {\"pending\": \"Token\"}}");
        assertThat(store.loadColumns("pending")).as("not a list: nothing saved").isEmpty();
    }

    @Test
    void aMarkNoVersionWroteIsLeftOutAndTheSandboxCannotBeMarked() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{\"environmentMarks\": {\"a\": \"CRITICAL\", \"b\": \"production\","
                + " \"c\": \"SANDBOX\", \"d\": 7}}");
        SettingsStore store = new SettingsStore(file);
        assertThat(store.loadMarks()).containsOnly(entry("b", EnvironmentMark.PRODUCTION));
        assertThatThrownBy(() -> store.saveMark("x", EnvironmentMark.SANDBOX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
