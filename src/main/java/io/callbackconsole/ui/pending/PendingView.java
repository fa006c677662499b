package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.common.ConfirmationAlert;
import io.callbackconsole.ui.common.LazyContent;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Pending tab: a "Cannot poll" banner on top while polling fails, and the count of waiting tokens with the spread
 * of their ages ({@link AgeDistributionBar}); below them the table of tokens waiting for a decision on the left, and on the right the bulk pane (while rows are selected together), the focused row's details
 * and the decision form (while one row is selected).
 */
public final class PendingView extends BorderPane {
    /** Where the console link goes when there is no browser to open it with: the clipboard. */
    public static final Consumer<String> COPY_LINK = url -> {
        ClipboardContent content = new ClipboardContent();
        content.putString(url);
        Clipboard.getSystemClipboard().setContent(content);
    };

    private final PendingCallbacksViewModel model;
    private final PendingTablePane tablePane;
    private final SplitPane split;
    private final Consumer<String> linkOpener;
    private Predicate<String> confirmer = PendingView::confirmWithDialog;
    /** The focused row's details, once a row was first selected; null before. */
    private Node rowDetails;

    /** @param linkOpener opens the AWS console link of the focused execution (the platform's browser) */
    public PendingView(PendingCallbacksViewModel model, Consumer<String> linkOpener) {
        this.model = model;
        this.linkOpener = Objects.requireNonNull(linkOpener, "linkOpener");
        this.tablePane = new PendingTablePane(model.table(), model.discovery());
        getStyleClass().add("pending-view");
        split = new SplitPane(tablePane, buildRightSide());
        tablePane.onTabForward(this::focusReason);
        split.setDividerPositions(0.62);
        // Extra width goes to the table: the right side keeps its size when the window grows.
        SplitPane.setResizableWithParent(split.getItems().get(1), false);
        setTop(new VBox(buildPollBanner(), new AgeDistributionBar(model.table())));
        setCenter(split);
    }

    /** Says loudly that the rows are old: why polling fails, when it last worked and when it tries again. */
    private Label buildPollBanner() {
        Label banner = new Label();
        banner.setId("pollBanner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.getStyleClass().add("problem-bar");
        banner.textProperty().bind(model.table().pollProblemProperty());
        banner.visibleProperty().bind(model.table().pollProblemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private VBox buildRightSide() {
        // Every confirmation goes through the current confirmer, which tests may replace after the panes are built.
        Predicate<String> ask = question -> confirmer.test(question);
        PendingTableViewModel table = model.table();
        Label noSelection = new Label(WindowWords.text("pending.detail.noSelection"));
        noSelection.setId("detailNoSelection");
        noSelection.setWrapText(true);
        noSelection.getStyleClass().add("hint");
        Label severalSelected = new Label();
        severalSelected.setId("detailSelectionCount");
        severalSelected.setWrapText(true);
        severalSelected.textProperty().bind(Bindings.createStringBinding(() -> WindowWords.text(
                "pending.detail.severalSelected", table.chosenRows().size()), table.chosenRows()));
        TitledPane detailsPane = new TitledPane(WindowWords.text("pending.details"), noSelection);
        detailsPane.setCollapsible(false);
        detailsPane.setMinHeight(120);
        // Built when a callback is first selected: until then there is nothing to show in it.
        LazyContent.whenFirstSet(table.selectedProperty(), () -> new CallbackDetailsPane(table, linkOpener), pane -> {
            rowDetails = pane;
            detailsPane.setContent(table.severalSelectedProperty().get() ? severalSelected : pane);
        });
        // With several rows selected, the details of whichever was clicked last would mislead: say how many instead.
        table.severalSelectedProperty().addListener((obs, was, several) -> detailsPane.setContent(several
                ? severalSelected : rowDetails == null ? noSelection : rowDetails));

        TitledPane decisionPane = new TitledPane(WindowWords.text("pending.decision"), new DecisionForm(model.decision(), table,
                model.bulk().runningProperty(), model.peekingProperty(), ask));
        decisionPane.setId("decisionPane");
        decisionPane.setCollapsible(false);
        // One row's actions are not offered while several rows are selected: the bulk pane is the decision then.
        decisionPane.visibleProperty().bind(table.severalSelectedProperty().not());
        decisionPane.managedProperty().bind(decisionPane.visibleProperty());

        TitledPane bulkPane = new TitledPane();
        bulkPane.setText(WindowWords.text("pending.bulk"));
        bulkPane.setId("bulkPane");
        bulkPane.setCollapsible(false);
        // Shown while rows are selected together, and afterwards until the operator clears the outcomes.
        bulkPane.visibleProperty().bind(table.severalSelectedProperty()
                .or(Bindings.isNotEmpty(model.bulk().outcomes())));
        bulkPane.managedProperty().bind(bulkPane.visibleProperty());
        LazyContent.whenFirstVisible(bulkPane, () -> new BulkFailPane(model.bulk(), table, ask));

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
        return ConfirmationAlert.confirmed(question);
    }

    /** The confirmation of an action that cannot be undone: see {@link ConfirmationAlert}. */
    static Alert confirmation(String question) {
        return ConfirmationAlert.of(question);
    }

    /** Where the divider between the table and the details sits (the table's share, 0 to 1); the window keeps it. */
    public DoubleProperty dividerProperty() {
        return split.getDividers().get(0).positionProperty();
    }

    /** Keeps the order, visibility and widths of the table's columns across starts, in {@code store}. FX thread. */
    public void rememberColumns(ColumnChoices store, TaskExecutor tasks) {
        tablePane.rememberColumns(store, tasks);
    }

    public void focusFilter() {
        tablePane.focusFilter();
    }

    /** From the table to the reason of the decision on offer: the bulk one while several rows are selected. */
    private void focusReason() {
        for (String id : new String[] {"#bulkReasonField", "#reasonField"}) {
            javafx.scene.Node reason = lookup(id);
            if (reason != null && reason.isVisible() && !reason.isDisabled() && reason.getScene() != null
                    && isShownInPane(reason)) {
                reason.requestFocus();
                return;
            }
        }
    }

    /** Shown when it and every parent up to this view are visible (a hidden pane keeps its children visible). */
    private boolean isShownInPane(javafx.scene.Node node) {
        for (javafx.scene.Node at = node; at != null && at != this; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
