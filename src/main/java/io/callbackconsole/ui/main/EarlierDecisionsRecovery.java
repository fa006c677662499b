package io.callbackconsole.ui.main;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.ResultDetail;
import io.callbackconsole.triage.SubmissionRecovery;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.pending.DecisionWording;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On each new connection, settles in the background the decisions an earlier run left without a known outcome on it,
 * says what came of them, and names the connections whose unsettled decisions are left alone here. FX thread.
 */
final class EarlierDecisionsRecovery {
    private static final Logger log = LoggerFactory.getLogger(EarlierDecisionsRecovery.class);

    private final StringProperty notice = new SimpleStringProperty("");

    /** Runs on {@code tasks} (the connection's); {@code onSettled} follows a recovery that had something to say. */
    void recover(ConsoleSession session, TaskExecutor tasks, Runnable onSettled) {
        tasks.execute(BackgroundTask.<String, Integer>of((control, found) -> {
            String elsewhere = describeElsewhere(session.recovery().unsettledElsewhere());
            int count = session.recovery().unsettledSubmissions().size();
            if (count == 0) {
                return elsewhere;
            }
            found.accept(count);
            String recovered = describeRecovery(session.recovery().recoverUnsettled());
            return elsewhere.isEmpty() ? recovered : recovered + " " + elsewhere;
        }, counts -> notice.set(WindowWords.text("recovery.sending", counts.get(counts.size() - 1))))
                .named("recovery of unsettled decisions")
                .onSuccess(text -> {
                    if (!text.isEmpty()) {
                        notice.set(text);
                        onSettled.run();
                    }
                })
                .onFailure(error -> {
                    log.error("Decisions from an earlier run could not be settled", error);
                    notice.set(WindowWords.text("recovery.failed", error.getMessage()));
                }));
    }

    /** A new connection is wanted: the last one's recovery no longer applies. */
    void clear() {
        notice.set("");
    }

    /** What recovery did; the operator may clear it. */
    StringProperty noticeProperty() {
        return notice;
    }

    /** "2 decision(s) made on account … are unsettled: connect to it to settle them." — never sent from here. */
    static String describeElsewhere(List<HistoryStore.UnsettledElsewhere> elsewhere) {
        StringBuilder text = new StringBuilder();
        for (HistoryStore.UnsettledElsewhere other : elsewhere) {
            text.append(text.length() == 0 ? "" : " ").append(WindowWords.text("recovery.elsewhere", other.decisions(),
                    DisplayText.escape(other.connection().describe())));
        }
        return text.toString();
    }

    static String describeRecovery(List<SubmissionRecovery.Recovered> recovered) {
        StringBuilder text = new StringBuilder(WindowWords.text("recovery.settled"));
        for (SubmissionRecovery.Recovered r : recovered) {
            text.append(' ').append(r.submission().token()).append(' ');
            if (r.outcome() instanceof Outcome.Accepted) {
                text.append(WindowWords.text("recovery.settled.accepted"));
            } else if (r.outcome() instanceof Outcome.Refused refused) {
                text.append(WindowWords.text("recovery.settled.refused", refused.errorCode()));
            } else if (r.result().detail() instanceof ResultDetail.DeleteNotConfirmed) {
                // Not an unanswered call: its message was not seen deleted, and what to do is the result's to say.
                text.append(WindowWords.text("recovery.settled.dismissalNotConfirmed", DecisionWording.of(r.result())));
            } else {
                text.append(WindowWords.text("recovery.settled.stillUnknown"));
            }
        }
        return text.toString();
    }
}
