package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.RetrySchedule;
import io.callbackconsole.ui.common.WindowWords;
import org.junit.jupiter.api.Test;

/** The Status column's text: the window's words with the row's values, made once per state of the row. */
class PendingRowStatusLineTest {
    private static PendingRow row(CallbackContext context, RetrySchedule retry, String decidedBy) {
        PendingRow plain = PendingRowDeadLetterTest.row(1, 5);
        return new PendingRow(plain.callback(), plain.snapshotTime(), context, 5, retry, null, decidedBy);
    }

    @Test
    void theStatusLineIsMadeOncePerStateNotOnEveryComparisonOfASort() {
        PendingRow row = row(CallbackContext.notLookedUp(), null, "alice");

        assertThat(row.statusLine()).as("the same text object each time: not built again per call")
                .isSameAs(row.statusLine());
    }

    @Test
    void aNewerStateOfTheRowChangesItsStatusLine() {
        PendingRow row = row(CallbackContext.notLookedUp(), null, null);
        String before = row.statusLine();
        RetrySchedule retry = new RetrySchedule(3, row.snapshotTime().plusSeconds(8),
                row.snapshotTime().plusSeconds(1800), Action.FAIL, "Bad data");

        row.takeStateOf(row(CallbackContext.notLookedUp(), retry, "bob"));

        assertThat(before).isEqualTo("Executing");
        assertThat(row.statusLine()).isEqualTo("Executing · "
                + WindowWords.text("row.beingDecided", "bob") + " · "
                + WindowWords.text("row.retry.retrying", WindowWords.text("row.retry.in", 8), 3,
                ShortTimes.hoursMinutes(retry.giveUpAt())));
    }

    @Test
    void theValuesGoIntoTheBundlesPatterns() {
        PendingRow stale = row(new CallbackContext(CallbackContext.Lookup.FOUND, null, null,
                "step Succeeded at 10:42", null), null, null);
        RetrySchedule lastTry = new RetrySchedule(9, stale.snapshotTime(), stale.snapshotTime(), Action.FAIL, "");

        assertThat(stale.statusLine()).isEqualTo(WindowWords.text("row.stale", "step Succeeded at 10:42"))
                .isEqualTo("Stale: step Succeeded at 10:42");
        assertThat(row(CallbackContext.notLookedUp(), lastTry, null).retryText())
                .isEqualTo("outcome unknown — last try now (attempt 9), then giving up");
        assertThat(stale.receivesText()).isEqualTo(WindowWords.text("row.receivesOf", 1, 5)).isEqualTo("1 of 5");
    }
}
