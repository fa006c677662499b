package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.app.SettingsStore;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.OwnPipelines;
import io.callbackconsole.ui.WindowClosings;
import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.pending.AgeAlarm;
import io.callbackconsole.ui.preferences.Preferences;
import io.callbackconsole.ui.preferences.StartPreferences;
import io.callbackconsole.ui.theme.ConsoleTheme;
import io.callbackconsole.ui.theme.SystemColorScheme;
import io.callbackconsole.ui.theme.ThemeChoice;
import io.callbackconsole.ui.theme.ThemeSettings;
import io.callbackconsole.ui.theme.ThemeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Edit → Preferences… in the window: what OK gives is applied at once, saved in settings.json, and applied again when
 * the window opens next from the same data directory, with the window where it was; bad input is refused as typed; a
 * damaged settings.json costs the settings, not the start.
 */
@ExtendWith(ApplicationExtension.class)
class PreferencesWindowTest {
    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    @TempDir
    Path dataDir;
    Stage stage;
    MainViewModel model;

    /** Opens the window as the launcher does, on settings.json in {@link #dataDir}. FX thread. */
    void open(String settingsNotice) {
        SettingsStore settings = new SettingsStore(dataDir.resolve("settings.json"));
        ThemeSettings theme = ThemeSettings.read(new ThemeStore() {
            @Override
            public ThemeChoice load() throws Exception {
                return settings.loadTheme();
            }

            @Override
            public void save(ThemeChoice choice) throws Exception {
                settings.saveTheme(choice);
            }
        }, SystemColorScheme.unknown());
        ConsoleEnvironment environment = new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                s -> { }, List::of, "test", new WindowClosings(), EnvironmentMarks.inMemory(), OwnPipelines.none(),
                ColumnChoices.inMemory(), theme, StartPreferences.read(settings.preferencesStore(), settingsNotice));
        stage = new Stage();
        model = new MainViewModel(environment);
        MainWindow.show(stage, model);
    }

    void close(FxRobot robot) {
        if (stage != null) {
            robot.interact(() -> stage.hide());
            model.awaitClosed(10_000);
            model.environment().closings().awaitClosed(10_000);
            stage = null;
        }
    }

    @AfterEach
    void closeWindow(FxRobot robot) {
        robot.lookup("#preferencesDialog").tryQuery().ifPresent(dialog ->
                robot.interact(() -> dialog.getScene().getWindow().hide()));
        close(robot);
    }

    @AfterAll
    static void backToTheDefaultLook() {
        Application.setUserAgentStylesheet(null);
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
    }

    /** Opens the dialog with its keys, as the Help sheet lists them. */
    DialogPane openPreferences(FxRobot robot) throws Exception {
        robot.interact(() -> stage.requestFocus());
        robot.push((javafx.scene.input.KeyCodeCombination) Shortcut.PREFERENCES.keys());
        waitUntil(() -> robot.lookup("#preferencesDialog").tryQuery().isPresent());
        return robot.lookup("#preferencesDialog").queryAs(DialogPane.class);
    }

    static void type(FxRobot robot, String id, String text) {
        robot.interact(() -> robot.lookup(id).queryAs(TextInputControl.class).setText(text));
    }

    static String problem(FxRobot robot, String id) {
        Label label = robot.lookup(id).queryAs(Label.class);
        return label.isVisible() ? label.getText() : "";
    }

    static Button ok(DialogPane pane) {
        return (Button) pane.lookupButton(ButtonType.OK);
    }

    @Test
    void whatIsSetInTheDialogIsAppliedSavedAndAppliedAgainOnTheNextStart(FxRobot robot) throws Exception {
        robot.interact(() -> open(""));
        DialogPane pane = openPreferences(robot);
        type(robot, "#preferencesAlarmMinutes", "45");
        type(robot, "#preferencesPipelineAlarms", "nightly-retrain = 120\nnot-seen-yet = 5\n");
        robot.interact(() -> robot.lookup("#preferencesNotifyNew").queryAs(CheckBox.class).setSelected(false));
        type(robot, "#preferencesFindWaitingDays", "21");
        type(robot, "#preferencesBulkConcurrency", "8");
        robot.interact(() -> robot.lookup("#preferencesTheme").queryAs(ChoiceBox.class).setValue(ThemeChoice.DARK));
        robot.interact(() -> ok(pane).fire());

        // Applied at once.
        var alarms = model.pending().table().ageAlarms();
        assertThat(alarms.fallback()).isEqualTo(new AgeAlarm(Duration.ofMinutes(45)));
        assertThat(alarms.byPipeline()).containsEntry("nightly-retrain", new AgeAlarm(Duration.ofMinutes(120)));
        assertThat(model.pending().discovery().windowProperty().get()).isEqualTo(Duration.ofDays(21));
        assertThat(robot.lookup("#findWindowDays").queryAs(ChoiceBox.class).getValue()).isEqualTo(21);
        assertThat(model.pending().bulk().concurrencyProperty().get()).isEqualTo(8);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ConsoleTheme.DARK.userAgentStylesheet());
        Path file = dataDir.resolve("settings.json");
        waitUntil(() -> Files.exists(file) && Files.readString(file).contains("nightly-retrain"));

        robot.interact(() -> {
            stage.setX(40);
            stage.setY(50);
            stage.setWidth(1000);
            stage.setHeight(700);
        });
        close(robot);

        robot.interact(() -> open(""));
        Preferences next = model.preferences().currentProperty().get();
        assertThat(next).isEqualTo(new Preferences(45, Map.of("nightly-retrain", 120, "not-seen-yet", 5), false, true,
                true, 21, 8));
        assertThat(model.pending().table().ageAlarms()).isEqualTo(next.ageAlarms());
        assertThat(model.pending().bulk().concurrencyProperty().get()).isEqualTo(8);
        assertThat(robot.lookup("#findWindowDays").queryAs(ChoiceBox.class).getValue()).isEqualTo(21);
        assertThat(stage.getX()).isEqualTo(40);
        assertThat(stage.getY()).isEqualTo(50);
        assertThat(stage.getWidth()).isEqualTo(1000, org.assertj.core.data.Offset.offset(2.0));
        DialogPane again = openPreferences(robot);
        assertThat(robot.lookup("#preferencesAlarmMinutes").queryAs(TextInputControl.class).getText())
                .isEqualTo("45");
        assertThat(robot.lookup("#preferencesNotifyNew").queryAs(CheckBox.class).isSelected()).isFalse();
        assertThat(robot.lookup("#preferencesTheme").queryAs(ChoiceBox.class).getValue()).isEqualTo(ThemeChoice.DARK);
        robot.interact(() -> again.getScene().getWindow().hide());
    }

    @Test
    void badInputIsRefusedAsTypedSayingWhatIsValid(FxRobot robot) throws Exception {
        robot.interact(() -> open(""));
        DialogPane pane = openPreferences(robot);
        assertThat(ok(pane).isDisabled()).as("the saved values are fine").isFalse();

        type(robot, "#preferencesAlarmMinutes", "0");
        assertThat(problem(robot, "#preferencesAlarmProblem"))
                .isEqualTo("The age alarm takes a whole number of minutes from 1 to 10080; got 0.");
        assertThat(ok(pane).isDisabled()).isTrue();
        type(robot, "#preferencesAlarmMinutes", "half an hour");
        assertThat(problem(robot, "#preferencesAlarmProblem")).endsWith("'half an hour' is not one.");
        type(robot, "#preferencesAlarmMinutes", "-5");
        assertThat(problem(robot, "#preferencesAlarmProblem")).endsWith("got -5.");
        type(robot, "#preferencesAlarmMinutes", "30");
        assertThat(problem(robot, "#preferencesAlarmProblem")).isEmpty();
        assertThat(ok(pane).isDisabled()).isFalse();

        type(robot, "#preferencesPipelineAlarms", "a-pipeline-nobody-has-seen = 10\n = 5");
        assertThat(problem(robot, "#preferencesPipelineAlarmsProblem"))
                .isEqualTo("Line 2: the pipeline name is empty; write it before the '='.");
        type(robot, "#preferencesPipelineAlarms", "a-pipeline-nobody-has-seen = 10\nslow 90");
        assertThat(problem(robot, "#preferencesPipelineAlarmsProblem")).startsWith("Line 2: write a pipeline name");
        type(robot, "#preferencesPipelineAlarms", "a-pipeline-nobody-has-seen = 10\nslow = 99999999");
        assertThat(problem(robot, "#preferencesPipelineAlarmsProblem")).endsWith("got 99999999.");
        type(robot, "#preferencesPipelineAlarms", "a-pipeline-nobody-has-seen = 10");
        assertThat(problem(robot, "#preferencesPipelineAlarmsProblem")).as("unknown pipelines are fine").isEmpty();

        type(robot, "#preferencesFindWaitingDays", "365");
        assertThat(problem(robot, "#preferencesFindWaitingDaysProblem"))
                .isEqualTo("Find waiting takes a whole number of days from 1 to 90; got 365.");
        type(robot, "#preferencesFindWaitingDays", "7");
        type(robot, "#preferencesBulkConcurrency", "33");
        assertThat(problem(robot, "#preferencesBulkConcurrencyProblem"))
                .isEqualTo("Bulk concurrency takes a whole number of calls at a time from 1 to 32; got 33.");
        assertThat(ok(pane).isDisabled()).isTrue();

        // Cancel keeps what was in force.
        robot.interact(() -> ((Button) pane.lookupButton(ButtonType.CANCEL)).fire());
        assertThat(model.preferences().currentProperty().get()).isEqualTo(Preferences.DEFAULT);
    }

    @Test
    void aDamagedSettingsFileIsSetAsideTheWindowOpensOnTheDefaultsAndSaysSoOnce(FxRobot robot) throws Exception {
        Path file = dataDir.resolve("settings.json");
        Files.writeString(file, "{\"ageAlarm\": {\"minutes\": 45,");
        String notice = new SettingsStore(file).setAsideIfDamaged().orElseThrow();
        assertThat(Files.exists(file)).isFalse();
        try (var kept = Files.list(dataDir)) {
            assertThat(kept.map(p -> p.getFileName().toString()).toList())
                    .singleElement().satisfies(name -> assertThat(name).startsWith("settings.json.damaged-"));
        }

        robot.interact(() -> open(notice));
        assertThat(model.preferences().currentProperty().get()).isEqualTo(Preferences.DEFAULT);
        Node bar = robot.lookup("#settingsNotice").query();
        assertThat(bar.isVisible()).isTrue();
        assertThat(((Label) bar).getText()).contains("could not be read").contains("settings.json.damaged-")
                .contains("defaults");

        // Saving works again: a fresh file.
        DialogPane pane = openPreferences(robot);
        type(robot, "#preferencesAlarmMinutes", "50");
        robot.interact(() -> ok(pane).fire());
        waitUntil(() -> Files.exists(file) && new SettingsStore(file).loadPreferences().alarmMinutes() == 50);
        assertThat(new SettingsStore(file).setAsideIfDamaged()).isEmpty();
    }

    @Test
    void preferencesOutOfBoundsInTheFileCostThePreferencesNotTheStart(FxRobot robot) throws Exception {
        Files.writeString(dataDir.resolve("settings.json"), "{\"ageAlarm\": {\"minutes\": 0}}");
        robot.interact(() -> open(""));
        assertThat(model.preferences().currentProperty().get()).isEqualTo(Preferences.DEFAULT);
        assertThat(((Label) robot.lookup("#settingsNotice").query()).getText())
                .contains("The saved preferences cannot be read").contains("Edit → Preferences");
    }
}
