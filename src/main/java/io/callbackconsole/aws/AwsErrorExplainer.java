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
 * Turns what the AWS SDK throws into an {@link OperatorError}: what happened, whether it could have taken effect, and
 * what to do next. Generic on purpose: it explains SageMaker submissions and SQS polling errors alike. Stateless and
 * thread-safe.
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

    /** The tail of every explanation of an outcome that stays open: what settles it, and what does not. */
    static final String SETTLED_BY_THE_SAME_REQUEST = " Only the same request sent again with its client request "
            + "token settles it (the console retries it; from a terminal, run recover); a new decision would be refused "
            + "as a conflict if the first one took effect.";

    /** What ResourceNotFound means for a call whose only resource is a callback token. */
    public static final String UNKNOWN_CALLBACK_TOKEN = "SageMaker does not know this callback token: it was answered "
            + "already, its execution ended, or it belongs to another account or region. Check the connection, then "
            + "dismiss the row.";

    private final String profile;

    /** An explainer that gives generic advice where a profile name would help ("aws sso login --profile NAME"). */
    public AwsErrorExplainer() {
        this(null);
    }

    /** @param profile the profile the connection uses, named in advice; null for the default chain or the sandbox */
    public AwsErrorExplainer(String profile) {
        this.profile = profile == null || profile.isBlank() ? null : profile.trim();
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
        OperatorError error = explain(failure);
        if (error.answered()) {
            return error;
        }
        return new OperatorError(error.code(), error.serviceMessage(), forARead(error.explanation()),
                error.requestId(), false);
    }

    /** The explanation of an unanswered call without what it says of a write's effect (see each branch below). */
    static String forARead(String explanation) {
        return explanation.replace(SETTLED_BY_THE_SAME_REQUEST, "")
                .replace(" A server error can come after the request was carried out, so whether it took effect is"
                        + " unknown.", "")
                .replace(", so whether the request took effect is unknown", "")
                .replace("; whether it took effect is unknown", "")
                .replace(" Whether it took effect is unknown; check", " Check");
    }

    /**
     * @param deadline the deadline the failed call had, named in a time-out's explanation ("no answer within 10 s, 3
     *                 attempts"); null when unknown
     */
    public OperatorError explain(Throwable failure, CallDeadline deadline) {
        if (failure == null) {
            return new OperatorError("UnexpectedError", null,
                    "Something failed without saying why. Try again; if it repeats, look at the console's log.", null, false);
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
                return explainServiceError(service, deadline);
            }
        }
        return explainClientError(failure, chain, deadline);
    }

    private OperatorError explainServiceError(AwsServiceException e, CallDeadline deadline) {
        AwsErrorDetails details = e.awsErrorDetails();
        int status = e.statusCode();
        String rawCode = details == null ? null : details.errorCode();
        String message = redact(details == null ? null : details.errorMessage());
        String requestId = e.requestId();
        String said = message == null || message.isBlank() ? "" : " AWS said: " + message;
        String retries = deadline == null ? "the console's retries" : plural(deadline.attempts(), "attempt");

        if (status >= 500) {
            // A 5xx can come after the work was done: a gateway that timed out waiting, a service that failed late.
            String what = rawCode == null || rawCode.isBlank() ? "HTTP " + status : rawCode + ", HTTP " + status;
            return new OperatorError("ServerError", message == null ? what : what + ": " + message,
                    "AWS, or a gateway on the way to it, answered with a server error (" + what + ") after " + retries
                            + ". A server error can come after the request was carried out, so whether it took effect "
                            + "is unknown." + SETTLED_BY_THE_SAME_REQUEST, requestId, false);
        }
        if (rawCode == null || rawCode.isBlank()) {
            return new OperatorError("UnreadableAnswer", "HTTP " + status + " without an AWS error code",
                    "An answer came with HTTP " + status + " but no AWS error code: a proxy or gateway on the way "
                            + "answered, not AWS, so whether the request took effect is unknown. Check the network's "
                            + "proxy settings." + SETTLED_BY_THE_SAME_REQUEST, requestId, false);
        }
        String code = rawCode;
        String explanation;
        if (code.equals("ResourceNotFound") || code.equals("ResourceNotFoundException")) {
            explanation = message == null || message.toLowerCase(Locale.ROOT).contains("token")
                    ? UNKNOWN_CALLBACK_TOKEN
                    : "AWS does not know the resource this request names: it was deleted, or it belongs to another "
                            + "account or region. Check the connection's account and region." + said;
        } else if (code.equals("ConflictException")) {
            explanation = "SageMaker refused: the request conflicts with the current state of this step, or another "
                    + "request changed it at the same time. Refresh; if the callback is still pending, submit again."
                    + said;
        } else if (code.equals("ResourceLimitExceeded")) {
            explanation = "SageMaker refused: an account quota is used up. Wait for running work to finish or ask for a "
                    + "quota increase in Service Quotas, then submit again." + said;
        } else if (REJECTED_AS_INVALID.contains(code)) {
            explanation = "AWS refused the request as invalid, so nothing took effect. Correct what it names and try "
                    + "again." + said;
        } else if (THROTTLING.contains(code) || status == 429 || e.isThrottlingException()) {
            // Throttling is decided before a request is processed, so even after the last retry nothing took effect.
            explanation = "AWS is throttling this account and " + retries + " did not get through; nothing "
                    + "took effect. Wait a minute, then try again with fewer requests at once.";
        } else if (ACCESS_DENIED.contains(code) || (status == 403 && !CREDENTIALS_EXPIRED.contains(code)
                && !CREDENTIALS_INVALID.contains(code) && !CLOCK_SKEW.contains(code))) {
            // IAM is evaluated before the action: a denied request did nothing.
            explanation = accessDenied(message);
        } else if (CREDENTIALS_EXPIRED.contains(code)) {
            explanation = "The credentials of this connection have expired. " + refreshAdvice() + " Then try again.";
        } else if (CLOCK_SKEW.contains(code)) {
            explanation = "AWS refused the request as expired: this computer's clock is probably wrong. Set the clock "
                    + "to synchronise automatically, then try again." + said;
        } else if (CREDENTIALS_INVALID.contains(code)) {
            explanation = "AWS does not accept the credentials of this connection: the access key is wrong, deleted, "
                    + "or belongs to another partition. Fix the profile's credentials (or " + loginCommand()
                    + " for an SSO profile) and reconnect.";
        } else if (QUEUE_MISSING.contains(code) || e instanceof QueueDoesNotExistException) {
            explanation = "SQS has no such queue in this account and region: it was deleted, or the URL names another "
                    + "account or region. Check the queue URL and the connection's region.";
        } else if (RECEIPT_HANDLE_STALE.contains(code)) {
            explanation = "SQS no longer accepts this message's receipt handle: its lease ran out and it was received "
                    + "again. The message is still on the queue and comes back on a later poll.";
        } else {
            // An error this console was not built for: it may be new, or not mean "nothing happened". Keep it open.
            return new OperatorError(code, message, "AWS answered with an error this console does not know (" + code
                    + ", HTTP " + status + "), so whether the request took effect is unknown." + said
                    + SETTLED_BY_THE_SAME_REQUEST, requestId, false);
        }
        return new OperatorError(code, message, explanation, requestId, true);
    }

    /** A credential state in the words the window and the command line share; nothing was sent. */
    public OperatorError explainCredentials(CredentialProblem problem) {
        return new OperatorError(CredentialMessages.code(problem.state()), redact(problem.sdkMessage()),
                redact(problem.getMessage()), null, true);
    }

    private static String plural(int count, String word) {
        return count + " " + word + (count == 1 ? "" : "s");
    }

    private OperatorError explainClientError(Throwable failure, List<Throwable> chain, CallDeadline deadline) {
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
            return new OperatorError("CredentialsMissing", message, "No AWS credentials were found for this connection, "
                    + "so nothing was sent. Choose a profile in Connect…, or set one up with aws configure (or aws "
                    + "configure sso), then reconnect.", null, true);
        }
        if (lower.contains("unable to load region")) {
            return new OperatorError("RegionMissing", message, "No AWS region is set for this connection, so nothing "
                    + "was sent. Choose a region in Connect…, or set region in the profile, then reconnect.", null, true);
        }
        for (Throwable t : chain) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof SocketTimeoutException
                    || (t instanceof InterruptedIOException && t.getClass().getSimpleName().contains("Timeout"))) {
                String within = deadline != null ? "within " + deadline.describe() : sdkTimeoutFigures(t);
                return noAnswer("Timeout", message, "No answer came from AWS " + within + ", so whether the request "
                        + "took effect is unknown. Check the network." + SETTLED_BY_THE_SAME_REQUEST);
            }
        }
        // A body cut off with its connection is a lost connection, though the parser is what noticed.
        boolean connectionCut = chain.stream().anyMatch(t -> CONNECTION_CUT.contains(t.getClass().getSimpleName()));
        for (Throwable t : chain) {
            if (isUnreadableBody(t) && !connectionCut) {
                return noAnswer("UnreadableAnswer", message, "An answer came but it cannot be read (not JSON, or cut "
                        + "short), so whether the request took effect is unknown. A proxy on the way may have changed "
                        + "it; check the network." + SETTLED_BY_THE_SAME_REQUEST);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                String host = t.getMessage() == null ? "the AWS endpoint" : t.getMessage();
                return noAnswer("EndpointUnreachable", message, "Cannot find " + host + " on the network (DNS). "
                        + "Check the network, VPN or proxy, and the connection's region and endpoint, then try again.");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException) {
                return noAnswer("EndpointUnreachable", message, "Cannot connect to the AWS endpoint ("
                        + orNoDetails(message) + "). Check the network, VPN or proxy, and the connection's "
                        + "endpoint, then try again.");
            }
            if (t instanceof SSLException) {
                return noAnswer("SecureConnectionFailed", message, "The secure connection to AWS failed ("
                        + orNoDetails(message) + "). A proxy that inspects TLS may need its certificate trusted; "
                        + "check the network settings.");
            }
            if (CONNECTION_CUT.contains(t.getClass().getSimpleName()) || t instanceof SocketException) {
                return noAnswer("ConnectionLost", message, "The connection to AWS broke before the whole answer came, "
                        + "so whether the request took effect is unknown. Check the network."
                        + SETTLED_BY_THE_SAME_REQUEST);
            }
            if (t instanceof AbortedException || t instanceof SdkInterruptedException
                    || t instanceof InterruptedException) {
                return noAnswer("Interrupted", message, "The request was cancelled before an answer came (the "
                        + "console was closing or the task was stopped); whether it took effect is unknown.");
            }
        }
        String what = message == null ? failure.getClass().getSimpleName() : message;
        return noAnswer("ClientError", message, "The request failed on this machine before an answer came: " + what
                + ". Whether it took effect is unknown; check the connection and try again.");
    }

    /**
     * "within 2 s in all, 2 attempts" from the SDK's own time-out message ("... timeout configuration: 2000 millis (SDK
     * Attempt Count: 2)"), for callers that cannot name the deadline; "in time" when the message has no figure.
     */
    private static String sdkTimeoutFigures(Throwable timeout) {
        Matcher millis = SDK_TIMEOUT_MILLIS.matcher(timeout.getMessage() == null ? "" : timeout.getMessage());
        if (!millis.find()) {
            return "in time";
        }
        String figure = CallDeadline.seconds(java.time.Duration.ofMillis(Long.parseLong(millis.group(1))))
                + (timeout instanceof ApiCallAttemptTimeoutException ? " per attempt" : " in all");
        Matcher attempts = SDK_ATTEMPT_COUNT.matcher(timeout.getMessage());
        return "within " + figure + (attempts.find() ? ", " + plural(Integer.parseInt(attempts.group(1)), "attempt") : "");
    }

    /** The SDK's JSON parser (shaded or not) failing on a body, or the SDK saying it could not unmarshall one. */
    private static boolean isUnreadableBody(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.equals("JsonParseException") || name.equals("JsonEOFException")
                || name.equals("MismatchedInputException")
                || (t.getMessage() != null && t.getMessage().startsWith("Unable to unmarshall response"));
    }

    private OperatorError ssoSessionExpired(String message) {
        return new OperatorError("CredentialsExpired", redact(message), "The AWS SSO session of this connection has "
                + "expired, so nothing was sent. " + refreshAdvice() + " Then reconnect.", null, true);
    }

    private static OperatorError noAnswer(String code, String message, String explanation) {
        return new OperatorError(code, message, redact(explanation), null, false);
    }

    private static boolean isSsoExpiry(String lower) {
        return (lower.contains("sso") && (lower.contains("expired") || lower.contains("invalid")
                || lower.contains("token not found") || lower.contains("sso login")))
                || lower.contains("token is expired");
    }

    private String accessDenied(String message) {
        Matcher action = IAM_ACTION.matcher(message == null ? "" : message);
        if (action.find()) {
            String name = action.group(1);
            return "The identity of this connection is not allowed to call " + name + ". Ask your AWS administrator "
                    + "to allow " + name + " for it, or connect with a profile that has it.";
        }
        return "The identity of this connection is not allowed to do this. Ask your AWS administrator for the IAM "
                + "permission the message names, or connect with a profile that has it."
                + (message == null ? "" : " AWS said: " + message);
    }

    private String refreshAdvice() {
        return "Run " + loginCommand() + " (or renew the session credentials of the profile)";
    }

    private String loginCommand() {
        String name = profile == null ? "<your profile>" : profile;
        return "callback-console login --profile " + name + " (or aws sso login --profile " + name + ")";
    }

    private static String orNoDetails(String message) {
        return message == null || message.isBlank() ? "no details" : message;
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
