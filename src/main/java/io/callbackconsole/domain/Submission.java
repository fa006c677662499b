package io.callbackconsole.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One operator decision on one token, as it is journaled before anything is sent. Its {@link ClientRequestToken} is
 * fixed here and reused for every attempt, so SageMaker applies the decision at most once.
 *
 * @param executionArn the execution the token belongs to, or null when the token is answered without its message
 *                     (from the command line, say); SageMaker's answer names the execution then
 * @param connection the connection the decision belongs to (account, region, endpoints, or the sandbox): it is
 *                   only ever sent, retried or recovered there
 */
public record Submission(
        ClientRequestToken requestToken,
        Action action,
        CallbackToken token,
        PipelineExecutionArn executionArn,
        FailureReason reason,
        Operator operator,
        ConnectionId connection,
        Instant decidedAt) {

    public Submission {
        Objects.requireNonNull(requestToken, "requestToken");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(decidedAt, "decidedAt");
        // The history keeps milliseconds; a decision read back must equal the one written.
        decidedAt = decidedAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public static Submission fail(CallbackToken token, PipelineExecutionArn executionArn, FailureReason reason,
                                  Operator operator, ConnectionId connection, Instant now) {
        return new Submission(ClientRequestToken.random(), Action.FAIL, token, executionArn, reason, operator, connection, now);
    }

    /** An approval; {@code note} says what was approved (the output parameters themselves are stored beside it). */
    public static Submission approve(CallbackToken token, PipelineExecutionArn executionArn, FailureReason note,
                                     Operator operator, ConnectionId connection, Instant now) {
        return new Submission(ClientRequestToken.random(), Action.APPROVE, token, executionArn, note, operator,
                connection, now);
    }

    /** A dismissal of a stale token; {@code why} says why its step no longer waits. Nothing is sent to SageMaker. */
    public static Submission dismiss(CallbackToken token, PipelineExecutionArn executionArn, FailureReason why,
                                     Operator operator, ConnectionId connection, Instant now) {
        return new Submission(ClientRequestToken.random(), Action.DISMISS, token, executionArn, why, operator,
                connection, now);
    }
}
