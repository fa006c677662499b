package io.callbackconsole.aws;

import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

/**
 * One failure for every way {@link AwsErrorExplainer} explains one (each branch, and each variant of its sentence:
 * with and without the service's message, the IAM action, the SDK's time-out figures), so that its explanations can
 * be compared byte for byte.
 */
final class FaultSamples {
    private FaultSamples() {
    }

    static AwsServiceException sageMaker(String code, String message, int status) {
        return SageMakerException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message)
                        .serviceName("SageMaker").build())
                .statusCode(status).requestId("req-" + code).message(message).build();
    }

    static Map<String, Throwable> all() {
        Map<String, Throwable> all = new LinkedHashMap<>();
        all.put("null", null);
        all.put("serverError", sageMaker("InternalFailure", "An internal error occurred", 503));
        all.put("serverError.noCode", sageMaker(null, null, 504));
        all.put("noErrorCode", sageMaker(null, null, 403));
        all.put("resourceNotFound.token", sageMaker("ResourceNotFound", "Callback token 26vcYbeWsZ not found", 400));
        all.put("resourceNotFound.noMessage", sageMaker("ResourceNotFoundException", null, 400));
        all.put("resourceNotFound.other", sageMaker("ResourceNotFound", "Pipeline execution p/e does not exist", 400));
        all.put("conflict", sageMaker("ConflictException", "conflict", 400));
        all.put("conflict.noMessage", sageMaker("ConflictException", null, 400));
        all.put("quota", sageMaker("ResourceLimitExceeded", "limit", 400));
        all.put("invalid", sageMaker("ValidationException", "Value at 'failureReason' failed", 400));
        all.put("throttled", sageMaker("ThrottlingException", "Rate exceeded", 400));
        all.put("throttled.429", sageMaker("Whatever", "slow down", 429));
        all.put("accessDenied.action", sageMaker("AccessDeniedException", "User: arn:aws:sts::111122223333:"
                + "assumed-role/ops/me is not authorized to perform: sagemaker:SendPipelineExecutionStepFailure on "
                + "resource: arn:aws:sagemaker:...", 400));
        all.put("accessDenied.noAction", sageMaker("AccessDeniedException", "Access denied", 403));
        all.put("accessDenied.noMessage", sageMaker("Forbidden", null, 403));
        all.put("credentialsExpired", sageMaker("ExpiredToken", "The security token is expired", 400));
        all.put("clockSkew", sageMaker("RequestExpired", "Request has expired", 400));
        all.put("credentialsInvalid", sageMaker("InvalidClientTokenId", "The token is invalid", 403));
        all.put("queueMissing", QueueDoesNotExistException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue")
                        .errorMessage("The specified queue does not exist.").build())
                .statusCode(400).requestId("q-1").build());
        all.put("receiptHandleStale", sageMaker("ReceiptHandleIsInvalid", "bad", 400));
        all.put("unknownCode", sageMaker("SomethingOdd", "odd thing", 400));
        all.put("unknownCode.noMessage", sageMaker("SomethingOdd", null, 400));
        all.put("credentialProblem", new CredentialProblem(CredentialState.SSO_EXPIRED, "ops", null));
        all.put("ssoPortal", SdkClientException.create("Unable to load credentials",
                UnauthorizedException.builder().message("Session token not found or invalid").statusCode(401).build()));
        all.put("ssoNotSignedIn", SdkClientException.create("Unable to load SSO token from the cache"));
        all.put("ssoExpired", SdkClientException.create("The SSO session associated with this profile has expired"));
        all.put("credentialsMissing", SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain"));
        all.put("regionMissing", SdkClientException.create("Unable to load region from any of the providers"));
        all.put("timeout.call", ApiCallTimeoutException.create(35_000));
        all.put("timeout.sdkFigures", SdkClientException.create("wrapped", ApiCallTimeoutException.builder()
                .message("Client execution did not complete before the specified timeout configuration: 2000 millis "
                        + "(SDK Attempt Count: 2)").build()));
        all.put("timeout.sdkFigures.oneAttempt", SdkClientException.create("wrapped", ApiCallTimeoutException.builder()
                .message("Client execution did not complete before the specified timeout configuration: 2000 millis "
                        + "(SDK Attempt Count: 1)").build()));
        all.put("timeout.attempt", ApiCallAttemptTimeoutException.create(1500));
        all.put("timeout.socket", SdkClientException.create("Unable to execute HTTP request",
                new SocketTimeoutException("Read timed out")));
        all.put("unreadableAnswer", SdkClientException.create("Unable to unmarshall response (Unexpected "
                + "end-of-input). Response Code: 200, Response Text: OK"));
        all.put("hostNotFound", SdkClientException.create("Received an UnknownHostException",
                new UnknownHostException("sagemaker.mars-1.amazonaws.com")));
        all.put("hostNotFound.noName", SdkClientException.create("Received an UnknownHostException",
                new UnknownHostException()));
        all.put("connectFailed", SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")));
        all.put("connectFailed.noMessage", new NoRouteToHostException());
        all.put("tlsFailed", SdkClientException.create("Unable to execute HTTP request",
                new SSLHandshakeException("PKIX path building failed")));
        all.put("connectionLost", SdkClientException.create("Unable to execute HTTP request",
                new SocketException("Connection reset")));
        all.put("connectionLost.cut", SdkClientException.create("Unable to execute HTTP request",
                new org.apache.http.ConnectionClosedException("Premature end of Content-Length delimited message")));
        all.put("interrupted", AbortedException.create("Thread was interrupted"));
        all.put("clientError", new IllegalStateException("boom", new IOException("disk")));
        all.put("clientError.noMessage", new IllegalStateException());
        all.put("redacted", SdkClientException.create("failed for AKIAIOSFODNN7EXAMPLE with "
                + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        return all;
    }
}
