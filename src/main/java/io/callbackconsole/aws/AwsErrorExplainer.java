package io.callbackconsole.aws;

import io.callbackconsole.aws.signin.CredentialMessages;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialProblems;
import io.callbackconsole.aws.signin.CredentialState;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkInterruptedException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;

/**
 * Turns what the AWS SDK throws into an {@link OperatorError}: which {@link FaultKind} it is, whether it could have
 * taken effect, and the arguments its explanation names (HTTP status, attempts, IAM action, profile); the sentences
 * themselves are {@link FaultWords}'. Generic on purpose: it explains SageMaker submissions and SQS polling errors
 * alike. Immutable and thread-safe.
 *
 * <p>Only an AWS error document with a code this class knows, at HTTP 4xx, is "answered" (certainly without effect):
 * AWS rejects those before acting. Everything else leaves the outcome open: any 5xx (AWS's own or a gateway's page,
 * which may come after the request was applied), a 4xx without an AWS error code (a proxy's page), an error code this
 * class has never seen, a body that cannot be read, a time-out, a cut connection.
 */
public final class AwsErrorExplainer {
    private static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ThrottledException",
            "TooManyRequestsException", "TooManyRequests", "RequestLimitExceeded", "RequestThrottled",
            "RequestThrottledException", "SlowDown", "ProvisionedThroughputExceededException",
            "AWS.SimpleQueueService.RequestThrottled", "BandwidthLimitExceeded");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "UnauthorizedAccess", "Forbidden", "NotAuthorized", "AuthorizationError",
            "KMS.AccessDeniedException");
    private static final Set<String> CREDENTIALS_EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException",
            "TokenRefreshRequired");
    private static final Set<String> CLOCK_SKEW = Set.of("RequestExpired", "RequestTimeTooSkewed", "RequestInTheFuture");
    private static final Set<String> CREDENTIALS_INVALID = Set.of("InvalidClientTokenId", "UnrecognizedClientException",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidSignatureException", "AuthFailure",
            "MissingAuthenticationToken", "IncompleteSignature", "InvalidSecurity", "InvalidToken");
    private static final Set<String> QUEUE_MISSING = Set.of("AWS.SimpleQueueService.NonExistentQueue",
            "QueueDoesNotExist", "QueueDoesNotExistException");
    private static final Set<String> RECEIPT_HANDLE_STALE = Set.of("ReceiptHandleIsInvalid", "MessageNotInflight",
            "AWS.SimpleQueueService.MessageNotInflight", "InvalidReceiptHandle");

    /** Apache HttpClient's ways of saying the connection closed mid-answer (by class name: it is the SDK's choice). */
    private static final Set<String> CONNECTION_CUT = Set.of("NoHttpResponseException", "ConnectionClosedException",
            "TruncatedChunkException", "MalformedChunkCodingException");

    private static final Pattern SDK_TIMEOUT_MILLIS = Pattern.compile("timeout configuration: ([0-9]{1,9}) millis");
    private static final Pattern SDK_ATTEMPT_COUNT = Pattern.compile("SDK Attempt Count: ([0-9]{1,3})");

    // "... is not authorized to perform: sagemaker:SendPipelineExecutionStepFailure on resource ..."
    private static final Pattern IAM_ACTION = Pattern.compile("perform:?\\s+([a-zA-Z0-9-]+:[A-Za-z0-9*]+)");
    // Defence in depth: no SDK message should carry a key, but if one does it never reaches the screen or the journal.
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern SECRET_LIKE = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])");

    /**
     * 4xx codes that AWS answers before acting, so nothing took effect: the SageMaker model's errors of the callback
     * calls and the common errors of every AWS API that reject a request as malformed. Throttling, access and
     * credential codes (the sets above) are just as certain: they are checked before the call is processed.
     */
    private static final Set<String> REJECTED_AS_INVALID = Set.of("ValidationException", "InvalidParameterValue",
            "InvalidParameterCombination", "MissingParameter", "InvalidAction", "MissingAction", "MalformedQueryString",
            "InvalidQueryParameter", "SerializationException", "UnknownOperationException", "OptInRequired");

    /** The credential states, besides an expired SSO sign-in and no credentials, that signing in (again) ends. */
    private static final Set<CredentialState> SIGNED_IN_AGAIN = Set.of(CredentialState.SSO_NOT_SIGNED_IN,
            CredentialState.MFA_REQUIRED, CredentialState.MFA_CODE_REFUSED);

    /**
     * True when {@code code}, as a recorded outcome carries it, says the connection's session is over
     * ({@link FaultKind#meansSignedOut()}): AWS refused its credentials as expired or unknown (ExpiredTokenException,
     * InvalidClientTokenId, …), or the credentials provider could not renew them (an SSO sign-in that ran out, an MFA
     * session that needs a new code). Every later call would be refused the same way until the operator signs in
     * again. A run of many calls has only the codes of its outcomes, hence the look-up by code.
     */
    public static boolean meansSignedOut(String code) {
        FaultKind kind = credentialKind(code);
        return kind != null && kind.meansSignedOut();
    }

    /**
     * The kind a credential code names on its own: AWS's codes for refused credentials, and the codes of the
     * credential states a sign-in ends ({@link CredentialMessages#code}); null for any other code. A role that
     * cannot be assumed, a clock that is off or a missing region are not ended by signing in again, so not here.
     */
    private static FaultKind credentialKind(String code) {
        if (code == null) {
            return null;
        }
        if (CREDENTIALS_EXPIRED.contains(code)) {
            return FaultKind.CREDENTIALS_EXPIRED;
        }
        if (CREDENTIALS_INVALID.contains(code)) {
            return FaultKind.CREDENTIALS_REFUSED;
        }
        if (code.equals(CredentialMessages.code(CredentialState.SSO_EXPIRED))) {
            return FaultKind.SSO_SESSION_EXPIRED;
        }
        if (code.equals(CredentialMessages.code(CredentialState.NO_CREDENTIALS))) {
            return FaultKind.CREDENTIALS_MISSING;
        }
        for (CredentialState state : SIGNED_IN_AGAIN) {
            if (code.equals(CredentialMessages.code(state))) {
                return FaultKind.SIGN_IN_NEEDED;
            }
        }
        return null;
    }

    private final String profile;
    private final FaultWords words;

    /** An explainer that gives generic advice where a profile name would help ("aws sso login --profile NAME"). */
    public AwsErrorExplainer() {
        this(null);
    }

    /** @param profile the profile the connection uses, named in advice; null for the default chain or the sandbox */
    public AwsErrorExplainer(String profile) {
        this(profile, new FaultWords());
    }

    /** @param words the operator's words for each kind of failure, in the operator's language */
    public AwsErrorExplainer(String profile, FaultWords words) {
        this.profile = profile == null || profile.isBlank() ? null : profile.trim();
        this.words = Objects.requireNonNull(words, "words");
    }

    /** As {@link #explain(Throwable, CallDeadline)} for a call whose deadline is not known here. */
    public OperatorError explain(Throwable failure) {
        return explain(failure, null);
    }

    /**
     * For a call that only reads (a poll, a look-up): whether it took effect, and how a decision is settled, do not
     * arise, so the explanation says only what failed and what to check.
     */
    public OperatorError explainRead(Throwable failure) {
        return explain(failure, null, true);
    }

    /**
     * @param deadline the deadline the failed call had, named in a time-out's explanation ("no answer within 10 s, 3
     *                 attempts"); null when unknown
     */
    public OperatorError explain(Throwable failure, CallDeadline deadline) {
        return explain(failure, deadline, false);
    }

    /**
     * The same failure of a call whose only resource is a callback token, however the service worded its
     * ResourceNotFound: SageMaker does not know the token.
     */
    public OperatorError asUnknownCallbackToken(OperatorError error) {
        return new OperatorError(FaultKind.UNKNOWN_CALLBACK_TOKEN, error.code(), error.serviceMessage(),
                words.forAWrite(FaultKind.UNKNOWN_CALLBACK_TOKEN), error.requestId(), error.answered());
    }

    /** The same failure of a decision that never left this machine for want of a sign-in: it is sent after one. */
    public OperatorError sentOnceSignedIn(OperatorError error) {
        return new OperatorError(error.kind(), error.code(), error.serviceMessage(),
                error.explanation() + words.format("part.nothingSentUntilSignedIn"), error.requestId(),
                error.answered());
    }

    /**
     * SageMaker's HTTP 200 that names no execution, as every answer of it does: not its word that it applied the
     * decision, so the outcome is open.
     */
    public OperatorError answerWithoutArn(String requestId) {
        return new OperatorError(FaultKind.ANSWER_WITHOUT_ARN, "AnswerWithoutArn",
                words.format("message.answerWithoutArn"), words.forAWrite(FaultKind.ANSWER_WITHOUT_ARN), requestId,
                false);
    }

    private OperatorError explain(Throwable failure, CallDeadline deadline, boolean read) {
        if (failure == null) {
            return new OperatorError(FaultKind.UNEXPLAINED, "UnexpectedError", null, words.forAWrite(
                    FaultKind.UNEXPLAINED), null, false);
        }
        // A credential state means the request never left this machine: answered, nothing took effect.
        java.util.Optional<CredentialProblem> credentials = CredentialProblems.find(failure);
        if (credentials.isPresent()) {
            return explainCredentials(credentials.get());
        }
        List<Throwable> chain = causeChain(failure);
        for (Throwable t : chain) {
            if (t instanceof SsoException || t instanceof SsoOidcException) {
                return ssoSessionExpired(message(t));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AwsServiceException service) {
                return explainServiceError(service, deadline, read);
            }
        }
        return explainClientError(failure, chain, deadline, read);
    }

    private String words(FaultKind kind, boolean read, Object... args) {
        return read ? words.forARead(kind, args) : words.forAWrite(kind, args);
    }

    private OperatorError explainServiceError(AwsServiceException e, CallDeadline deadline, boolean read) {
        AwsErrorDetails details = e.awsErrorDetails();
        int status = e.statusCode();
        String rawCode = details == null ? null : details.errorCode();
        String message = redact(details == null ? null : details.errorMessage());
        String requestId = e.requestId();
        String said = message == null || message.isBlank() ? "" : words.format("part.awsSaid", message);
        String retries = deadline == null ? words.format("part.consoleRetries")
                : words.format("part.attempts", deadline.attempts());
        String httpStatus = String.valueOf(status);

        if (status >= 500) {
            // A 5xx can come after the work was done: a gateway that timed out waiting, a service that failed late.
            String what = rawCode == null || rawCode.isBlank() ? words.format("part.httpStatus", httpStatus)
                    : words.format("part.codeAndHttpStatus", rawCode, httpStatus);
            return new OperatorError(FaultKind.SERVER_ERROR, "ServerError", message == null ? what
                    : words.format("message.withServiceMessage", what, message),
                    words(FaultKind.SERVER_ERROR, read, what, retries), requestId, false);
        }
        if (rawCode == null || rawCode.isBlank()) {
            return new OperatorError(FaultKind.NO_AWS_ERROR_CODE, "UnreadableAnswer",
                    words.format("message.noAwsErrorCode", httpStatus),
                    words(FaultKind.NO_AWS_ERROR_CODE, read, httpStatus), requestId, false);
        }
        String code = rawCode;
        FaultKind kind;
        String explanation;
        if (code.equals("ResourceNotFound") || code.equals("ResourceNotFoundException")) {
            kind = message == null || message.toLowerCase(Locale.ROOT).contains("token")
                    ? FaultKind.UNKNOWN_CALLBACK_TOKEN : FaultKind.RESOURCE_NOT_FOUND;
            explanation = words.forAWrite(kind, said);
        } else if (code.equals("ConflictException")) {
            kind = FaultKind.CONFLICT;
            explanation = words.forAWrite(kind, said);
        } else if (code.equals("ResourceLimitExceeded")) {
            kind = FaultKind.QUOTA_USED_UP;
            explanation = words.forAWrite(kind, said);
        } else if (REJECTED_AS_INVALID.contains(code)) {
            kind = FaultKind.INVALID_REQUEST;
            explanation = words.forAWrite(kind, said);
        } else if (THROTTLING.contains(code) || status == 429 || e.isThrottlingException()) {
            // Throttling is decided before a request is processed, so even after the last retry nothing took effect.
            kind = FaultKind.THROTTLED;
            explanation = words.forAWrite(kind, retries);
        } else if (ACCESS_DENIED.contains(code) || (status == 403 && !CREDENTIALS_EXPIRED.contains(code)
                && !CREDENTIALS_INVALID.contains(code) && !CLOCK_SKEW.contains(code))) {
            // IAM is evaluated before the action: a denied request did nothing.
            kind = FaultKind.ACCESS_DENIED;
            explanation = accessDenied(message);
        } else if (CREDENTIALS_EXPIRED.contains(code)) {
            kind = FaultKind.CREDENTIALS_EXPIRED;
            explanation = words.forAWrite(kind, refreshAdvice());
        } else if (CLOCK_SKEW.contains(code)) {
            kind = FaultKind.CLOCK_SKEW;
            explanation = words.forAWrite(kind, said);
        } else if (CREDENTIALS_INVALID.contains(code)) {
            kind = FaultKind.CREDENTIALS_REFUSED;
            explanation = words.forAWrite(kind, loginCommand());
        } else if (QUEUE_MISSING.contains(code) || e instanceof QueueDoesNotExistException) {
            kind = FaultKind.QUEUE_MISSING;
            explanation = words.forAWrite(kind);
        } else if (RECEIPT_HANDLE_STALE.contains(code)) {
            kind = FaultKind.RECEIPT_HANDLE_STALE;
            explanation = words.forAWrite(kind);
        } else {
            // An error this console was not built for: it may be new, or not mean "nothing happened". Keep it open.
            return new OperatorError(FaultKind.UNKNOWN_ERROR_CODE, code, message,
                    words(FaultKind.UNKNOWN_ERROR_CODE, read, code, httpStatus, said), requestId, false);
        }
        return new OperatorError(kind, code, message, explanation, requestId, true);
    }

    /** A credential state in the words the window and the command line share; nothing was sent. */
    public OperatorError explainCredentials(CredentialProblem problem) {
        return new OperatorError(FaultKind.SIGN_IN_NEEDED, CredentialMessages.code(problem.state()),
                redact(problem.sdkMessage()), words.forAWrite(FaultKind.SIGN_IN_NEEDED, redact(problem.getMessage())),
                null, true);
    }

    private OperatorError explainClientError(Throwable failure, List<Throwable> chain, CallDeadline deadline,
                                             boolean read) {
        String message = redact(deepestMessage(chain));
        String allText = allMessages(chain);
        String lower = allText.toLowerCase(Locale.ROOT);

        if (lower.contains("unable to load sso token")) {
            // The SDK's own SSO provider found no cached sign-in.
            return explainCredentials(new CredentialProblem(CredentialState.SSO_NOT_SIGNED_IN, profile, null, message, null));
        }
        if (isSsoExpiry(lower)) {
            return ssoSessionExpired(message);
        }
        if (lower.contains("unable to load credentials") || lower.contains("unable to load aws credentials")
                || lower.contains("contained no credentials") || lower.contains("no aws credentials")) {
            return new OperatorError(FaultKind.CREDENTIALS_MISSING, "CredentialsMissing", message,
                    words.forAWrite(FaultKind.CREDENTIALS_MISSING), null, true);
        }
        if (lower.contains("unable to load region")) {
            return new OperatorError(FaultKind.REGION_MISSING, "RegionMissing", message,
                    words.forAWrite(FaultKind.REGION_MISSING), null, true);
        }
        for (Throwable t : chain) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof SocketTimeoutException
                    || (t instanceof InterruptedIOException && t.getClass().getSimpleName().contains("Timeout"))) {
                String within = deadline != null ? within(deadline) : sdkTimeoutFigures(t);
                return noAnswer(FaultKind.TIMEOUT, "Timeout", message, read, within);
            }
        }
        // A body cut off with its connection is a lost connection, though the parser is what noticed.
        boolean connectionCut = chain.stream().anyMatch(t -> CONNECTION_CUT.contains(t.getClass().getSimpleName()));
        for (Throwable t : chain) {
            if (isUnreadableBody(t) && !connectionCut) {
                return noAnswer(FaultKind.UNREADABLE_ANSWER, "UnreadableAnswer", message, read);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                String host = t.getMessage() == null ? words.format("part.theAwsEndpoint") : t.getMessage();
                return noAnswer(FaultKind.HOST_NOT_FOUND, "EndpointUnreachable", message, read, host);
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException) {
                return noAnswer(FaultKind.CONNECT_FAILED, "EndpointUnreachable", message, read, orNoDetails(message));
            }
            if (t instanceof SSLException) {
                return noAnswer(FaultKind.SECURE_CONNECTION_FAILED, "SecureConnectionFailed", message, read,
                        orNoDetails(message));
            }
            if (CONNECTION_CUT.contains(t.getClass().getSimpleName()) || t instanceof SocketException) {
                return noAnswer(FaultKind.CONNECTION_LOST, "ConnectionLost", message, read);
            }
            if (t instanceof AbortedException || t instanceof SdkInterruptedException
                    || t instanceof InterruptedException) {
                return noAnswer(FaultKind.INTERRUPTED, "Interrupted", message, read);
            }
        }
        String what = message == null ? failure.getClass().getSimpleName() : message;
        return noAnswer(FaultKind.CLIENT_ERROR, "ClientError", message, read, what);
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

    /**
     * "within 2 s in all, 2 attempts" from the SDK's own time-out message ("... timeout configuration: 2000 millis (SDK
     * Attempt Count: 2)"), for callers that cannot name the deadline; "in time" when the message has no figure.
     */
    private String sdkTimeoutFigures(Throwable timeout) {
        Matcher millis = SDK_TIMEOUT_MILLIS.matcher(timeout.getMessage() == null ? "" : timeout.getMessage());
        if (!millis.find()) {
            return words.format("part.inTime");
        }
        String seconds = CallDeadline.seconds(java.time.Duration.ofMillis(Long.parseLong(millis.group(1))));
        String figure = words.format(timeout instanceof ApiCallAttemptTimeoutException ? "part.perAttempt"
                : "part.inAll", seconds);
        Matcher attempts = SDK_ATTEMPT_COUNT.matcher(timeout.getMessage());
        return attempts.find()
                ? words.format("part.withinTimeAndAttempts", figure,
                        words.format("part.attempts", Integer.parseInt(attempts.group(1))))
                : words.format("part.withinTime", figure);
    }

    /** The SDK's JSON parser (shaded or not) failing on a body, or the SDK saying it could not unmarshall one. */
    private static boolean isUnreadableBody(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.equals("JsonParseException") || name.equals("JsonEOFException")
                || name.equals("MismatchedInputException")
                || (t.getMessage() != null && t.getMessage().startsWith("Unable to unmarshall response"));
    }

    private OperatorError ssoSessionExpired(String message) {
        return new OperatorError(FaultKind.SSO_SESSION_EXPIRED, "CredentialsExpired", redact(message),
                words.forAWrite(FaultKind.SSO_SESSION_EXPIRED, refreshAdvice()), null, true);
    }

    /** No answer came: the outcome is open. The explanation names outside text (a host, a message), so redacted. */
    private OperatorError noAnswer(FaultKind kind, String code, String message, boolean read, Object... args) {
        return new OperatorError(kind, code, message, redact(words(kind, read, args)), null, false);
    }

    private static boolean isSsoExpiry(String lower) {
        return (lower.contains("sso") && (lower.contains("expired") || lower.contains("invalid")
                || lower.contains("token not found") || lower.contains("sso login")))
                || lower.contains("token is expired");
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

    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String message(Throwable t) {
        return t instanceof AwsServiceException s && s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
                ? s.awsErrorDetails().errorMessage()
                : t.getMessage();
    }

    /** The most specific message: the root cause's, else the nearest one that has a message. */
    private static String deepestMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String m = chain.get(i).getMessage();
            if (m != null && !m.isBlank()) {
                return m.strip();
            }
        }
        return null;
    }

    private static String allMessages(List<Throwable> chain) {
        StringBuilder text = new StringBuilder();
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append('\n');
            }
        }
        return text.toString();
    }

    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutIds = ACCESS_KEY_ID.matcher(text).replaceAll("[access key id]");
        return SECRET_LIKE.matcher(withoutIds).replaceAll("[redacted]");
    }
}
