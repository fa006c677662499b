package io.callbackconsole.ui.main;

import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import java.time.Instant;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** What the status bar and the tab titles say of the newest snapshot: poll state, when it was taken, counts. FX thread. */
final class PollStatus {
    private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper quarantineCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<PollState> pollState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> lastSnapshot = new ReadOnlyObjectWrapper<>();

    /** Shows {@code snapshot}; returns the poll state it replaces (null before the first). */
    PollState apply(PendingSnapshot snapshot) {
        PollState previous = pollState.get();
        pendingCount.set(snapshot.pending().size());
        quarantineCount.set(snapshot.quarantined().size());
        pollState.set(snapshot.pollState());
        lastSnapshot.set(snapshot.takenAt());
        return previous;
    }

    ReadOnlyIntegerProperty pendingCountProperty() {
        return pendingCount.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty quarantineCountProperty() {
        return quarantineCount.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<PollState> pollStateProperty() {
        return pollState.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Instant> lastSnapshotProperty() {
        return lastSnapshot.getReadOnlyProperty();
    }
}
