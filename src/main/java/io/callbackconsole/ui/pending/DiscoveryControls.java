package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.common.WindowWords;
import java.time.Duration;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/** The Find-waiting controls above the table: the button, how far back, cancel, and the progress line. */
final class DiscoveryControls {
    private final Button find = new Button(WindowWords.text("pending.find"));
    private final Button cancel = new Button(WindowWords.text("pending.find.cancel"));
    // A ChoiceBox: a ComboBox builds its list and list skin with the window, which the first frame pays for.
    private final ChoiceBox<Integer> windowDays = new ChoiceBox<>(FXCollections.observableArrayList(1, 3, 7, 14, 30,
            90));
    private final Label progress = new Label();

    DiscoveryControls(DiscoveryViewModel model) {
        find.setId("findWaitingButton");
        find.setTooltip(new Tooltip(Shortcut.FIND_WAITING.tooltip(WindowWords.text("pending.find.tooltip"))));
        find.disableProperty().bind(model.findingProperty());
        find.setOnAction(e -> model.findWaiting());
        cancel.setId("cancelFindButton");
        cancel.visibleProperty().bind(model.findingProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> model.cancel());
        progress.setId("findProgress");
        progress.getStyleClass().add("hint");
        progress.textProperty().bind(model.progressProperty());
        progress.managedProperty().bind(model.progressProperty().isNotEmpty());

        // How far back discovery lists executions: each day more costs ListPipelineExecutions pages per pipeline.
        windowDays.setId("findWindowDays");
        showDays(model.windowProperty().get());
        // Preferences set the days too: the choice follows, with the days set there among the choices.
        model.windowProperty().addListener((obs, old, window) -> showDays(window));
        windowDays.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer days) {
                return days == null ? "" : days == 1 ? WindowWords.text("pending.find.lastDay")
                        : WindowWords.text("pending.find.lastDays", days);
            }

            @Override
            public Integer fromString(String text) {
                return windowDays.getValue();
            }
        });
        windowDays.valueProperty().addListener((obs, old, days) -> {
            if (days != null) {
                model.windowProperty().set(Duration.ofDays(days));
            }
        });
        windowDays.disableProperty().bind(model.findingProperty());
    }

    private void showDays(Duration window) {
        int days = (int) window.toDays();
        if (!windowDays.getItems().contains(days)) {
            windowDays.getItems().add(days);
            FXCollections.sort(windowDays.getItems());
        }
        windowDays.setValue(days);
    }

    Button findButton() {
        return find;
    }

    Button cancelButton() {
        return cancel;
    }

    ChoiceBox<Integer> windowChoice() {
        return windowDays;
    }

    Label progressLabel() {
        return progress;
    }
}
