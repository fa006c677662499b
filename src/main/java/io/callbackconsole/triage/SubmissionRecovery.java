package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles decisions that a crash or a lost answer left without a known outcome: each is sent again with its own client
 * request token, so SageMaker answers as it did the first time (or applies it now, once), and the answer is journaled.
 * Blocking; runs on a background thread when a session opens, and as the {@code recover} command.
 */
public final class SubmissionRecovery {
    private static final Logger log = LoggerFactory.getLogger(SubmissionRecovery.class);

    private final HistoryStore history;
    private final SageMakerCallbackGateway gateway;
    /** The only connection whose decisions this recovery sends. */
    private final ConnectionId connection;
    private final Clock clock;

    /** One decision that was unsettled and what its repeat brought. */
    public record Recovered(Submission submission, Outcome outcome) {
        public boolean settled() {
            return !(outcome instanceof Outcome.Unknown);
        }
    }

    public SubmissionRecovery(HistoryStore history, SageMakerCallbackGateway gateway, ConnectionId connection,
                              Clock clock) {
        this.history = history;
        this.gateway = gateway;
        this.connection = connection;
        this.clock = clock;
    }

    private Outcome repeat(Submission submission) {
        return switch (submission.action()) {
            case FAIL -> gateway.sendFailure(submission);
            case APPROVE -> gateway.sendSuccess(submission, history.approvalOutputsOf(submission.requestToken())
                    .orElseThrow(() -> new IllegalStateException("approval " + submission.requestToken()
                            + " was journaled without its outputs")));
            // A dismissal sends nothing: it stands, and leftover messages of the token are deleted when they
            // reappear, as for any answered token.
            case DISMISS -> new Outcome.Accepted(
                    submission.executionArn() == null ? "" : submission.executionArn().value(), null);
        };
    }

    /** The decisions waiting to be settled, without sending anything. */
    public List<Submission> unsettled() {
        return history.unsettledSubmissions(connection);
    }

    /** Repeats every unsettled decision once and journals each answer. */
    public List<Recovered> recoverAll() {
        List<Recovered> recovered = new ArrayList<>();
        for (Submission submission : history.unsettledSubmissions(connection)) {
            Outcome outcome = repeat(submission);
            history.recordOutcome(submission.requestToken(), outcome, clock.instant());
            log.info("Recovered decision {} on token {}: {}", submission.requestToken(), submission.token(),
                    outcome.kind());
            recovered.add(new Recovered(submission, outcome));
        }
        return recovered;
    }
}
