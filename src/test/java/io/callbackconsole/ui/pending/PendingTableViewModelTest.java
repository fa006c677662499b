package io.callbackconsole.ui.pending;

import static io.callbackconsole.ui.pending.PendingSnapshots.apply;
import static io.callbackconsole.ui.pending.PendingSnapshots.snapshot;
import static io.callbackconsole.ui.pending.PendingSnapshots.snapshotOf;
import static io.callbackconsole.ui.pending.PendingSnapshots.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** Snapshots update the table's rows in place, by token; the selection is kept because the rows are. */
class PendingTableViewModelTest {
    final PendingTableViewModel table = new PendingTableViewModel();

    PendingRow row(String token) {
        return table.rows().stream().filter(r -> r.token().equals(token)).findFirst().orElseThrow();
    }

    @Test
    void aTokenKeepsItsRowObjectWhileItsStateChanges() {
        apply(table, snapshotOf(1, 3));
        PendingRow first = row(token(1));

        apply(table, snapshot(2, Map.of(0, 1, 1, 4, 2, 1)));

        assertThat(row(token(1))).isSameAs(first);
        assertThat(first.receiveCount()).isEqualTo(4);
        assertThat(first.age()).as("as of the newer snapshot").isEqualTo("2 s");
        assertThat(table.rows()).hasSize(3);
    }

    @Test
    void theSelectionSurvivesASnapshotThatChangesRemovesAndAddsOtherRows() {
        apply(table, snapshotOf(1, 4));
        PendingRow focused = row(token(2));
        PendingRow alsoChosen = row(token(3));
        table.select(focused, List.of(focused, alsoChosen));

        Map<Integer, Integer> next = new LinkedHashMap<>();
        next.put(0, 5); // changed
        next.put(2, 1);
        next.put(3, 2); // changed
        next.put(7, 1); // new; token 1 left
        apply(table, snapshot(2, next));

        assertThat(table.selectedProperty().get()).isSameAs(focused);
        assertThat(table.chosenRows()).containsExactly(focused, alsoChosen);
        assertThat(table.rows()).extracting(PendingRow::token).containsExactly(token(0), token(2), token(3), token(7));
    }

    @Test
    void aSelectedRowWhoseTokenLeftIsNoLongerSelected() {
        apply(table, snapshotOf(1, 3));
        PendingRow leaving = row(token(1));
        PendingRow staying = row(token(2));
        table.select(leaving, List.of(leaving, staying));

        apply(table, snapshot(2, Map.of(0, 1, 2, 1)));

        assertThat(table.selectedProperty().get()).isNull();
        assertThat(table.chosenRows()).containsExactly(staying);
    }

    @Test
    void aSnapshotRemovesOnlyDepartedRowsAndUpdatesTheOthersWithoutReplacingThem() {
        apply(table, snapshotOf(1, 3));
        List<String> changes = new ArrayList<>();
        table.rows().addListener((ListChangeListener<PendingRow>) change -> {
            while (change.next()) {
                if (change.wasUpdated()) {
                    changes.add("updated " + change.getFrom() + ".." + change.getTo());
                } else {
                    change.getRemoved().forEach(r -> changes.add("removed " + r.token()));
                    change.getAddedSubList().forEach(r -> changes.add("added " + r.token()));
                }
            }
        });

        apply(table, snapshot(2, new LinkedHashMap<>(Map.of(0, 1, 2, 2, 5, 1))));

        assertThat(changes).contains("removed " + token(1), "added " + token(5));
        assertThat(changes).noneMatch(c -> c.equals("removed " + token(0)) || c.equals("removed " + token(2)));
        assertThat(changes).anyMatch(c -> c.startsWith("updated"));
    }

    @Test
    void aRowThatChangesIntoTheFilterIsShownAndOneThatLeavesItIsHidden() {
        apply(table, snapshotOf(1, 3));
        table.filterProperty().set(token(1).toLowerCase());
        assertThat(table.filteredRows()).extracting(PendingRow::token).containsExactly(token(1));

        apply(table, snapshot(2, Map.of(0, 1, 2, 1, 1, 3)));

        assertThat(table.filteredRows()).extracting(PendingRow::token).containsExactly(token(1));
        assertThat(table.filteredRows().get(0).receiveCount()).isEqualTo(3);
    }

    @Test
    void selectingARowNotInTheTableSelectsNothing() {
        apply(table, snapshotOf(1, 2));
        PendingRow stranger = PendingTableViewModel.rowsOf(snapshotOf(1, 2)).get(0);

        table.select(stranger, List.of(stranger));

        assertThat(table.selectedProperty().get()).isNull();
        assertThat(table.chosenRows()).isEmpty();
    }

    @Test
    void eachSnapshotRaisesTheRevisionSoBindingsOverARowsStateRecompute() {
        long before = table.revisionProperty().get();
        apply(table, snapshotOf(1, 1));
        apply(table, snapshotOf(2, 1));

        assertThat(table.revisionProperty().get()).isEqualTo(before + 2);
    }
}
