package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.ui.common.WindowWords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Approve a callback step: one control per output parameter the step declares in its pipeline definition — a
 * true/false choice for a Boolean, a field checked as it is typed for an Integer or a Float (saying under it what is
 * wrong), a text field for a String — each with its whole hint wrapped beneath it. An output that asks who approved
 * is pre-filled ({@link ReviewerName}). OK stays disabled, saying why, until all are valid; what is sent is the
 * values as text, as SendPipelineExecutionStepSuccess takes them.
 */
final class ApproveDialog extends Dialog<OutputParameters> {
    /** Wide enough for a type's hint on one line; longer hints and problems wrap instead of being cut. */
    private static final double CONTENT_WIDTH = 520;
    private static final String NOT_SENT = "";

    /** @param description the step's description in its pipeline definition, not escaped; shown on top when there is one */
    ApproveDialog(Window owner, String token, String stepName, Optional<String> description,
                  List<DeclaredOutput> declared, ReviewerName reviewer) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle(WindowWords.text("approve.title"));
        setHeaderText(stepName.isEmpty() ? WindowWords.text("approve.header.unnamedStep", token)
                : WindowWords.text("approve.header", DisplayText.escape(stepName), token));
        VBox outputs = new VBox(10);
        outputs.setPadding(new Insets(12));
        outputs.setPrefWidth(CONTENT_WIDTH);
        Map<String, StringProperty> values = new LinkedHashMap<>();
        for (DeclaredOutput output : declared) {
            values.put(output.name(), new SimpleStringProperty(
                    ReviewerName.askedFor(output) ? reviewer.name() : NOT_SENT));
        }
        ObjectBinding<Map<String, String>> problems = Bindings.createObjectBinding(
                () -> OutputParameters.problemsByName(declared, typed(values)),
                values.values().toArray(Observable[]::new));
        for (DeclaredOutput output : declared) {
            outputs.getChildren().add(outputBlock(output, values.get(output.name()), problems, reviewer));
        }
        if (declared.isEmpty()) {
            outputs.getChildren().add(wrapped(new Label(WindowWords.text("approve.noOutputs"))));
        }
        Label problem = wrapped(new Label());
        problem.setId("approveProblem");
        problem.getStyleClass().add("result-error");
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> String.join(" ", problems.get().values()), problems));

        // As tall as the outputs with their wrapped hints, up to 420 px (then it scrolls): a height per output
        // cut the last hint of two outputs in half.
        ScrollPane scroll = new ScrollPane(outputs) {
            @Override
            protected double computePrefHeight(double width) {
                return Math.min(420, outputs.prefHeight(CONTENT_WIDTH) + snappedTopInset() + snappedBottomInset());
            }
        };
        scroll.setFitToWidth(true);
        VBox content = new VBox(8, scroll, problem);
        description.map(ApproveDialog::describing).ifPresent(text -> content.getChildren().add(0, text));
        content.setPrefWidth(CONTENT_WIDTH + 24);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !problems.get().isEmpty(), problems));
        setResultConverter(button -> button == ButtonType.OK
                ? OutputParameters.fromDeclared(declared, typed(values)) : null);
    }

    private static Map<String, String> typed(Map<String, StringProperty> values) {
        Map<String, String> typed = new LinkedHashMap<>();
        values.forEach((name, value) -> typed.put(name, value.get()));
        return typed;
    }

    /** The output's name and type, its control, its hint and what is wrong with its value. */
    private static Node outputBlock(DeclaredOutput output, StringProperty value,
                                    ObjectBinding<Map<String, String>> problems, ReviewerName reviewer) {
        String id = "output-" + output.name();
        Label name = new Label(WindowWords.text("approve.output", DisplayText.escape(output.name()),
                output.type().wireValue()));
        Node control = switch (output.type()) {
            case BOOLEAN -> booleanChoice(value);
            case INTEGER, FLOAT, STRING -> {
                TextField field = new TextField(value.get());
                value.bind(field.textProperty());
                yield field;
            }
        };
        control.setId(id);
        name.setLabelFor(control);
        String hint = switch (output.type()) {
            case BOOLEAN -> WindowWords.text("approve.hint.boolean");
            case INTEGER -> WindowWords.text("approve.hint.integer");
            case FLOAT -> WindowWords.text("approve.hint.float");
            case STRING -> WindowWords.text("approve.hint.string", OutputParameters.MAX_VALUE_LENGTH);
        } + (ReviewerName.askedFor(output)
                ? " " + WindowWords.text("approve.hint.reviewer", DisplayText.escape(reviewer.source())) : "");
        Label hintLabel = wrapped(new Label(hint));
        hintLabel.setId(id + "-hint");
        hintLabel.getStyleClass().add("hint");
        Label problem = wrapped(new Label());
        problem.setId(id + "-problem");
        problem.getStyleClass().add("result-error");
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> DisplayText.escape(problems.get().getOrDefault(output.name(), "")), problems));
        problem.managedProperty().bind(problem.textProperty().isNotEmpty());
        problem.visibleProperty().bind(problem.managedProperty());
        return new VBox(3, name, control, hintLabel, problem);
    }

    private static ChoiceBox<String> booleanChoice(StringProperty value) {
        ChoiceBox<String> choice = new ChoiceBox<>();
        choice.getItems().addAll(NOT_SENT, "true", "false");
        choice.setConverter(new StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null || v.isEmpty() ? WindowWords.text("approve.boolean.notSent") : v;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        choice.setValue(NOT_SENT);
        value.bind(Bindings.createStringBinding(
                () -> choice.getValue() == null ? NOT_SENT : choice.getValue(), choice.valueProperty()));
        return choice;
    }

    /**
     * The step's description as its author wrote it: escaped, wrapped, and selectable (a read-only text area, since a
     * label cannot be selected), as tall as its lines up to a few, then scrolled.
     */
    private static TextArea describing(String description) {
        TextArea text = new TextArea(DisplayText.escapeKeepingLineBreaks(description));
        text.setId("stepDescription");
        text.setEditable(false);
        text.setWrapText(true);
        text.setFocusTraversable(false);
        text.setPrefRowCount((int) Math.min(5, description.lines().count() + description.length() / 70));
        text.getStyleClass().add("step-description");
        text.setAccessibleText(WindowWords.text("approve.description"));
        return text;
    }

    /** A label whose every wrapped line keeps its room: a hint is read whole, never cut with an ellipsis. */
    private static Label wrapped(Label label) {
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }
}
