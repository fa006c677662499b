package io.callbackconsole.ui.history;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;

/**
 * Two toggle buttons of which exactly one is pressed, in step with the value they choose: "Decisions | Raw events"
 * and the chart's "By outcome | By operator". Pressing the pressed one again keeps it pressed.
 */
final class ChoiceToggles {
    private ChoiceToggles() {
    }

    /** A button's text, id and the value it chooses. */
    record Choice<T>(String text, String id, T value) {
    }

    /** The two buttons, in order; pressing one hands its value to {@code choose}, a change of {@code value} presses. */
    static <T> List<ToggleButton> of(ObservableValue<T> value, Consumer<T> choose, Choice<T> first, Choice<T> second) {
        ToggleGroup group = new ToggleGroup();
        ToggleButton one = button(first, group);
        ToggleButton other = button(second, group);
        (value.getValue() == first.value() ? one : other).setSelected(true);
        value.addListener((obs, old, now) -> (now == first.value() ? one : other).setSelected(true));
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                choose.accept(now == one ? first.value() : second.value());
            }
        });
        return List.of(one, other);
    }

    private static <T> ToggleButton button(Choice<T> choice, ToggleGroup group) {
        ToggleButton button = new ToggleButton(choice.text());
        button.setId(choice.id());
        button.setToggleGroup(group);
        return button;
    }
}
