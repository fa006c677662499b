package io.callbackconsole.aws;

import static io.callbackconsole.aws.SecretRedaction.redact;

import io.callbackconsole.aws.signin.CredentialMessages;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialState;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a failure whose kind is decided as the {@link OperatorError} the operator is shown: the sentence of its kind
 * from {@link FaultWords}, with the parts it names (the HTTP status, the attempts, the IAM action, the sign-in
 * command for the connection's profile). A call that only reads is told less where the outcome is open: whether it
 * took effect does not arise. Immutable and thread-safe.
 */
final class FaultExplanations {
    // "... is not authorized to perform: sagemaker:SendPipelineExecutionStepFailure on resource ..."
    private static final Pattern IAM_ACTION = Pattern.compile("perform:?\\s+([a-zA-Z0-9-]+:[A-Za-z0-9*]+)");

    private final String profile;
    private final FaultWords words;

    /** @param profile the profile named in advice, trimmed; null for generic advice */
    FaultExplanations(String profile, FaultWords words) {
        this.profile = profile;
        this.words = Objects.requireNonNull(words, "words");
    }

    /** Nothing was thrown to say what failed. */
    OperatorError unexplained() {
        return new OperatorError(FaultKind.UNEXPLAINED, "UnexpectedError", null, words.forAWrite(
                FaultKind.UNEXPLAINED), null, false);
    }

    /** A credential state in the words the window and the command line share; nothing was sent. */
    OperatorError credentials(CredentialProblem problem) {
        return new OperatorError(FaultKind.SIGN_IN_NEEDED, CredentialMessages.code(problem.state()),
                redact(problem.sdkMessage()), words.forAWrite(FaultKind.SIGN_IN_NEEDED, redact(problem.getMessage())),
                null, true);
    }

    /** The SDK's own SSO provider found no cached sign-in for the connection's profile. */
    OperatorError ssoNotSignedIn(String message) {
        return credentials(new CredentialProblem(CredentialState.SSO_NOT_SIGNED_IN, profile, null, message, null));
    }

    OperatorError ssoSessionExpired(String message) {
        return new OperatorError(FaultKind.SSO_SESSION_EXPIRED, "CredentialsExpired", redact(message),
                words.forAWrite(FaultKind.SSO_SESSION_EXPIRED, refreshAdvice()), null, true);
    }

    /** A request that never left this machine for want of what it needs (credentials, a region): nothing took effect. */
    OperatorError notSent(FaultKind kind, String code, String message) {
        return new OperatorError(kind, code, message, words.forAWrite(kind), null, true);
    }

    /** An HTTP 5xx, AWS's or a gateway's: it can come after the work was done, so the outcome is open. */
    OperatorError serverError(String awsCode, int status, String message, String requestId, CallDeadline deadline,
                              boolean read) {
        String httpStatus = String.valueOf(status);
        String what = awsCode == null || awsCode.isBlank() ? words.format("part.httpStatus", httpStatus)
                : words.format("part.codeAndHttpStatus", awsCode, httpStatus);
        return new OperatorError(FaultKind.SERVER_ERROR, "ServerError", message == null ? what
                : words.format("message.withServiceMessage", what, message),
                words(FaultKind.SERVER_ERROR, read, what, retries(deadline)), requestId, false);
    }

    /** A 4xx without an AWS error code: a proxy's or a gateway's page, not AWS's answer; the outcome is open. */
    OperatorError noAwsErrorCode(int status, String requestId, boolean read) {
        String httpStatus = String.valueOf(status);
        return new OperatorError(FaultKind.NO_AWS_ERROR_CODE, "UnreadableAnswer",
                words.format("message.noAwsErrorCode", httpStatus),
                words(FaultKind.NO_AWS_ERROR_CODE, read, httpStatus), requestId, false);
    }

    /** An AWS error code this console was not built for: the outcome is open. */
    OperatorError unknownErrorCode(String code, int status, String message, String requestId, boolean read) {
        return new OperatorError(FaultKind.UNKNOWN_ERROR_CODE, code, message,
                words(FaultKind.UNKNOWN_ERROR_CODE, read, code, String.valueOf(status), said(message)), requestId,
                false);
    }

    /** AWS's answer with an error it gives before acting ({@link AwsErrorCodes#answeredKind}): nothing took effect. */
    OperatorError answered(FaultKind kind, String code, String message, String requestId, CallDeadline deadline) {
        String explanation = switch (kind) {
            case UNKNOWN_CALLBACK_TOKEN, RESOURCE_NOT_FOUND, CONFLICT, QUOTA_USED_UP, INVALID_REQUEST, CLOCK_SKEW ->
                    words.forAWrite(kind, said(message));
            case THROTTLED -> words.forAWrite(kind, retries(deadline));
            case ACCESS_DENIED -> accessDenied(message);
            case CREDENTIALS_EXPIRED -> words.forAWrite(kind, refreshAdvice());
            case CREDENTIALS_REFUSED -> words.forAWrite(kind, loginCommand());
            case QUEUE_MISSING, RECEIPT_HANDLE_STALE -> words.forAWrite(kind);
            default -> throw new IllegalArgumentException(kind + " is not an answer AWS gives before acting");
        };
        return new OperatorError(kind, code, message, explanation, requestId, true);
    }

    /**
     * No answer came in time. {@code deadline} names it ("no answer within 10 s, 3 attempts"); without one, the
     * SDK's own figures do, and without those "in time".
     */
    OperatorError timeout(String message, boolean read, CallDeadline deadline, SdkTimeout sdkTimeout) {
        return noAnswer(FaultKind.TIMEOUT, "Timeout", message, read,
                deadline != null ? within(deadline) : within(sdkTimeout));
    }

    /** The endpoint's name did not resolve; {@code host} is the resolver's message, null when it gave none. */
    OperatorError hostNotFound(String message, boolean read, String host) {
        return noAnswer(FaultKind.HOST_NOT_FOUND, "EndpointUnreachable", message, read,
                host == null ? words.format("part.theAwsEndpoint") : host);
    }

    /** A failure whose sentence names the message it came with (or says there were no details). */
    OperatorError noAnswerSaying(FaultKind kind, String code, String message, boolean read) {
        return noAnswer(kind, code, message, read, orNoDetails(message));
    }

    /** Anything else that failed on this machine; {@code what} is its message, or its class when it has none. */
    OperatorError clientError(String message, boolean read, String what) {
        return noAnswer(FaultKind.CLIENT_ERROR, "ClientError", message, read, what);
    }

    /** No answer came: the outcome is open. The explanation names outside text (a host, a message), so redacted. */
    OperatorError noAnswer(FaultKind kind, String code, String message, boolean read, Object... args) {
        return new OperatorError(kind, code, message, redact(words(kind, read, args)), null, false);
    }

    /**
     * The same failure of a call whose only resource is a callback token, however the service worded its
     * ResourceNotFound: SageMaker does not know the token.
     */
    OperatorError asUnknownCallbackToken(OperatorError error) {
        return new OperatorError(FaultKind.UNKNOWN_CALLBACK_TOKEN, error.code(), error.serviceMessage(),
                words.forAWrite(FaultKind.UNKNOWN_CALLBACK_TOKEN), error.requestId(), error.answered());
    }

    /** The same failure of a decision that never left this machine for want of a sign-in: it is sent after one. */
    OperatorError sentOnceSignedIn(OperatorError error) {
        return new OperatorError(error.kind(), error.code(), error.serviceMessage(),
                error.explanation() + words.format("part.nothingSentUntilSignedIn"), error.requestId(),
                error.answered());
    }

    /**
     * SageMaker's HTTP 200 that names no execution, as every answer of it does: not its word that it applied the
     * decision, so the outcome is open.
     */
    OperatorError answerWithoutArn(String requestId) {
        return new OperatorError(FaultKind.ANSWER_WITHOUT_ARN, "AnswerWithoutArn",
                words.format("message.answerWithoutArn"), words.forAWrite(FaultKind.ANSWER_WITHOUT_ARN), requestId,
                false);
    }

    private String words(FaultKind kind, boolean read, Object... args) {
        return read ? words.forARead(kind, args) : words.forAWrite(kind, args);
    }

    private String said(String message) {
        return message == null || message.isBlank() ? "" : words.format("part.awsSaid", message);
    }

    private String retries(CallDeadline deadline) {
        return deadline == null ? words.format("part.consoleRetries")
                : words.format("part.attempts", deadline.attempts());
    }

    /** "within 10 s, 3 attempts (35 s in all)", or "within 3 s, 1 attempt" when there is nothing to add. */
    private String within(CallDeadline deadline) {
        String perAttempt = CallDeadline.seconds(deadline.perAttempt());
        String attempts = words.format("part.attempts", deadline.attempts());
        return deadline.total().equals(deadline.perAttempt().multipliedBy(deadline.attempts()))
                ? words.format("part.withinTimeAndAttempts", perAttempt, attempts)
                : words.format("part.withinTimeAttemptsAndTotal", perAttempt, attempts,
                        CallDeadline.seconds(deadline.total()));
    }

    /** "within 2 s in all, 2 attempts" from the SDK's figures; "in time" when it named none. */
    private String within(SdkTimeout timeout) {
        if (timeout == null) {
            return words.format("part.inTime");
        }
        String figure = words.format(timeout.perAttempt() ? "part.perAttempt" : "part.inAll",
                CallDeadline.seconds(timeout.limit()));
        return timeout.attempts() != null
                ? words.format("part.withinTimeAndAttempts", figure, words.format("part.attempts", timeout.attempts()))
                : words.format("part.withinTime", figure);
    }

    private String accessDenied(String message) {
        Matcher action = IAM_ACTION.matcher(message == null ? "" : message);
        if (action.find()) {
            return words.format("accessDenied.action", action.group(1));
        }
        return words.forAWrite(FaultKind.ACCESS_DENIED, message == null ? "" : words.format("part.awsSaid", message));
    }

    private String refreshAdvice() {
        return words.format("part.refresh", loginCommand());
    }

    private String loginCommand() {
        return words.format("part.login", profile == null ? words.format("part.anyProfile") : profile);
    }

    private String orNoDetails(String message) {
        return message == null || message.isBlank() ? words.format("part.noDetails") : message;
    }
}
