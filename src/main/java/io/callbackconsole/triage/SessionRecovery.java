package io.callbackconsole.triage;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import java.util.List;
import java.util.function.Consumer;

/**
 * The decisions a crash or a lost answer left unsettled, as the front ends see them: those of this connection, listed
 * and repeated with their own request tokens ({@link SubmissionRecovery}), and those of other connections, only
 * listed. Its methods block.
 */
public final class SessionRecovery {
    private final SubmissionRecovery recovery;
    private final DecisionProtocol protocol;
    private final UnknownOutcomeRetries retries;
    private final PendingFeed pending;
    private final HistoryStore history;
    private final ConnectionId connectionId;

    SessionRecovery(DecisionProtocol protocol, UnknownOutcomeRetries retries, PendingFeed pending,
                    HistoryStore history, ConnectionId connectionId) {
        this.recovery = new SubmissionRecovery(protocol, CircuitBreaker.DEFAULT_LIMIT);
        this.protocol = protocol;
        this.retries = retries;
        this.pending = pending;
        this.history = history;
        this.connectionId = connectionId;
    }

    /** Blocking: decisions a crash or a lost answer left without a known outcome. */
    public List<Submission> unsettledSubmissions() {
        return recovery.unsettled();
    }

    /**
     * Blocking: repeats each unsettled decision with its own client request token and journals the answers, telling
     * {@code each} as it goes; decisions still without an answer are retried in the background afterwards.
     */
    public SubmissionRecovery.Run recoverUnsettled(Consumer<SubmissionRecovery.Recovered> each) {
        SubmissionRecovery.Run run = recovery.recoverAll(each);
        run.recovered().stream().filter(r -> r.result().status() == SubmissionResult.Status.ACCEPTED)
                .forEach(r -> protocol.forgetAnswered(r.submission().token()));
        protocol.unsettledTokens().forEach(retries::follow);
        pending.publish();
        return run;
    }

    /** Blocking: as {@link #recoverUnsettled(Consumer)}, all at once. */
    public List<SubmissionRecovery.Recovered> recoverUnsettled() {
        return recoverUnsettled(recovered -> { }).recovered();
    }

    /**
     * Blocking: decisions journaled on other connections that are unsettled; they are never sent from here, only
     * listed ("N decisions made on X are unsettled: connect to it to settle them").
     */
    public List<HistoryStore.UnsettledElsewhere> unsettledElsewhere() {
        return history.unsettledElsewhere(connectionId);
    }
}
