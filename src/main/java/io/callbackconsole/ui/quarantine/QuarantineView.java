package io.callbackconsole.ui.quarantine;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.ui.common.Formats;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Quarantine tab: messages that are not callback messages, their raw body and why they were refused. */
public final class QuarantineView extends SplitPane {

    public QuarantineView(QuarantineViewModel model) {
        setOrientation(Orientation.VERTICAL);
        TableView<QuarantinedMessage> table = new TableView<>(model.messages());
        table.setId("quarantineTable");
        table.getColumns().add(column("Reason refused", QuarantinedMessage::reason, 360));
        table.getColumns().add(column("Queue", q -> {
            String url = q.message().queueUrl();
            return url.substring(url.lastIndexOf('/') + 1);
        }, 140));
        table.getColumns().add(column("Received at", q -> Formats.localTime(q.message().receivedAt()), 190));
        table.getColumns().add(column("Receives", q -> Integer.toString(q.message().receiveCount()), 95));
        table.getColumns().add(column("Message id", q -> q.message().messageId(), 320));
        Label placeholder = new Label("No refused messages. Messages that are not callback messages would be listed "
                + "here and left on their queue.");
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
        Label why = new Label();
        why.setId("quarantineWhy");
        why.setWrapText(true);
        // Every wrapped line keeps its room: the raw body below gives up height, the queue URL is never cut.
        why.setMinHeight(Region.USE_PREF_SIZE);
        model.selectedProperty().addListener((obs, old, q) -> {
            // The body is outside text: shown with its control and bidirectional characters escaped.
            raw.setText(q == null ? "" : DisplayText.escapeKeepingLineBreaks(q.message().body()));
            why.setText(q == null ? "" : "Refused: " + DisplayText.escape(q.reason()) + " — left on "
                    + DisplayText.escape(q.message().queueUrl())
                    + "; it reappears there after its visibility timeout and is never deleted by this console.");
        });
        VBox detail = new VBox(6, why, new Label("Raw body"), raw);
        detail.setPadding(new Insets(8));
        getItems().addAll(table, detail);
        setDividerPositions(0.6);
    }

    private static TableColumn<QuarantinedMessage, String> column(String title,
                                                                  Function<QuarantinedMessage, String> value,
                                                                  double width) {
        TableColumn<QuarantinedMessage, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(DisplayText.escape(value.apply(c.getValue()))));
        column.setPrefWidth(width);
        return column;
    }
}
