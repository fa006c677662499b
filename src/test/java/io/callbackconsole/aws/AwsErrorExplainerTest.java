package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;

class AwsErrorExplainerTest {
    private final AwsErrorExplainer explainer = new AwsErrorExplainer("ops");

    private static AwsServiceException sageMaker(String code, String message, int status) {
        return SageMakerException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("SageMaker").build())
                .statusCode(status).requestId("req-" + code).message(message).build();
    }

    @Test
    void resourceNotFoundForATokenSaysDismissTheRow() {
        OperatorError e = explainer.explain(ResourceNotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFound")
                        .errorMessage("Callback token 26vcYbeWsZ not found").build())
                .statusCode(400).requestId("r-1").build());
        assertThat(e.code()).isEqualTo("ResourceNotFound");
        assertThat(e.serviceMessage()).isEqualTo("Callback token 26vcYbeWsZ not found");
        assertThat(e.requestId()).isEqualTo("r-1");
        assertThat(e.answered()).isTrue();
        assertThat(e.explanation()).startsWith("SageMaker does not know this callback token").contains("dismiss the row");
    }

    @Test
    void resourceNotFoundForAnotherResourceDoesNotTalkAboutTokens() {
        OperatorError e = explainer.explain(sageMaker("ResourceNotFound", "Pipeline execution p/e does not exist", 400));
        assertThat(e.explanation()).doesNotContain("callback token").contains("Pipeline execution p/e does not exist");
    }

    @Test
    void conflictSaysRefreshAndSubmitAgain() {
        OperatorError e = explainer.explain(sageMaker("ConflictException", "conflict", 400));
        assertThat(e.code()).isEqualTo("ConflictException");
        assertThat(e.answered()).isTrue();
        assertThat(e.explanation()).contains("conflicts").contains("Refresh");
    }

    @Test
    void resourceLimitExceededNamesTheQuota() {
        OperatorError e = explainer.explain(sageMaker("ResourceLimitExceeded", "limit", 400));
        assertThat(e.explanation()).contains("quota");
        assertThat(e.answered()).isTrue();
    }

    @Test
    void validationErrorRepeatsTheServiceMessage() {
        OperatorError e = explainer.explain(sageMaker("ValidationException",
                "1 validation error detected: Value at 'failureReason' failed to satisfy constraint", 400));
        assertThat(e.explanation()).contains("invalid").contains("failureReason");
        assertThat(e.answered()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingException", "ThrottledException", "TooManyRequestsException", "Throttling"})
    void throttlingAfterRetriesSaysWaitAndSendFewer(String code) {
        OperatorError e = explainer.explain(sageMaker(code, "Rate exceeded", 400));
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.answered()).isTrue();
        assertThat(e.explanation()).contains("throttling").contains("fewer");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 403, 404, 429})
    void a4xxWithoutAnAwsErrorCodeIsNotAwsRefusingAndStaysOpen(int status) {
        // A proxy's or gateway's own page: AWS did not say it refused.
        OperatorError e = explainer.explain(sageMaker(null, null, status));
        assertThat(e.code()).isEqualTo("UnreadableAnswer");
        assertThat(e.serviceMessage()).contains("HTTP " + status);
        assertThat(e.answered()).isFalse();
        assertThat(e.explanation()).contains("unknown").contains("client request token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessDenied", "AccessDeniedException", "UnauthorizedOperation"})
    void accessDeniedNamesTheMissingAction(String code) {
        OperatorError e = explainer.explain(sageMaker(code, "User: arn:aws:sts::111122223333:assumed-role/ops/me is not "
                + "authorized to perform: sagemaker:SendPipelineExecutionStepFailure on resource: arn:aws:sagemaker:...", 400));
        assertThat(e.explanation())
                .contains("not allowed to call sagemaker:SendPipelineExecutionStepFailure")
                .contains("administrator");
    }

    @Test
    void accessDeniedWithoutActionAsksForThePermission() {
        OperatorError e = explainer.explain(sageMaker("AccessDeniedException", "Access denied", 403));
        assertThat(e.explanation()).contains("not allowed").contains("Access denied");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ExpiredToken", "ExpiredTokenException"})
    void expiredSessionCredentialsSayHowToRefreshWithTheProfile(String code) {
        OperatorError e = explainer.explain(sageMaker(code, "The security token included in the request is expired", 400));
        assertThat(e.explanation()).contains("expired").contains("aws sso login --profile ops");
        assertThat(e.answered()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidClientTokenId", "UnrecognizedClientException"})
    void rejectedCredentialsSayFixTheProfile(String code) {
        OperatorError e = explainer.explain(sageMaker(code, "The security token included in the request is invalid", 403));
        assertThat(e.explanation()).contains("does not accept the credentials");
    }

    @Test
    void clockSkewSaysFixTheClock() {
        OperatorError e = explainer.explain(sageMaker("RequestExpired", "Request has expired", 400));
        assertThat(e.explanation()).contains("clock");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void aServerErrorMayComeAfterTheWorkSoItStaysOpen(int status) {
        OperatorError e = explainer.explain(sageMaker("InternalFailure", "An internal error occurred", status),
                CallDeadline.of(Duration.ofSeconds(10), 3));
        assertThat(e.code()).isEqualTo("ServerError");
        assertThat(e.serviceMessage()).contains("InternalFailure").contains("HTTP " + status)
                .contains("An internal error occurred");
        assertThat(e.requestId()).isEqualTo("req-InternalFailure");
        assertThat(e.answered()).isFalse();
        assertThat(e.explanation()).contains("after 3 attempts").contains("unknown").contains("run recover");
    }

    /** A poll that fails says what failed; "whether it took effect" and "run recover" are for decisions. */
    @Test
    void aReadThatGetsNoClearAnswerIsExplainedWithoutWhatADecisionWouldNeed() {
        List<Throwable> failures = List.of(sageMaker("InternalFailure", "An internal error occurred", 504),
                sageMaker(null, null, 502), sageMaker("SomethingOdd", "odd thing", 400),
                SdkClientException.create("wrapped", ApiCallTimeoutException.builder().message("took too long").build()),
                SdkClientException.create("Unable to execute HTTP request", new java.net.SocketException("Connection reset")),
                SdkClientException.create("Unable to unmarshall response (Unexpected character)"),
                SdkClientException.create("something local"));
        for (Throwable failure : failures) {
            OperatorError write = explainer.explain(failure);
            OperatorError read = explainer.explainRead(failure);
            assertThat(write.explanation()).as("a decision's explanation, for contrast").containsIgnoringCase("took effect");
            assertThat(read.explanation()).as(failure.toString()).doesNotContainIgnoringCase("took effect")
                    .doesNotContain("client request token").doesNotContain("recover").isNotBlank();
            assertThat(read.code()).isEqualTo(write.code());
            assertThat(read.answered()).isFalse();
        }
        assertThat(explainer.explainRead(sageMaker("InternalFailure", "x", 504)).explanation())
                .isEqualTo("AWS, or a gateway on the way to it, answered with a server error (InternalFailure, HTTP"
                        + " 504) after the console's retries.");
    }

    @Test
    void aServerErrorWithoutAnAwsCodeIsAServerErrorToo() {
        OperatorError e = explainer.explain(sageMaker(null, null, 504));
        assertThat(e.code()).isEqualTo("ServerError");
        assertThat(e.serviceMessage()).isEqualTo("HTTP 504");
        assertThat(e.answered()).isFalse();
    }

    @Test
    void anAwsErrorCodeThisConsoleDoesNotKnowStaysOpen() {
        OperatorError e = explainer.explain(sageMaker("SomethingOdd", "odd thing", 400));
        assertThat(e.code()).isEqualTo("SomethingOdd");
        assertThat(e.answered()).isFalse();
        assertThat(e.explanation()).contains("SomethingOdd").contains("odd thing").contains("unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SerializationException", "UnknownOperationException", "InvalidParameterValue"})
    void malformedRequestsAreRefusedAsInvalid(String code) {
        OperatorError e = explainer.explain(sageMaker(code, "bad", 400));
        assertThat(e.answered()).isTrue();
        assertThat(e.explanation()).contains("invalid");
    }

    @Test
    void aBodyThatCannotBeParsedIsAnUnreadableAnswer() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to unmarshall response (Unexpected "
                + "end-of-input). Response Code: 200, Response Text: OK"));
        assertThat(e.code()).isEqualTo("UnreadableAnswer");
        assertThat(e.answered()).isFalse();
    }

    @Test
    void aConnectionClosedMidAnswerIsConnectionLost() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to execute HTTP request",
                new org.apache.http.ConnectionClosedException("Premature end of Content-Length delimited message body")));
        assertThat(e.code()).isEqualTo("ConnectionLost");
        assertThat(e.answered()).isFalse();
    }

    @Test
    void aTimeOutWithoutAKnownDeadlineNamesTheSdksFigures() {
        assertThat(explainer.explain(SdkClientException.create("wrapped", ApiCallTimeoutException.builder()
                .message("Client execution did not complete before the specified timeout configuration: 2000 millis "
                        + "(SDK Attempt Count: 2)").build())).explanation())
                .contains("No answer came from AWS within 2 s in all, 2 attempts");
        assertThat(explainer.explain(ApiCallAttemptTimeoutException.create(1500)).explanation())
                .contains("within 1.5 s per attempt,").doesNotContain("attempts");
    }

    @Test
    void aTimeOutNamesTheDeadlineItHad() {
        OperatorError e = explainer.explain(ApiCallTimeoutException.create(35_000),
                CallDeadline.of(Duration.ofSeconds(10), 3));
        assertThat(e.explanation()).contains("no answer came from AWS within 10 s, 3 attempts (35 s in all)".substring(1));
    }

    @Test
    void missingQueueSaysCheckUrlAndRegion() {
        OperatorError e = explainer.explain(QueueDoesNotExistException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AWS.SimpleQueueService.NonExistentQueue")
                        .errorMessage("The specified queue does not exist.").build())
                .statusCode(400).requestId("q-1").build());
        assertThat(e.code()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(e.explanation()).contains("no such queue").contains("region");
    }

    @Test
    void staleReceiptHandleSaysTheMessageComesBack() {
        OperatorError e = explainer.explain(SqsException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ReceiptHandleIsInvalid").errorMessage("bad").build())
                .statusCode(400).build());
        assertThat(e.explanation()).contains("receipt handle").contains("later poll");
    }

    @Test
    void serviceErrorWrappedInAClientErrorIsStillExplainedAsService() {
        OperatorError e = explainer.explain(SdkClientException.create("wrapper",
                sageMaker("ConflictException", "conflict", 400)));
        assertThat(e.code()).isEqualTo("ConflictException");
    }

    @Test
    void missingCredentialsNeverLeaveTheMachine() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain AwsCredentialsProviderChain(...)"));
        assertThat(e.code()).isEqualTo("CredentialsMissing");
        assertThat(e.answered()).isTrue();
        assertThat(e.explanation()).contains("aws configure");
    }

    @Test
    void expiredSsoSessionSaysRunSsoLoginForTheProfile() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to load credentials from any of the "
                + "providers: The SSO session associated with this profile has expired or is otherwise invalid. To "
                + "refresh this SSO session run aws sso login with the corresponding profile."));
        assertThat(e.code()).isEqualTo("CredentialsExpired");
        assertThat(e.explanation()).contains("Run callback-console login --profile ops (or aws sso login --profile ops)");
    }

    @Test
    void ssoPortalRefusalIsAnExpiredSession() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to load credentials",
                UnauthorizedException.builder().message("Session token not found or invalid").statusCode(401).build()));
        assertThat(e.code()).isEqualTo("CredentialsExpired");
    }

    @Test
    void withoutAProfileTheLoginAdviceIsGeneric() {
        OperatorError e = new AwsErrorExplainer().explain(sageMaker("ExpiredToken", "expired", 400));
        assertThat(e.explanation()).contains("aws sso login --profile <your profile>");
    }

    @Test
    void missingRegionSaysChooseOne() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to load region from any of the providers"));
        assertThat(e.code()).isEqualTo("RegionMissing");
    }

    @Test
    void unknownHostIsUnreachableAndUnanswered() {
        OperatorError e = explainer.explain(SdkClientException.create("Received an UnknownHostException",
                new UnknownHostException("sagemaker.mars-1.amazonaws.com")));
        assertThat(e.code()).isEqualTo("EndpointUnreachable");
        assertThat(e.answered()).isFalse();
        assertThat(e.requestId()).isNull();
        assertThat(e.explanation()).contains("sagemaker.mars-1.amazonaws.com").contains("VPN");
    }

    @Test
    void refusedConnectionIsUnreachable() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")));
        assertThat(e.code()).isEqualTo("EndpointUnreachable");
        assertThat(e.answered()).isFalse();
        assertThat(e.explanation()).contains("Connection refused");
    }

    @Test
    void timeoutsAreUnanswered() {
        assertThat(explainer.explain(ApiCallTimeoutException.create(1000)).code()).isEqualTo("Timeout");
        assertThat(explainer.explain(ApiCallAttemptTimeoutException.create(1000)).answered()).isFalse();
        OperatorError socket = explainer.explain(SdkClientException.create("Unable to execute HTTP request",
                new SocketTimeoutException("Read timed out")));
        assertThat(socket.code()).isEqualTo("Timeout");
        assertThat(socket.answered()).isFalse();
        assertThat(socket.explanation()).contains("unknown").contains("same request").contains("client request token");
    }

    @Test
    void brokenConnectionIsConnectionLost() {
        OperatorError e = explainer.explain(SdkClientException.create("Unable to execute HTTP request",
                new SocketException("Connection reset")));
        assertThat(e.code()).isEqualTo("ConnectionLost");
        assertThat(e.answered()).isFalse();
    }

    @Test
    void abortedIsInterrupted() {
        assertThat(explainer.explain(AbortedException.create("Thread was interrupted")).code()).isEqualTo("Interrupted");
    }

    @Test
    void anythingElseIsAnUnansweredClientError() {
        OperatorError e = explainer.explain(new IllegalStateException("boom", new IOException("disk")));
        assertThat(e.code()).isEqualTo("ClientError");
        assertThat(e.answered()).isFalse();
        assertThat(e.explanation()).contains("disk");
    }

    @Test
    void nullIsExplainedNotThrown() {
        assertThat(explainer.explain(null).code()).isEqualTo("UnexpectedError");
    }

    @Test
    void keysInMessagesAreRedacted() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        OperatorError e = explainer.explain(SdkClientException.create("failed for AKIAIOSFODNN7EXAMPLE with " + secret));
        assertThat(e.serviceMessage()).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain(secret);
        assertThat(e.explanation()).doesNotContain("AKIAIOSFODNN7EXAMPLE").doesNotContain(secret);
        OperatorError service = explainer.explain(sageMaker("ValidationException", "bad key AKIAIOSFODNN7EXAMPLE", 400));
        assertThat(service.serviceMessage()).doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(service.explanation()).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }
}
