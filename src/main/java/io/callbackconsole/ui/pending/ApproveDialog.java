package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.OutputParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;

/**
 * Approve a callback step: one field per output parameter the step declares in its pipeline definition, each checked
 * against its declared type and the API's limits as it is typed; OK stays disabled, saying why, until all are valid.
 */
final class ApproveDialog extends Dialog<OutputParameters> {

    ApproveDialog(Window owner, String token, String stepName, List<DeclaredOutput> declared) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Approve");
        setHeaderText("Approve step " + (stepName.isEmpty() ? "" : stepName + " ") + "(token " + token + ")"
                + " with SendPipelineExecutionStepSuccess. Empty fields are not sent.");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.setPadding(new Insets(12));
        Map<String, TextField> fields = new LinkedHashMap<>();
        int row = 0;
        for (DeclaredOutput output : declared) {
            TextField field = new TextField();
            field.setId("output-" + output.name());
            field.setPromptText(switch (output.type()) {
                case BOOLEAN -> "true or false";
                case INTEGER -> "a whole number";
                case FLOAT -> "a number";
                case STRING -> "text, up to " + OutputParameters.MAX_VALUE_LENGTH + " characters";
            });
            fields.put(output.name(), field);
            grid.addRow(row++, new Label(output.name() + " (" + output.type().wireValue() + ")"), field);
        }
        if (declared.isEmpty()) {
            grid.addRow(row++, new Label("The step declares no output parameters (or its pipeline definition could"
                    + " not be read): the approval sends none."));
        }
        Label problem = new Label();
        problem.setId("approveProblem");
        problem.setWrapText(true);
        problem.getStyleClass().add("result-error");
        grid.add(problem, 0, row, 2, 1);

        ObjectBinding<Map<String, String>> problems = Bindings.createObjectBinding(() -> {
            Map<String, String> typed = new LinkedHashMap<>();
            fields.forEach((name, field) -> typed.put(name, field.getText()));
            return OutputParameters.problemsByName(declared, typed);
        }, fields.values().stream().map(f -> (Observable) f.textProperty()).toArray(Observable[]::new));
        problem.textProperty().bind(Bindings.createStringBinding(
                () -> String.join(" ", problems.get().values()), problems));

        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !problems.get().isEmpty(), problems));
        setResultConverter(button -> {
            if (button != ButtonType.OK) {
                return null;
            }
            Map<String, String> typed = new LinkedHashMap<>();
            fields.forEach((name, field) -> typed.put(name, field.getText()));
            return OutputParameters.fromDeclared(declared, typed);
        });
    }
}
