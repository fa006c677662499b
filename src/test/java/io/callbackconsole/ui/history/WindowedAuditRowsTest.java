package io.callbackconsole.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/** The windowed list growing or shrinking when a count that stopped early becomes exact. */
class WindowedAuditRowsTest {

    private static List<AuditRecord> rows(long from, int count) {
        List<AuditRecord> page = new ArrayList<>();
        for (long seq = from; seq < from + count; seq++) {
            page.add(AuditRecord.of(Map.of(AuditColumn.SEQ, Long.toString(seq))));
        }
        return page;
    }

    @Test
    void resizingKeepsTheLoadedPagesAndFetchesRowsPastTheOldEndWhenShown() {
        WindowedAuditRows<AuditRecord> list = new WindowedAuditRows<>();
        List<Long> fetched = new ArrayList<>();
        List<Consumer<List<AuditRecord>>> pending = new ArrayList<>();
        list.reset(201, rows(0, 200), (offset, limit, onLoaded) -> {
            fetched.add(offset);
            pending.add(onLoaded);
        });
        List<String> changes = new ArrayList<>();
        list.addListener((ListChangeListener<AuditRecord>) change -> {
            while (change.next()) {
                changes.add((change.wasAdded() ? "added " : "") + (change.wasRemoved() ? "removed " : "")
                        + change.getFrom() + ".." + change.getTo());
            }
        });

        list.resize(650);

        assertThat(list).hasSize(650);
        assertThat(changes).containsExactly("added 201..650");
        assertThat(list.get(150).get(AuditColumn.SEQ)).isEqualTo("150"); // still loaded
        assertThat(fetched).isEmpty();
        assertThat(list.get(620)).isNull(); // not loaded yet: fetched now
        assertThat(fetched).containsExactly(600L);
        pending.get(0).accept(rows(600, 50));
        assertThat(list.get(620).get(AuditColumn.SEQ)).isEqualTo("620");

        changes.clear();
        list.resize(120);
        assertThat(list).hasSize(120);
        assertThat(changes).containsExactly("removed 120..120");
        list.resize(120);
        assertThat(changes).hasSize(1); // the same size again is no change
    }
}
