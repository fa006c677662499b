package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.theme.StateIcons;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.Tooltip;

/**
 * The pending table's rows and cells: each shows its row's state in words, an icon and a style class, so no state is
 * told by colour alone. Rows keep their objects across snapshots, so each update counts as a change of item.
 */
final class PendingTableCells {
    private PendingTableCells() {
    }

    /**
     * Adds or removes one style class, touching the list only when that changes it: any change to a cell's style
     * classes makes JavaFX redo its CSS, and cells are updated with every snapshot.
     */
    private static void styleClass(Node node, String styleClass, boolean wanted) {
        if (wanted != node.getStyleClass().contains(styleClass)) {
            if (wanted) {
                node.getStyleClass().add(styleClass);
            } else {
                node.getStyleClass().remove(styleClass);
            }
        }
    }

    /** A text cell whose full text is in its tooltip, for when the column is narrower than the text. */
    static final class FullTextCell extends TableCell<PendingRow, String> {
        private final Tooltip fullText = new Tooltip();

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            fullText.setText(item);
            setTooltip(empty || item == null || item.isEmpty() ? null : fullText);
        }
    }

    /**
     * Marks stale and stop-requested rows. A row keeps its object while its state changes, so each update is
     * treated as a change of item (the default compares items, which are the same object).
     */
    static final class PendingTableRow extends TableRow<PendingRow> {
        private final PendingTableViewModel model;

        PendingTableRow(PendingTableViewModel model) {
            this.model = model;
        }

        @Override
        protected boolean isItemChanged(PendingRow oldItem, PendingRow newItem) {
            return true;
        }

        /** Shows its row's state as of the latest snapshot, in the row and each of its cells. */
        void showNewState() {
            if (getIndex() < 0 || getItem() == null) {
                return;
            }
            updateIndex(getIndex());
            for (var child : getChildrenUnmodifiable()) {
                if (child instanceof TableCell<?, ?> cell && cell.getIndex() >= 0) {
                    cell.updateIndex(cell.getIndex());
                }
            }
        }

        @Override
        protected void updateItem(PendingRow item, boolean empty) {
            super.updateItem(item, empty);
            boolean shown = !empty && item != null;
            boolean stale = shown && item.stale();
            boolean stop = shown && !stale && item.stopRequested();
            styleClass(this, "stale-row", stale);
            styleClass(this, "stop-row", stop);
            styleClass(this, "overdue-row", shown && !stale && !stop && model.ageAlarms().over(item));
            styleClass(this, "new-row", shown && model.isNew(item));
        }
    }

    /**
     * The token, with the "new" icon (and its accessible text) while the row arrived since the operator last looked:
     * the row's colour alone would not reach every operator.
     */
    static final class TokenCell extends TableCell<PendingRow, String> {
        private final PendingTableViewModel model;
        /** One icon per cell, shown or not: a new node per update would cost its CSS pass on every snapshot. */
        private final Node newIcon = StateIcons.newArrival();

        TokenCell(PendingTableViewModel model) {
            this.model = model;
        }

        @Override
        protected boolean isItemChanged(String oldItem, String newItem) {
            return true; // the same token, newly seen or not
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            PendingRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
            setGraphic(row != null && model.isNew(row) ? newIcon : null);
        }
    }

    /** The receive count, "n of max" when the queue has a dead-letter queue, marked when few receives are left. */
    static final class ReceivesCell extends TableCell<PendingRow, PendingRow> {
        private final Node nearDeadLetterIcon = StateIcons.nearDeadLetter();
        private final Tooltip warning = new Tooltip();

        @Override
        protected boolean isItemChanged(PendingRow oldItem, PendingRow newItem) {
            return true; // the same row object with a newer receive count
        }

        @Override
        protected void updateItem(PendingRow item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.receivesText());
            boolean near = !empty && item != null && item.nearDeadLetter();
            styleClass(this, "stop-requested", near);
            setTooltip(null);
            setGraphic(null);
            if (near) {
                warning.setText(item.deadLetterWarning());
                setTooltip(warning);
                setGraphic(nearDeadLetterIcon); // not by colour alone
            }
        }
    }

    /**
     * The status with what else is true of the row now (a retry of its unanswered decision, rows held from an old
     * poll); "Stop requested" and retries stand out: both wait on the operator.
     */
    static final class StatusCell extends TableCell<PendingRow, PendingRow> {
        private final Tooltip fullText = new Tooltip();
        private final Node staleIcon = StateIcons.stale();
        private final Node stopIcon = StateIcons.stopRequested();

        @Override
        protected boolean isItemChanged(PendingRow oldItem, PendingRow newItem) {
            return true; // the same row object with a newer state
        }

        @Override
        protected void updateItem(PendingRow item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.statusLine());
            fullText.setText(getText());
            setTooltip(getText() == null ? null : fullText);
            styleClass(this, "stop-requested",
                    !empty && item != null && !item.stale() && (item.stopRequested() || item.retry() != null));
            // Besides the colour and the words: an icon a colour-blind operator tells apart at a glance.
            setGraphic(empty || item == null ? null : item.stale() ? staleIcon
                    : item.stopRequested() ? stopIcon : null);
        }
    }
}
