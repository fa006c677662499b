package io.callbackconsole.aws;

import static io.callbackconsole.aws.SecretRedaction.redact;

import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialProblems;
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
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkInterruptedException;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.ssooidc.model.SsoOidcException;

/**
 * Turns what the AWS SDK throws into an {@link OperatorError}: reads the exception and its causes to decide which
 * {@link FaultKind} it is and whether it could have taken effect; the codes it knows are {@link AwsErrorCodes}', the
 * sentences {@link FaultExplanations}'. Generic on purpose: it explains SageMaker submissions and SQS polling errors
 * alike. Immutable and thread-safe.
 *
 * <p>Only an AWS error document with a code this console knows, at HTTP 4xx, is "answered" (certainly without
 * effect): AWS rejects those before acting. Everything else leaves the outcome open: any 5xx (AWS's own or a
 * gateway's page, which may come after the request was applied), a 4xx without an AWS error code (a proxy's page),
 * an error code this console has never seen, a body that cannot be read, a time-out, a cut connection.
 */
public final class AwsErrorExplainer {
    /** Apache HttpClient's ways of saying the connection closed mid-answer (by class name: it is the SDK's choice). */
    private static final Set<String> CONNECTION_CUT = Set.of("NoHttpResponseException", "ConnectionClosedException",
            "TruncatedChunkException", "MalformedChunkCodingException");

    /**
     * True when {@code code}, as a recorded outcome carries it, says the connection's session is over
     * ({@link FaultKind#meansSignedOut()}): AWS refused its credentials as expired or unknown (ExpiredTokenException,
     * InvalidClientTokenId, …), or the credentials provider could not renew them (an SSO sign-in that ran out, an MFA
     * session that needs a new code). Every later call would be refused the same way until the operator signs in
     * again. A run of many calls has only the codes of its outcomes, hence the look-up by code.
     */
    public static boolean meansSignedOut(String code) {
        FaultKind kind = AwsErrorCodes.credentialKind(code);
        return kind != null && kind.meansSignedOut();
    }

    private final FaultExplanations explanations;

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
        this.explanations = new FaultExplanations(profile == null || profile.isBlank() ? null : profile.trim(), words);
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
        return explanations.asUnknownCallbackToken(error);
    }

    /** The same failure of a decision that never left this machine for want of a sign-in: it is sent after one. */
    public OperatorError sentOnceSignedIn(OperatorError error) {
        return explanations.sentOnceSignedIn(error);
    }

    /**
     * SageMaker's HTTP 200 that names no execution, as every answer of it does: not its word that it applied the
     * decision, so the outcome is open.
     */
    public OperatorError answerWithoutArn(String requestId) {
        return explanations.answerWithoutArn(requestId);
    }

    /** A credential state in the words the window and the command line share; nothing was sent. */
    public OperatorError explainCredentials(CredentialProblem problem) {
        return explanations.credentials(problem);
    }

    private OperatorError explain(Throwable failure, CallDeadline deadline, boolean read) {
        if (failure == null) {
            return explanations.unexplained();
        }
        // A credential state means the request never left this machine: answered, nothing took effect.
        Optional<CredentialProblem> credentials = CredentialProblems.find(failure);
        if (credentials.isPresent()) {
            return explanations.credentials(credentials.get());
        }
        List<Throwable> chain = causeChain(failure);
        for (Throwable t : chain) {
            if (t instanceof SsoException || t instanceof SsoOidcException) {
                return explanations.ssoSessionExpired(message(t));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AwsServiceException service) {
                return explainServiceError(service, deadline, read);
            }
        }
        return explainClientError(failure, chain, deadline, read);
    }

    private OperatorError explainServiceError(AwsServiceException e, CallDeadline deadline, boolean read) {
        AwsErrorDetails details = e.awsErrorDetails();
        int status = e.statusCode();
        String code = details == null ? null : details.errorCode();
        String message = redact(details == null ? null : details.errorMessage());
        String requestId = e.requestId();

        if (status >= 500) {
            // A 5xx can come after the work was done: a gateway that timed out waiting, a service that failed late.
            return explanations.serverError(code, status, message, requestId, deadline, read);
        }
        if (code == null || code.isBlank()) {
            return explanations.noAwsErrorCode(status, requestId, read);
        }
        FaultKind kind = AwsErrorCodes.answeredKind(e, code, message);
        if (kind == null) {
            // An error this console was not built for: it may be new, or not mean "nothing happened". Keep it open.
            return explanations.unknownErrorCode(code, status, message, requestId, read);
        }
        return explanations.answered(kind, code, message, requestId, deadline);
    }

    private OperatorError explainClientError(Throwable failure, List<Throwable> chain, CallDeadline deadline,
                                             boolean read) {
        String message = redact(deepestMessage(chain));
        String lower = allMessages(chain).toLowerCase(Locale.ROOT);

        if (lower.contains("unable to load sso token")) {
            // The SDK's own SSO provider found no cached sign-in.
            return explanations.ssoNotSignedIn(message);
        }
        if (isSsoExpiry(lower)) {
            return explanations.ssoSessionExpired(message);
        }
        if (lower.contains("unable to load credentials") || lower.contains("unable to load aws credentials")
                || lower.contains("contained no credentials") || lower.contains("no aws credentials")) {
            return explanations.notSent(FaultKind.CREDENTIALS_MISSING, "CredentialsMissing", message);
        }
        if (lower.contains("unable to load region")) {
            return explanations.notSent(FaultKind.REGION_MISSING, "RegionMissing", message);
        }
        for (Throwable t : chain) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
                    || t instanceof SocketTimeoutException
                    || (t instanceof InterruptedIOException && t.getClass().getSimpleName().contains("Timeout"))) {
                return explanations.timeout(message, read, deadline, SdkTimeout.read(t));
            }
        }
        // A body cut off with its connection is a lost connection, though the parser is what noticed.
        boolean connectionCut = chain.stream().anyMatch(t -> CONNECTION_CUT.contains(t.getClass().getSimpleName()));
        for (Throwable t : chain) {
            if (isUnreadableBody(t) && !connectionCut) {
                return explanations.noAnswer(FaultKind.UNREADABLE_ANSWER, "UnreadableAnswer", message, read);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException) {
                return explanations.hostNotFound(message, read, t.getMessage());
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof PortUnreachableException) {
                return explanations.noAnswerSaying(FaultKind.CONNECT_FAILED, "EndpointUnreachable", message, read);
            }
            if (t instanceof SSLException) {
                return explanations.noAnswerSaying(FaultKind.SECURE_CONNECTION_FAILED, "SecureConnectionFailed",
                        message, read);
            }
            if (CONNECTION_CUT.contains(t.getClass().getSimpleName()) || t instanceof SocketException) {
                return explanations.noAnswer(FaultKind.CONNECTION_LOST, "ConnectionLost", message, read);
            }
            if (t instanceof AbortedException || t instanceof SdkInterruptedException
                    || t instanceof InterruptedException) {
                return explanations.noAnswer(FaultKind.INTERRUPTED, "Interrupted", message, read);
            }
        }
        return explanations.clientError(message, read, message == null ? failure.getClass().getSimpleName() : message);
    }

    /** The SDK's JSON parser (shaded or not) failing on a body, or the SDK saying it could not unmarshall one. */
    private static boolean isUnreadableBody(Throwable t) {
        String name = t.getClass().getSimpleName();
        return name.equals("JsonParseException") || name.equals("JsonEOFException")
                || name.equals("MismatchedInputException")
                || (t.getMessage() != null && t.getMessage().startsWith("Unable to unmarshall response"));
    }

    private static boolean isSsoExpiry(String lower) {
        return (lower.contains("sso") && (lower.contains("expired") || lower.contains("invalid")
                || lower.contains("token not found") || lower.contains("sso login")))
                || lower.contains("token is expired");
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
}
