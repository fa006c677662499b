package io.callbackconsole.ui.history;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/** The History tab: every submission from this data directory, newest first. */
public final class HistoryView extends BorderPane {

    public HistoryView(HistoryViewModel model) {
        TableView<HistoryRow> table = new TableView<>();
        table.setId("historyTable");
        table.getColumns().add(column("Time", HistoryRow::time, 150));
        table.getColumns().add(column("Operator", HistoryRow::operator, 90));
        table.getColumns().add(column("Action", HistoryRow::action, 60));
        table.getColumns().add(column("Token", HistoryRow::token, 100));
        table.getColumns().add(column("Pipeline", HistoryRow::pipeline, 130));
        table.getColumns().add(column("Execution ARN (returned)", HistoryRow::returnedArn, 330));
        table.getColumns().add(column("Reason", HistoryRow::reason, 220));
        table.getColumns().add(column("Outcome", HistoryRow::outcome, 80));
        table.getColumns().add(column("Error code", HistoryRow::errorCode, 130));
        table.getColumns().add(column("AWS request id", HistoryRow::requestId, 260));
        table.getColumns().add(column("Connection", HistoryRow::connection, 120));
        SortedList<HistoryRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = new Label();
        placeholder.textProperty().bind(model.stateProperty());
        table.setPlaceholder(placeholder);

        Button reload = new Button("Reload");
        reload.setOnAction(e -> model.reload());
        HBox bar = new HBox(8, reload);
        bar.setPadding(new Insets(0, 0, 6, 0));
        setTop(bar);
        setCenter(table);
        setPadding(new Insets(8));
    }

    private static TableColumn<HistoryRow, String> column(String title, Function<HistoryRow, String> value, double width) {
        TableColumn<HistoryRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
        column.setPrefWidth(width);
        return column;
    }
}
