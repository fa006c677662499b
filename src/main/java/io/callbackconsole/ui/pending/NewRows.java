package io.callbackconsole.ui.pending;

import java.util.Collection;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Which rows the operator has not seen yet: a token that arrives after a connection's first snapshot is new until
 * the operator selects it or has it on screen on the Pending tab for a while (the table pane decides when that is).
 * What waits when a connection opens is the table's starting point, not news, as for the notifications.
 *
 * <p>The mark is a flag on the row itself and this class keeps the count: a snapshot costs a look at the rows it
 * added and removed, never a set of every token (a 100 000-row backlog replaced whole would otherwise cost several
 * hash sets of 100 000 entries per poll). FX thread.
 */
final class NewRows {
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private boolean firstSnapshot = true;

    /**
     * The rows a snapshot added to the table and those that left it: the added ones are new (but not on a
     * connection's first snapshot). A token that went (decided, released) and comes back is a new row, so new again.
     */
    void apply(Collection<PendingRow> added, Collection<PendingRow> departed) {
        int unseen = count.get();
        for (PendingRow row : departed) {
            if (row.unseen(false)) {
                unseen--;
            }
        }
        if (!firstSnapshot) {
            for (PendingRow row : added) {
                if (row.unseen(true)) {
                    unseen++;
                }
            }
        }
        firstSnapshot = false;
        count.set(unseen);
    }

    /** Another connection (or none): its first snapshot is its starting point. The caller drops every row. */
    void clear(Collection<PendingRow> rows) {
        rows.forEach(row -> row.unseen(false));
        firstSnapshot = true;
        count.set(0);
    }

    /** Rows the operator has seen; rows no longer in the table carry no mark, so they change nothing. */
    void seen(Collection<PendingRow> rows) {
        int unseen = count.get();
        for (PendingRow row : rows) {
            if (row.unseen(false)) {
                unseen--;
            }
        }
        count.set(unseen);
    }

    boolean isNew(PendingRow row) {
        return row.unseen();
    }

    ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }
}
