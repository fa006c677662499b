package io.callbackconsole.aws;

/**
 * What kind of failure an {@link OperatorError} is, so that code branches on the kind rather than on the code's or
 * the explanation's text. Each kind's explanation is in {@code faults.properties}, under its {@link #key()}.
 */
public enum FaultKind {
    /** Nothing was thrown to say what failed. */
    UNEXPLAINED,
    /** HTTP 5xx, from AWS or a gateway: it may come after the work was done, so the outcome is open. */
    SERVER_ERROR,
    /** A 4xx without an AWS error code: a proxy or gateway answered, not AWS; the outcome is open. */
    NO_AWS_ERROR_CODE,
    /** ResourceNotFound of a call whose only resource is a callback token. */
    UNKNOWN_CALLBACK_TOKEN,
    /** ResourceNotFound of another resource. */
    RESOURCE_NOT_FOUND,
    CONFLICT,
    /** ResourceLimitExceeded: an account quota is used up. */
    QUOTA_USED_UP,
    /** A request AWS rejects as malformed before acting. */
    INVALID_REQUEST,
    THROTTLED,
    ACCESS_DENIED,
    /** Session credentials that have expired (ExpiredToken). */
    CREDENTIALS_EXPIRED,
    /** A request AWS refused as expired: this machine's clock is off. */
    CLOCK_SKEW,
    /** Credentials AWS does not accept (a wrong or deleted key, another partition). */
    CREDENTIALS_REFUSED,
    QUEUE_MISSING,
    /** A receipt handle SQS no longer accepts: the message was received again. */
    RECEIPT_HANDLE_STALE,
    /** An AWS error code this console does not know: the outcome is open. */
    UNKNOWN_ERROR_CODE,
    /** A sign-in state (no session, MFA needed, a role not assumable, …): the request never left this machine. */
    SIGN_IN_NEEDED,
    /** The connection's AWS SSO session has expired. */
    SSO_SESSION_EXPIRED,
    CREDENTIALS_MISSING,
    REGION_MISSING,
    TIMEOUT,
    /** A body that cannot be read (not JSON, cut short): the outcome is open. */
    UNREADABLE_ANSWER,
    /** HTTP 200 from SageMaker that does not name the execution, as every answer of it does: the outcome is open. */
    ANSWER_WITHOUT_ARN,
    HOST_NOT_FOUND,
    CONNECT_FAILED,
    SECURE_CONNECTION_FAILED,
    /** The connection broke before the whole answer came: the outcome is open. */
    CONNECTION_LOST,
    /** The call was cancelled (the console closing, a task stopped). */
    INTERRUPTED,
    /** Anything else that failed on this machine before an answer came. */
    CLIENT_ERROR;

    /** ResourceNotFound, whichever resource it names: the token's execution or the token is gone. */
    public boolean notFound() {
        return this == RESOURCE_NOT_FOUND || this == UNKNOWN_CALLBACK_TOKEN;
    }

    /**
     * The connection's session is over: its credentials expired or were refused as unknown, or could not be renewed
     * without the operator (an SSO sign-in that ran out, an MFA code to type). Every later call fails the same way
     * until the operator signs in again, so a run of many calls stops at the first.
     */
    public boolean meansSignedOut() {
        return this == CREDENTIALS_EXPIRED || this == CREDENTIALS_REFUSED || this == SSO_SESSION_EXPIRED
                || this == CREDENTIALS_MISSING || this == SIGN_IN_NEEDED;
    }

    /** The kind's key in the bundle: TIMEOUT is "timeout", SERVER_ERROR "serverError". */
    public String key() {
        StringBuilder key = new StringBuilder();
        boolean upper = false;
        for (char c : name().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                key.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        return key.toString();
    }
}
