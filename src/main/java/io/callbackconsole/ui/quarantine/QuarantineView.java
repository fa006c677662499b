package io.callbackconsole.ui.quarantine;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.RememberedColumns;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.ui.common.ConfirmationAlert;
import io.callbackconsole.ui.common.Formats;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Quarantine tab: messages that are not callback messages, why they were refused and their raw body (wrapped, as
 * received or with its JSON indented), which can be copied; a message can be deleted after a confirmation.
 */
public final class QuarantineView extends SplitPane {
    private Predicate<String> confirmer = ConfirmationAlert::confirmed;
    private final TableView<QuarantinedMessage> table;

    public QuarantineView(QuarantineViewModel model) {
        setOrientation(Orientation.VERTICAL);
        table = new TableView<>(model.messages());
        table.setId("quarantineTable");
        table.getColumns().add(column(WindowWords.text("quarantine.column.reason"), "reason", QuarantinedMessage::reason, 360));
        table.getColumns().add(column(WindowWords.text("quarantine.column.queue"), "queue", QuarantinedMessage::queueName, 140));
        table.getColumns().add(column(WindowWords.text("quarantine.column.receivedAt"), "receivedAt", q -> Formats.localTime(q.message().receivedAt()), 190));
        table.getColumns().add(column(WindowWords.text("quarantine.column.receives"), "receives", q -> Integer.toString(q.message().receiveCount()), 95));
        table.getColumns().add(column(WindowWords.text("quarantine.column.messageId"), "messageId", q -> q.message().messageId(), 320));
        Label placeholder = new Label(WindowWords.text("quarantine.empty"));
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, q) -> {
            if (q != null) {
                model.selectedProperty().set(q);
            }
        });
        Runnable showSelection = () -> {
            QuarantinedMessage q = model.selectedProperty().get();
            if (q != null && table.getSelectionModel().getSelectedItem() != q) {
                table.getSelectionModel().select(q);
            }
        };
        model.selectedProperty().addListener((obs, old, q) -> showSelection.run());
        // Replacing the rows clears the table's selection; put the model's selection back after each snapshot.
        table.getItems().addListener((ListChangeListener<QuarantinedMessage>) change -> showSelection.run());

        TextArea raw = new TextArea();
        raw.setId("quarantineRawBody");
        raw.setEditable(false);
        raw.setWrapText(true);
        raw.getStyleClass().add("monospace");
        raw.textProperty().bind(model.shownBodyProperty());
        Label why = new Label();
        why.setId("quarantineWhy");
        why.setWrapText(true);
        // Every wrapped line keeps its room: the raw body below gives up height, the queue URL is never cut.
        why.setMinHeight(Region.USE_PREF_SIZE);
        model.selectedProperty().addListener((obs, old, q) -> why.setText(q == null ? ""
                : WindowWords.text("quarantine.why", DisplayText.escape(q.reason()),
                DisplayText.escape(q.message().queueUrl()))));

        Button copy = new Button(WindowWords.text("quarantine.copy"));
        copy.setId("quarantineCopyButton");
        copy.setTooltip(new Tooltip(WindowWords.text("quarantine.copy.tooltip")));
        copy.disableProperty().bind(model.selectedProperty().isNull());
        copy.setOnAction(e -> model.rawBodyOfSelected().ifPresent(body -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(body);
            Clipboard.getSystemClipboard().setContent(content);
        }));
        CheckBox pretty = new CheckBox(WindowWords.text("quarantine.pretty"));
        pretty.setId("quarantinePrettyToggle");
        pretty.selectedProperty().bindBidirectional(model.prettyPrintProperty());
        Label layoutNote = new Label();
        layoutNote.setId("quarantineLayoutNote");
        layoutNote.getStyleClass().add("hint");
        layoutNote.textProperty().bind(model.layoutNoteProperty());
        Button delete = new Button(WindowWords.text("quarantine.delete"));
        delete.setId("quarantineDeleteButton");
        delete.getStyleClass().add("danger");
        delete.setTooltip(new Tooltip(WindowWords.text("quarantine.delete.tooltip")));
        delete.disableProperty().bind(model.deleteDisabledProperty());
        delete.setOnAction(e -> {
            QuarantinedMessage q = model.selectedProperty().get();
            if (q != null && confirmer.test(model.deleteQuestion(q))) {
                model.delete(q);
            }
        });
        Label result = new Label();
        result.setId("quarantineResult");
        result.setWrapText(true);
        result.setMinHeight(Region.USE_PREF_SIZE);
        result.textProperty().bind(model.lastResultProperty());
        model.lastResultFailedProperty().addListener((obs, was, failed) -> {
            result.getStyleClass().removeAll("result-error", "result-ok");
            result.getStyleClass().add(failed ? "result-error" : "result-ok");
        });
        HBox actions = new HBox(8, copy, pretty, layoutNote, delete);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox detail = new VBox(6, why, actions, result, new Label(WindowWords.text("quarantine.rawBody")), raw);
        VBox.setVgrow(raw, Priority.ALWAYS);
        detail.setPadding(new Insets(8));
        getItems().addAll(table, detail);
        setDividerPositions(0.6);
    }

    /** How a deletion is confirmed; tests replace the dialog. */
    public void confirmWith(Predicate<String> newConfirmer) {
        this.confirmer = Objects.requireNonNull(newConfirmer, "newConfirmer");
    }

    /** Keeps the order, visibility and widths of the table's columns across starts, in {@code store}. FX thread. */
    public void rememberColumns(ColumnChoices store, TaskExecutor tasks) {
        RememberedColumns.keep(table, "quarantine", column -> (String) column.getUserData(), store, tasks);
    }

    /** A column titled {@code title}, known as {@code id} whatever its title says. */
    private static TableColumn<QuarantinedMessage, String> column(String title, String id,
                                                                  Function<QuarantinedMessage, String> value,
                                                                  double width) {
        TableColumn<QuarantinedMessage, String> column = new TableColumn<>(title);
        column.setUserData(id);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(DisplayText.escape(value.apply(c.getValue()))));
        column.setPrefWidth(width);
        return column;
    }
}
