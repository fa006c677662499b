package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.snapshot;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The new-row marks and their count, through the table's view model as a snapshot stream drives them. */
class NewRowsTest {
    private final PendingTableViewModel table = new PendingTableViewModel();

    private void apply(int second, int... tokens) {
        Map<Integer, Integer> receives = new LinkedHashMap<>();
        for (int t : tokens) {
            receives.put(t, 1);
        }
        var snapshot = snapshot(second, receives);
        table.apply(snapshot, PendingTableViewModel.rowsOf(snapshot));
    }

    private PendingRow row(int i) {
        return table.rows().stream().filter(r -> r.token().equals(token(i))).findFirst().orElseThrow();
    }

    @Test
    void whatWaitsOnTheFirstSnapshotIsNotNewButWhatArrivesLaterIsUntilSeen() {
        apply(1, 0, 1);
        assertThat(table.newCountProperty().get()).isZero();
        assertThat(table.isNew(row(0))).isFalse();

        apply(2, 0, 1, 2, 3);
        assertThat(table.newCountProperty().get()).isEqualTo(2);
        assertThat(table.isNew(row(2))).isTrue();
        assertThat(table.isNew(row(1))).isFalse();

        // Still new on the next snapshot: the mark stays with the row, not with the snapshot that brought it.
        apply(3, 0, 1, 2, 3);
        assertThat(table.newCountProperty().get()).isEqualTo(2);

        table.seen(List.of(row(2)));
        assertThat(table.isNew(row(2))).isFalse();
        assertThat(table.newCountProperty().get()).isEqualTo(1);
        table.seen(List.of(row(2), row(0)));
        assertThat(table.newCountProperty().get()).isEqualTo(1);
    }

    @Test
    void aNewRowThatLeavesTakesItsMarkAlongAndIsNewAgainWhenItComesBack() {
        apply(1, 0);
        apply(2, 0, 1, 2);
        PendingRow departing = row(1);
        assertThat(table.newCountProperty().get()).isEqualTo(2);

        apply(3, 0, 2);
        assertThat(table.newCountProperty().get()).isEqualTo(1);
        // A cell may still hold the departed row when the look ends: that changes no count.
        table.seen(List.of(departing));
        assertThat(table.newCountProperty().get()).isEqualTo(1);

        table.seen(List.of(row(0), row(2)));
        apply(4, 0, 1, 2);
        assertThat(table.isNew(row(1))).isTrue();
        assertThat(table.newCountProperty().get()).isEqualTo(1);
    }

    @Test
    void aNewConnectionStartsFromItsFirstSnapshotAgain() {
        apply(1, 0);
        apply(2, 0, 1);
        PendingRow before = row(1);
        table.clear("Connecting…");
        assertThat(table.newCountProperty().get()).isZero();
        assertThat(table.isNew(before)).isFalse();

        apply(3, 5, 6);
        assertThat(table.newCountProperty().get()).isZero();
        apply(4, 5, 6, 7);
        assertThat(table.newCountProperty().get()).isEqualTo(1);
    }
}
