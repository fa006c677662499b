package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.ColumnChoices.SavedColumn;
import io.callbackconsole.ui.ColumnChoices.SavedColumns;
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

    static final SavedColumns ARRANGED = new SavedColumns(List.of(new SavedColumn("Token", true, 110.0),
            new SavedColumn("Queue", true, 212.5), new SavedColumn("Pipeline", false, 150.0),
            new SavedColumn("Step", true, null)), true);

    @Test
    void columnsAreSavedPerTableInOrderWithVisibilityAndWidthAndKeepTheConnectionAndTheMarks() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        var columns = store.columnChoices();
        assertThat(columns.load("pending")).isEmpty();
        ConnectionSettings saved = new ConnectionSettings(false, "ops", "us-east-2", List.of(), null, null, null);
        store.save(saved);
        store.saveMark("ops", EnvironmentMark.PRODUCTION);

        columns.save("pending", SavedColumns.shownOnly(List.of("Token", "Queue")));
        columns.save("pending", ARRANGED);

        assertThat(columns.load("pending")).contains(ARRANGED);
        assertThat(columns.load("history")).isEmpty();
        assertThat(store.load()).contains(saved);
        assertThat(store.loadMarks()).containsOnly(entry("ops", EnvironmentMark.PRODUCTION));
        store.save(new ConnectionSettings(false, "other", "us-east-2", List.of(), null, null, null));
        assertThat(columns.load("pending")).as("saving a connection keeps the columns").contains(ARRANGED);
        assertThat(Files.readString(dir.resolve("settings.json"))).as("the shape in the file")
                .containsIgnoringWhitespaces("{\"id\":\"Queue\",\"shown\":true,\"width\":212.5}")
                .containsIgnoringWhitespaces("{\"id\":\"Step\",\"shown\":true}");
    }

    @Test
    void anOlderFileWithTheShownColumnsOnlyStillLoads() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"columns\": {\"pending\": [\"Token\", \"Queue\"]}}");

        assertThat(new SettingsStore(dir.resolve("settings.json")).loadColumns("pending"))
                .contains(SavedColumns.shownOnly(List.of("Token", "Queue")));
    }

    @Test
    void aCorruptColumnEntryIsLeftOutAndTheOthersLoad() throws Exception {
        Files.writeString(dir.resolve("settings.json"), """
                {"columns": {"pending": [
                  {"id": "Token", "shown": true, "width": 110},
                  {"id": "Queue", "shown": true, "width": "wide"},
                  {"shown": false},
                  {"id": "Step", "shown": "yes"},
                  7,
                  "Pipeline",
                  {"id": "Status", "shown": false, "width": null}
                ]}}""");

        assertThat(new SettingsStore(dir.resolve("settings.json")).loadColumns("pending"))
                .contains(new SavedColumns(List.of(new SavedColumn("Token", true, 110.0),
                        new SavedColumn("Status", false, null)), true));
    }

    @Test
    void aColumnChoiceAloneChoosesNoConnection() throws Exception {
        SettingsStore store = new SettingsStore(dir.resolve("settings.json"));
        store.saveColumns("pending", SavedColumns.shownOnly(List.of("Token", "Queue")));
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
