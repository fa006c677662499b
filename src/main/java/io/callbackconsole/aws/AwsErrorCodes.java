package io.callbackconsole.aws;

import io.callbackconsole.aws.signin.CredentialMessages;
import io.callbackconsole.aws.signin.CredentialState;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * The AWS error codes this console knows, by what they mean, and the {@link FaultKind} each names. Only these codes,
 * at HTTP 4xx, count as answered (certainly without effect): AWS rejects them before acting. A code not here has no
 * kind, so its outcome stays open.
 */
final class AwsErrorCodes {
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

    private AwsErrorCodes() {
    }

    /**
     * The kind of a 4xx answer with this AWS error code, or null for a code this console was not built for (it may
     * be new, or not mean "nothing happened"). The first table that holds the code decides; a 403 or a 429 without
     * a known code is still access denied or throttling.
     *
     * @param answer  the service's exception: its status and the SDK's own throttling and queue verdicts count too
     * @param code    its AWS error code, not blank
     * @param message its service message, redacted; a ResourceNotFound that mentions no other resource is the token's
     */
    static FaultKind answeredKind(AwsServiceException answer, String code, String message) {
        int status = answer.statusCode();
        if (code.equals("ResourceNotFound") || code.equals("ResourceNotFoundException")) {
            return message == null || message.toLowerCase(Locale.ROOT).contains("token")
                    ? FaultKind.UNKNOWN_CALLBACK_TOKEN : FaultKind.RESOURCE_NOT_FOUND;
        }
        if (code.equals("ConflictException")) {
            return FaultKind.CONFLICT;
        }
        if (code.equals("ResourceLimitExceeded")) {
            return FaultKind.QUOTA_USED_UP;
        }
        if (REJECTED_AS_INVALID.contains(code)) {
            return FaultKind.INVALID_REQUEST;
        }
        if (THROTTLING.contains(code) || status == 429 || answer.isThrottlingException()) {
            // Throttling is decided before a request is processed, so even after the last retry nothing took effect.
            return FaultKind.THROTTLED;
        }
        if (ACCESS_DENIED.contains(code) || (status == 403 && !CREDENTIALS_EXPIRED.contains(code)
                && !CREDENTIALS_INVALID.contains(code) && !CLOCK_SKEW.contains(code))) {
            // IAM is evaluated before the action: a denied request did nothing.
            return FaultKind.ACCESS_DENIED;
        }
        if (CREDENTIALS_EXPIRED.contains(code)) {
            return FaultKind.CREDENTIALS_EXPIRED;
        }
        if (CLOCK_SKEW.contains(code)) {
            return FaultKind.CLOCK_SKEW;
        }
        if (CREDENTIALS_INVALID.contains(code)) {
            return FaultKind.CREDENTIALS_REFUSED;
        }
        if (QUEUE_MISSING.contains(code) || answer instanceof QueueDoesNotExistException) {
            return FaultKind.QUEUE_MISSING;
        }
        if (RECEIPT_HANDLE_STALE.contains(code)) {
            return FaultKind.RECEIPT_HANDLE_STALE;
        }
        return null;
    }

    /**
     * The kind a credential code names on its own: AWS's codes for refused credentials, and the codes of the
     * credential states a sign-in ends ({@link CredentialMessages#code}); null for any other code. A role that
     * cannot be assumed, a clock that is off or a missing region are not ended by signing in again, so not here.
     */
    static FaultKind credentialKind(String code) {
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
}
