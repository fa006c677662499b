package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialState;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

/**
 * Issue 21: a bulk run stops at the first outcome whose code says the session is over. The run has only the recorded
 * code, so the look-up by code must agree with the kind the explainer gave that code when the call failed.
 */
class SignedOutCodesTest {
    private static final AwsErrorExplainer EXPLAINER = new AwsErrorExplainer("ops");
    /** The credential states that signing in (again) ends; the others need another fix first. */
    private static final Set<CredentialState> ENDED_BY_SIGNING_IN = EnumSet.of(CredentialState.NO_CREDENTIALS,
            CredentialState.SSO_NOT_SIGNED_IN, CredentialState.SSO_EXPIRED, CredentialState.MFA_REQUIRED,
            CredentialState.MFA_CODE_REFUSED);

    @ParameterizedTest
    @ValueSource(strings = {"ExpiredTokenException", "ExpiredToken", "TokenRefreshRequired", "InvalidClientTokenId",
            "UnrecognizedClientException", "SignatureDoesNotMatch"})
    void awsRefusingTheCredentialsMeansSignedOutAndSoDoesItsKind(String code) {
        OperatorError error = EXPLAINER.explain(SageMakerException.builder().awsErrorDetails(AwsErrorDetails.builder()
                .errorCode(code).errorMessage("refused").build()).statusCode(400).build());

        assertThat(error.kind().meansSignedOut()).as("%s is %s", code, error.kind()).isTrue();
        assertThat(AwsErrorExplainer.meansSignedOut(error.code())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingException", "ValidationException", "ConflictException", "ResourceNotFound",
            "AccessDeniedException", "RequestExpired", "InternalFailure", "Timeout", "ConnectionLost", "CircuitOpen"})
    void otherCodesDoNotStopTheRunAsSignedOut(String code) {
        assertThat(AwsErrorExplainer.meansSignedOut(code)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CredentialState.class)
    void aCredentialStateMeansSignedOutWhenSigningInEndsIt(CredentialState state) {
        OperatorError error = EXPLAINER.explainCredentials(new CredentialProblem(state, "ops", null));

        assertThat(AwsErrorExplainer.meansSignedOut(error.code())).as("%s (%s)", state, error.code())
                .isEqualTo(ENDED_BY_SIGNING_IN.contains(state));
    }

    @ParameterizedTest
    @EnumSource(FaultKind.class)
    void onlyTheKindsOfCredentialsThatRanOutOrWereRefusedMeanSignedOut(FaultKind kind) {
        assertThat(kind.meansSignedOut()).isEqualTo(EnumSet.of(FaultKind.CREDENTIALS_EXPIRED,
                FaultKind.CREDENTIALS_REFUSED, FaultKind.SSO_SESSION_EXPIRED, FaultKind.CREDENTIALS_MISSING,
                FaultKind.SIGN_IN_NEEDED).contains(kind));
    }
}
