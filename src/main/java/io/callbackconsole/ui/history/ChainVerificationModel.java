package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.ChainHead;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.common.WindowWords;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verify chain on the History tab: walks the hash chain off the FX thread, checks the heads an auditor noted are
 * still on it, and says what it found. FX thread only.
 */
public final class ChainVerificationModel {
    private static final Logger log = LoggerFactory.getLogger(ChainVerificationModel.class);

    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper verifying = new ReadOnlyBooleanWrapper(false);

    /**
     * Walks the chain of {@code target} on {@code on}, checking that every head in {@code notedHeads} (SEQ:HASH, as an
     * export's header or an earlier verify states it; several apart by spaces or commas; blank for none) is still on
     * it. A head that is not written SEQ:HASH is told at once and nothing is walked.
     */
    void verify(AuditLog target, TaskExecutor on, String notedHeads) {
        List<ChainHead> expected;
        try {
            expected = notedHeadsIn(notedHeads);
        } catch (IllegalArgumentException e) {
            failed.set(true);
            result.set(WindowWords.text("history.verify.notVerified", DisplayText.escape(e.getMessage())));
            return;
        }
        verifying.set(true);
        result.set(WindowWords.text("history.verify.verifying"));
        failed.set(false);
        on.execute(BackgroundTask.of(() -> target.verify(expected)).named("verify the hash chain").onSuccess(
                (ChainVerification verification) -> {
                    failed.set(!verification.intact());
                    result.set(verification.summary());
                }).onFailure(error -> {
                    log.error("Cannot verify the history", error);
                    failed.set(true);
                    result.set(WindowWords.text("history.verify.cannot", error.getMessage()));
                }).onFinished(() -> verifying.set(false)));
    }

    static List<ChainHead> notedHeadsIn(String text) {
        List<ChainHead> heads = new ArrayList<>();
        for (String part : (text == null ? "" : text).strip().split("[\\s,;]+")) {
            if (!part.isEmpty()) {
                heads.add(ChainHead.parse(part));
            }
        }
        return heads;
    }

    /** What the last verify found, or that it runs; empty before the first. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** True when the last verify found the chain broken, a noted head missing, or could not run. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty verifyingProperty() {
        return verifying.getReadOnlyProperty();
    }
}
