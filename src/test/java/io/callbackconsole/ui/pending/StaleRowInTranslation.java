package io.callbackconsole.ui.pending;

import io.callbackconsole.triage.CallbackContext;
import java.util.function.Supplier;

/** What the Status column shows of a stale row; read in a translation by {@code PendingRowTranslationTest}. */
public final class StaleRowInTranslation implements Supplier<String> {
    @Override
    public String get() {
        PendingRow plain = PendingRowDeadLetterTest.row(1, 5);
        return new PendingRow(plain.callback(), plain.snapshotTime(), new CallbackContext(CallbackContext.Lookup.FOUND,
                null, null, "step Succeeded at 10:42", null), 5, null, null, null).statusLine();
    }
}
