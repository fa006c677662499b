package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.common.LazyContent;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Pending tab: the table of tokens waiting for a decision on the left; on the right the bulk pane (while rows are
 * selected together), the focused row's details and the decision form.
 */
public final class PendingView extends SplitPane {
    /** Where the console link goes when there is no browser to open it with: the clipboard. */
    public static final Consumer<String> COPY_LINK = url -> {
        ClipboardContent content = new ClipboardContent();
        content.putString(url);
        Clipboard.getSystemClipboard().setContent(content);
    };

    private final PendingCallbacksViewModel model;
    private final PendingTablePane tablePane;
    private final Consumer<String> linkOpener;
    private Predicate<String> confirmer = PendingView::confirmWithDialog;

    /** @param linkOpener opens the AWS console link of the focused execution (the platform's browser) */
    public PendingView(PendingCallbacksViewModel model, Consumer<String> linkOpener) {
        this.model = model;
        this.linkOpener = Objects.requireNonNull(linkOpener, "linkOpener");
        this.tablePane = new PendingTablePane(model.table(), model.discovery());
        getStyleClass().add("pending-view");
        getItems().addAll(tablePane, buildRightSide());
        setDividerPositions(0.62);
    }

    private VBox buildRightSide() {
        // Every confirmation goes through the current confirmer, which tests may replace after the panes are built.
        Predicate<String> ask = question -> confirmer.test(question);
        Label noSelection = new Label("Select a callback in the table to see its pipeline context, arguments and raw "
                + "message.");
        noSelection.setId("detailNoSelection");
        noSelection.setWrapText(true);
        noSelection.getStyleClass().add("hint");
        TitledPane detailsPane = new TitledPane("Details", noSelection);
        detailsPane.setCollapsible(false);
        detailsPane.setMinHeight(120);
        // Built when a callback is first selected: until then there is nothing to show in it.
        LazyContent.whenFirstSet(model.table().selectedProperty(),
                () -> new CallbackDetailsPane(model.table(), linkOpener), detailsPane::setContent);

        TitledPane decisionPane = new TitledPane("Decision", new DecisionForm(model.decision(), model.table(),
                model.bulk().runningProperty(), model.peekingProperty(), ask));
        decisionPane.setCollapsible(false);

        TitledPane bulkPane = new TitledPane();
        bulkPane.setText("Bulk");
        bulkPane.setId("bulkPane");
        bulkPane.setCollapsible(false);
        // Shown while rows are selected together, and afterwards until the operator clears the outcomes.
        bulkPane.visibleProperty().bind(Bindings.size(model.table().chosenRows()).greaterThan(1)
                .or(Bindings.isNotEmpty(model.bulk().outcomes())));
        bulkPane.managedProperty().bind(bulkPane.visibleProperty());
        LazyContent.whenFirstVisible(bulkPane, () -> new BulkFailPane(model.bulk(), model.table(), ask));

        // On top while shown: with several rows selected, the bulk decision is what the operator is about to make.
        VBox right = new VBox(8, bulkPane, detailsPane, decisionPane);
        right.setPadding(new Insets(8));
        VBox.setVgrow(detailsPane, Priority.ALWAYS);
        return right;
    }

    /** How "cannot be undone" actions are confirmed; tests replace the dialog. */
    public void confirmWith(Predicate<String> newConfirmer) {
        this.confirmer = Objects.requireNonNull(newConfirmer, "newConfirmer");
    }

    private static boolean confirmWithDialog(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    public void focusFilter() {
        tablePane.focusFilter();
    }
}
