package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send step of the decision protocol: calls SageMaker for a decision whose intent is durable and always comes
 * back with an outcome — the gateway classifies SageMaker's answers, and a failure of the console mid-call is an
 * UNKNOWN outcome, never an exception.
 */
final class DecisionSender {
    private static final Logger log = LoggerFactory.getLogger(DecisionSender.class);

    private final SageMakerCallbackGateway gateway;
    private final ConnectionId connection;

    DecisionSender(SageMakerCallbackGateway gateway, ConnectionId connection) {
        this.gateway = Objects.requireNonNull(gateway);
        this.connection = Objects.requireNonNull(connection);
    }

    Outcome send(Decision decision, Submission submission) {
        try {
            return decision.send(gateway, submission);
        } catch (RuntimeException e) {
            // The gateway turns AWS errors into outcomes; this is the console failing mid-call. Whether the call went
            // out is not known: journaled as such, and repeated later with the same request token.
            log.error("Sending decision {} on {} failed", submission.requestToken(), submission.token(), e);
            return new Outcome.Unknown("ConsoleError", e.toString(), "The console failed while sending the decision,"
                    + " so whether SageMaker got it is not known.");
        }
    }

    /** Sends an unsettled decision again with its own request token. */
    Outcome repeat(UnsettledDecisions.Unsettled earlier) {
        Submission submission = earlier.submission();
        return answeredBy(switch (submission.action()) {
            case FAIL -> send(new Decision.FailStep(submission.reason()), submission);
            case APPROVE -> send(new Decision.ApproveStep(earlier.outputs()), submission);
            // A dismissal sends nothing: it is repeated by deleting its message (Dismissals), not by a call.
            case DISMISS -> throw new IllegalArgumentException("A dismissal is not sent to SageMaker: "
                    + submission.requestToken());
        });
    }

    /**
     * A repeat that SageMaker answers with ResourceNotFound: the record says which connection answered, since a token
     * is unknown to every account and region but its own.
     */
    private Outcome answeredBy(Outcome outcome) {
        if (outcome instanceof Outcome.Refused refused && refused.errorCode().startsWith("ResourceNotFound")) {
            return new Outcome.Refused(refused.errorCode(), refused.errorMessage(), "Answered by "
                    + connection.describe() + ": " + refused.explanation(), refused.requestId());
        }
        return outcome;
    }
}
