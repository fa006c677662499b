package io.callbackconsole.ui.history;

import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.ui.common.WindowWords;
import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.FileChooser;

/**
 * Export on the History tab as controls: a button per format that asks where to write, and the line that says what
 * was written. The tab places them.
 */
final class HistoryExportControls {
    private final HistoryViewModel model;
    private final Button exportCsv = new Button(WindowWords.text("history.export.csv"));
    private final Button exportJson = new Button(WindowWords.text("history.export.json"));
    private final Label result = new Label();

    HistoryExportControls(HistoryViewModel model) {
        this.model = model;
        exportCsv.setId("exportCsvButton");
        exportCsv.setOnAction(e -> export(ExportFormat.CSV));
        exportJson.setId("exportJsonButton");
        exportJson.setOnAction(e -> export(ExportFormat.JSON_LINES));
        exportCsv.disableProperty().bind(model.busyProperty());
        exportJson.disableProperty().bind(model.busyProperty());
        result.setId("exportResult");
        result.textProperty().bind(model.exports().resultProperty());
    }

    private void export(ExportFormat format) {
        FileChooser chooser = new FileChooser();
        boolean decisions = model.shownProperty().get() == HistoryViewModel.Shown.DECISIONS;
        chooser.setTitle(decisions ? WindowWords.text("history.export.decisionsTitle")
                : WindowWords.text("history.export.rowsTitle"));
        chooser.setInitialFileName((decisions ? "callback-console-decisions." : "callback-console-audit.")
                + format.extension());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + format.extension()));
        File file = chooser.showSaveDialog(exportCsv.getScene() == null ? null : exportCsv.getScene().getWindow());
        if (file != null) {
            model.export(file.toPath(), format);
        }
    }

    Button csvButton() {
        return exportCsv;
    }

    Button jsonLinesButton() {
        return exportJson;
    }

    Label result() {
        return result;
    }
}
