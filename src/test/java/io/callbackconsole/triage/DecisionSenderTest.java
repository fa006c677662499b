package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;

/** The protocol's send step always comes back with an outcome, whatever the call below it does. */
class DecisionSenderTest {
    private static final ConnectionId CONNECTION = ConnectionId.aws("012345678901", "us-east-2", null, "default");
    private static final Submission FAIL = Submission.fail(CallbackToken.of("26vcYbeWsZ"), PipelineExecutionArn.of(
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/7pinimwddh3a"), FailureReason.of("bad"),
            new Operator("alice"), CONNECTION, Instant.EPOCH);

    /** Answers what the gateway asks of a client besides the calls (its configuration); never called. */
    private static final SageMakerClient CONFIGURED = SageMakerClient.builder().region(Region.US_EAST_2)
            .credentialsProvider(AnonymousCredentialsProvider.create()).build();

    @AfterAll
    static void closeClient() {
        CONFIGURED.close();
    }

    /** A SageMaker client whose every send call throws what {@code failure} gives. */
    private static DecisionSender senderWhoseCallsThrow(Supplier<RuntimeException> failure) {
        SageMakerClient client = (SageMakerClient) Proxy.newProxyInstance(SageMakerClient.class.getClassLoader(),
                new Class<?>[] {SageMakerClient.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("send")) {
                        throw failure.get();
                    }
                    return method.invoke(CONFIGURED, args);
                });
        return new DecisionSender(new SageMakerCallbackGateway(client, new AwsErrorExplainer()), CONNECTION);
    }

    @Test
    void theConsoleFailingMidCallIsAnUnknownOutcomeNotAnException() {
        DecisionSender sender = senderWhoseCallsThrow(() -> new IllegalStateException("connection pool shut down"));

        Outcome outcome = sender.send(new Decision.FailStep(FAIL.reason()), FAIL);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
            assertThat(unknown.errorCode()).isEqualTo("ConsoleError");
            assertThat(unknown.errorMessage()).contains("connection pool shut down");
        });
    }

    @Test
    void aRepeatThatSageMakerDoesNotKnowSaysWhichConnectionAnswered() {
        // A token is unknown to every account and region but its own: the record names the one that was asked.
        DecisionSender sender = senderWhoseCallsThrow(() -> ResourceNotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ResourceNotFound")
                        .errorMessage("Callback token 26vcYbeWsZ not found").build())
                .statusCode(400).requestId("r-1").build());

        Outcome outcome = sender.repeat(new UnsettledDecisions.Unsettled(FAIL, null));

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.errorCode()).isEqualTo("ResourceNotFound");
            assertThat(refused.explanation()).startsWith("Answered by " + CONNECTION.describe() + ": ");
        });
    }

    @Test
    void aDismissalIsNeverSentNorTakenForAnswered() {
        // Were SageMaker called, the outcome would be a ConsoleError; were it made up, an ACCEPTED no delete proved.
        DecisionSender sender = senderWhoseCallsThrow(() -> new IllegalStateException("a dismissal calls SageMaker"));
        Submission dismissal = Submission.dismiss(FAIL.token(), FAIL.executionArn(), FailureReason.of("gone"),
                FAIL.operator(), CONNECTION, Instant.EPOCH);

        assertThatThrownBy(() -> sender.repeat(new UnsettledDecisions.Unsettled(dismissal, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not sent to SageMaker");
    }
}
