package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.common.WindowWords;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The bulk decision on the rows selected together: its own reason, the button that counts them, progress, cancel and
 * outcomes.
 */
final class BulkFailPane extends VBox {

    BulkFailPane(BulkFailViewModel model, PendingTableViewModel table, Predicate<String> confirmer) {
        Label reasonLabel = new Label(WindowWords.text("bulk.reason"));
        reasonLabel.setWrapText(true);
        TextArea reason = new TextArea();
        reason.setId("bulkReasonField");
        reason.setWrapText(true);
        reason.setPrefRowCount(2);
        reason.textProperty().bindBidirectional(model.reasonProperty());
        reason.disableProperty().bind(model.runningProperty());
        reasonLabel.setLabelFor(reason);
        Label counter = new Label();
        counter.setId("bulkReasonCounter");
        counter.textProperty().bind(model.reasonCounterProperty());
        counter.setMinWidth(Region.USE_PREF_SIZE);
        Button failSelected = new Button();
        failSelected.setId("bulkFailButton");
        failSelected.getStyleClass().add("danger");
        failSelected.textProperty().bind(Bindings.createStringBinding(() -> WindowWords.text("bulk.fail",
                model.targets().size()), table.chosenRows(), table.revisionProperty()));
        failSelected.disableProperty().bind(model.blockedBecauseProperty().isNotEmpty());
        failSelected.setOnAction(e -> {
            if (confirmer.test(model.question())) {
                model.start();
            }
        });
        failSelected.setTooltip(new Tooltip(Shortcut.FAIL.tooltip(WindowWords.text("bulk.fail.tooltip"))));
        reason.setOnKeyPressed(event -> {
            if (Shortcut.FAIL.keys().match(event)) {
                event.consume();
                if (!failSelected.isDisabled()) {
                    failSelected.fire();
                }
            }
        });
        Button cancel = new Button(WindowWords.text("bulk.cancel"));
        cancel.setId("bulkCancelButton");
        cancel.setTooltip(new Tooltip(WindowWords.text("bulk.cancel.tooltip")));
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Button close = new Button(WindowWords.text("bulk.clear"));
        close.setId("bulkClearButton");
        close.disableProperty().bind(model.runningProperty());
        close.setOnAction(e -> model.clearOutcomes());
        ProgressBar progress = new ProgressBar();
        progress.setId("bulkProgress");
        progress.progressProperty().bind(model.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);

        Label blocked = new Label();
        blocked.setId("bulkBlockedReason");
        blocked.setWrapText(true);
        blocked.getStyleClass().add("hint");
        blocked.textProperty().bind(model.blockedBecauseProperty());
        blocked.managedProperty().bind(blocked.textProperty().isNotEmpty());
        Label summary = new Label();
        summary.setId("bulkSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());

        for (Button button : new Button[] {failSelected, cancel, close}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox actions = new HBox(8, failSelected, progress, counter, cancel, close);
        actions.setAlignment(Pos.CENTER_LEFT);
        setSpacing(6);
        getChildren().addAll(reasonLabel, reason, actions, blocked, summary, outcomeTable(model));
        setPadding(new Insets(8));
    }

    private static TableView<BulkFailViewModel.BulkRow> outcomeTable(BulkFailViewModel model) {
        TableView<BulkFailViewModel.BulkRow> outcomes = new TableView<>(model.outcomes());
        outcomes.setId("bulkOutcomes");
        outcomes.setPrefHeight(110);
        outcomes.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        outcomes.setPlaceholder(new Label(WindowWords.text("bulk.noOutcomes")));
        TableColumn<BulkFailViewModel.BulkRow, String> token = new TableColumn<>(WindowWords.text("pending.column.token"));
        token.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().token()));
        TableColumn<BulkFailViewModel.BulkRow, String> pipeline = new TableColumn<>(WindowWords.text("pending.column.pipeline"));
        pipeline.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pipeline()));
        TableColumn<BulkFailViewModel.BulkRow, String> outcome = new TableColumn<>(WindowWords.text("bulk.column.outcome"));
        outcome.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().outcome()));
        outcomes.getColumns().add(token);
        outcomes.getColumns().add(pipeline);
        outcomes.getColumns().add(outcome);
        outcomes.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(BulkFailViewModel.BulkRow item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("stop-requested");
                if (!empty && item != null && !item.ok() && item.settled()) {
                    getStyleClass().add("stop-requested");
                }
            }
        });
        return outcomes;
    }
}
