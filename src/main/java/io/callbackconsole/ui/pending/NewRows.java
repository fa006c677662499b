package io.callbackconsole.ui.pending;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Which rows the operator has not seen yet: a token that arrives after a connection's first snapshot is new until
 * the operator selects it or has it on screen on the Pending tab for a while (the table pane decides when that is).
 * What waits when a connection opens is the table's starting point, not news, as for the notifications. FX thread.
 */
final class NewRows {
    private final Set<String> unseen = new HashSet<>();
    private final Set<String> known = new HashSet<>();
    private final ReadOnlyIntegerWrapper count = new ReadOnlyIntegerWrapper();
    private boolean firstSnapshot = true;

    /** The rows of a snapshot: tokens not in the table before are new (but not on a connection's first one). */
    void apply(List<PendingRow> rows) {
        Set<String> present = new HashSet<>();
        for (PendingRow row : rows) {
            present.add(row.token());
            if (known.add(row.token()) && !firstSnapshot) {
                unseen.add(row.token());
            }
        }
        // A token that went (decided, released) and comes back is new again.
        known.retainAll(present);
        unseen.retainAll(present);
        firstSnapshot = false;
        count.set(unseen.size());
    }

    /** Another connection (or none): its first snapshot is its starting point. */
    void clear() {
        unseen.clear();
        known.clear();
        firstSnapshot = true;
        count.set(0);
    }

    void seen(Collection<PendingRow> rows) {
        rows.forEach(row -> unseen.remove(row.token()));
        count.set(unseen.size());
    }

    boolean isNew(PendingRow row) {
        return unseen.contains(row.token());
    }

    ReadOnlyIntegerProperty countProperty() {
        return count.getReadOnlyProperty();
    }
}
