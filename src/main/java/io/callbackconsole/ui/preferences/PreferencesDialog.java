package io.callbackconsole.ui.preferences;

import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.theme.ThemeChoice;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Edit → Preferences…: the theme, the age alarms, the notifications, Find waiting's days and bulk concurrency. Each
 * field says as the operator types what is wrong with it and what it takes, and OK is off until every field is right;
 * OK gives the choice to apply and save, Cancel changes nothing.
 */
public final class PreferencesDialog {
    /** What the operator chose: the preferences and the theme. */
    public record Choice(Preferences preferences, ThemeChoice theme) {
    }

    private final Dialog<Choice> dialog = new Dialog<>();
    private final ChoiceBox<ThemeChoice> theme = new ChoiceBox<>(FXCollections.observableArrayList(
            ThemeChoice.LIGHT, ThemeChoice.DARK, ThemeChoice.SYSTEM));
    private final TextField alarm = new TextField();
    private final TextArea pipelineAlarms = new TextArea();
    private final CheckBox notifyNew = new CheckBox(WindowWords.text("preferences.notify.new"));
    private final CheckBox notifyOverdue = new CheckBox(WindowWords.text("preferences.notify.overdue"));
    private final CheckBox notifyNearDeadLetter = new CheckBox(WindowWords.text("preferences.notify.nearDeadLetter"));
    private final TextField findWaitingDays = new TextField();
    private final TextField bulkConcurrency = new TextField();

    private PreferencesDialog(Window owner, Preferences current, ThemeChoice currentTheme) {
        dialog.initOwner(owner);
        dialog.setTitle(WindowWords.text("preferences.title"));
        dialog.setHeaderText(null);
        dialog.getDialogPane().setId("preferencesDialog");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);

        theme.setId("preferencesTheme");
        theme.setValue(currentTheme);
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(ThemeChoice choice) {
                return choice == null ? "" : switch (choice) {
                    case LIGHT -> WindowWords.text("preferences.theme.light");
                    case DARK -> WindowWords.text("preferences.theme.dark");
                    case SYSTEM -> WindowWords.text("preferences.theme.system");
                };
            }

            @Override
            public ThemeChoice fromString(String text) {
                return theme.getValue();
            }
        });
        alarm.setId("preferencesAlarmMinutes");
        alarm.setText(Integer.toString(current.alarmMinutes()));
        pipelineAlarms.setId("preferencesPipelineAlarms");
        pipelineAlarms.setPromptText(WindowWords.text("preferences.pipelineAlarms.prompt"));
        pipelineAlarms.setPrefRowCount(4);
        pipelineAlarms.setText(PreferencesInput.pipelineAlarmsText(current.pipelineAlarmMinutes()));
        notifyNew.setId("preferencesNotifyNew");
        notifyNew.setSelected(current.notifyNew());
        notifyOverdue.setId("preferencesNotifyOverdue");
        notifyOverdue.setSelected(current.notifyOverdue());
        notifyNearDeadLetter.setId("preferencesNotifyNearDeadLetter");
        notifyNearDeadLetter.setSelected(current.notifyNearDeadLetter());
        findWaitingDays.setId("preferencesFindWaitingDays");
        findWaitingDays.setText(Integer.toString(current.findWaitingDays()));
        bulkConcurrency.setId("preferencesBulkConcurrency");
        bulkConcurrency.setText(Integer.toString(current.bulkConcurrency()));

        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(4);
        form.setPadding(new Insets(12));
        int row = 0;
        form.addRow(row++, new Label(WindowWords.text("preferences.theme")), theme);
        row = field(form, row, WindowWords.text("preferences.alarm"), alarm,
                problemOf(alarm, text -> PreferencesInput.alarmMinutes(text).problem()), "preferencesAlarmProblem");
        row = field(form, row, WindowWords.text("preferences.pipelineAlarms"), pipelineAlarms,
                problemOf(pipelineAlarms, text -> PreferencesInput.pipelineAlarms(text).problem()),
                "preferencesPipelineAlarmsProblem");
        form.add(new Label(WindowWords.text("preferences.notify")), 0, row);
        form.add(new javafx.scene.layout.VBox(4, notifyNew, notifyOverdue, notifyNearDeadLetter), 1, row++);
        row = field(form, row, WindowWords.text("preferences.findWaiting"), findWaitingDays,
                problemOf(findWaitingDays, text -> PreferencesInput.findWaitingDays(text).problem()),
                "preferencesFindWaitingDaysProblem");
        field(form, row, WindowWords.text("preferences.bulkConcurrency"), bulkConcurrency,
                problemOf(bulkConcurrency, text -> PreferencesInput.bulkConcurrency(text).problem()),
                "preferencesBulkConcurrencyProblem");
        GridPane.setHgrow(pipelineAlarms, Priority.ALWAYS);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().setPrefWidth(620);
        dialog.getDialogPane().getStylesheets().add(PreferencesDialog.class.getResource(
                "/io/callbackconsole/ui/console.css").toExternalForm());

        BooleanBinding refused = Bindings.createBooleanBinding(() -> chosen().isEmpty(), alarm.textProperty(),
                pipelineAlarms.textProperty(), findWaitingDays.textProperty(), bulkConcurrency.textProperty());
        dialog.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(refused);
        dialog.setResultConverter(button -> button == ButtonType.OK
                ? chosen().map(preferences -> new Choice(preferences, theme.getValue())).orElse(null) : null);
    }

    /** The dialog on {@code owner}, showing {@code current}; not shown yet. */
    public static PreferencesDialog of(Window owner, Preferences current, ThemeChoice currentTheme) {
        return new PreferencesDialog(owner, current, currentTheme);
    }

    /** Shows the dialog and waits: the choice on OK, empty on Cancel. */
    public Optional<Choice> showAndWait() {
        return dialog.showAndWait();
    }

    /** The dialog itself: a test shows it without waiting. */
    public Dialog<Choice> dialog() {
        return dialog;
    }

    private Optional<Preferences> chosen() {
        return PreferencesInput.all(alarm.getText(), pipelineAlarms.getText(), notifyNew.isSelected(),
                notifyOverdue.isSelected(), notifyNearDeadLetter.isSelected(), findWaitingDays.getText(),
                bulkConcurrency.getText());
    }

    private static StringBinding problemOf(TextInputControl input, java.util.function.Function<String, String> check) {
        return Bindings.createStringBinding(() -> check.apply(input.getText()), input.textProperty());
    }

    /** A labelled field with the line below it that says what is wrong while it is. */
    private static int field(GridPane form, int row, String title, Node input, StringBinding problem, String id) {
        Label problemLine = new Label();
        problemLine.setId(id);
        problemLine.setWrapText(true);
        problemLine.setMinHeight(Region.USE_PREF_SIZE);
        problemLine.getStyleClass().add("result-error");
        problemLine.textProperty().bind(problem);
        problemLine.visibleProperty().bind(problem.isNotEmpty());
        problemLine.managedProperty().bind(problemLine.visibleProperty());
        form.addRow(row, new Label(title), input);
        form.add(problemLine, 1, row + 1);
        return row + 2;
    }
}
