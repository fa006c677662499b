package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.CallbackStepState;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.OutputType;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.FaultProxy;
import io.callbackconsole.testing.FaultProxy.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Answers that are not clearly answers, made by a real misbehaving proxy between the SDK client (as the factory builds
 * it) and the SageMaker simulator: the outcome must say what SageMaker really did, or that it is unknown.
 */
class SageMakerCallbackGatewayFaultProxyTest {
    private static final int ATTEMPTS = 3;
    private static final CallDeadline SHORT = CallDeadline.of(Duration.ofSeconds(1), ATTEMPTS);
    private static final ClientTuning TUNING = new ClientTuning(Duration.ofSeconds(1), SHORT, SHORT, SHORT,
            Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5));

    static Sandbox sandbox;
    static AwsClientFactory direct;
    static SageMakerClient directClient;
    static SageMakerPipelineReader reader;

    FaultProxy proxy;
    AwsClientFactory factory;
    SageMakerClient client;
    SageMakerCallbackGateway gateway;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        direct = AwsClientFactory.create(new ConnectionSettings(true, null, sandbox.region(), List.of(), null,
                sandbox.sageMakerEndpoint(), null));
        directClient = direct.sageMaker();
        reader = new SageMakerPipelineReader(directClient);
    }

    @AfterAll
    static void stopSandbox() {
        directClient.close();
        direct.close();
        sandbox.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(sandbox.sageMakerEndpoint());
        factory = AwsClientFactory.create(new ConnectionSettings(true, null, sandbox.region(), List.of(), null,
                proxy.endpoint(), null), TUNING);
        client = factory.sageMaker();
        gateway = new SageMakerCallbackGateway(client, new AwsErrorExplainer());
    }

    @AfterEach
    void stopProxy() {
        client.close();
        factory.close();
        proxy.close();
    }

    private record Waiting(String executionArn, String token) {
        Submission failure() {
            return Submission.fail(CallbackToken.of(token), PipelineExecutionArn.of(executionArn),
                    FailureReason.of("Rejected by the reviewer"), new Operator("alice"), ConnectionId.sandbox(), Instant.now());
        }
    }

    private static Waiting waitingStep() {
        String arn = sandbox.simulator().startExecution("manual-approval", Map.of());
        return new Waiting(arn, sandbox.simulator().callbackToken(arn, "ManualReview"));
    }

    private static String stepStatus(Waiting waiting) {
        return reader.callbackSteps(PipelineExecutionArn.of(waiting.executionArn())).stream()
                .filter(s -> s.stepName().equals("ManualReview")).map(CallbackStepState::status)
                .findFirst().orElseThrow();
    }

    private static List<RecordedCall> failuresOf(Waiting waiting) {
        return sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").stream()
                .filter(call -> call.requestBody().contains(waiting.token())).toList();
    }

    @Test
    void aGatewayTimeoutPageAfterTheCallWasAppliedIsUnknownNotRefused() {
        Waiting waiting = waitingStep();
        proxy.always(Fault.APPLY_THEN_GATEWAY_TIMEOUT);
        Submission failure = waiting.failure();

        Outcome outcome = gateway.sendFailure(failure);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
            assertThat(unknown.errorCode()).isEqualTo("ServerError");
            assertThat(unknown.errorMessage()).contains("HTTP 504");
            assertThat(unknown.explanation()).contains("unknown");
        });
        assertThat(stepStatus(waiting)).as("SageMaker applied it all the same").isEqualTo("Failed");
        // The SDK retried the 5xx with the same request token; SageMaker applied it once and repeated its answer.
        assertThat(failuresOf(waiting)).hasSize(ATTEMPTS).allSatisfy(call -> {
            assertThat(call.requestBody()).contains(failure.requestToken().value());
            assertThat(call.httpStatus()).isEqualTo(200);
        });
    }

    @Test
    void aGatewayTimeoutFollowedByTheRealAnswerOnTheRetryIsAccepted() {
        Waiting waiting = waitingStep();
        proxy.next(Fault.APPLY_THEN_GATEWAY_TIMEOUT);

        Outcome outcome = gateway.sendFailure(waiting.failure());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class,
                accepted -> assertThat(accepted.returnedExecutionArn()).isEqualTo(waiting.executionArn()));
        assertThat(failuresOf(waiting)).hasSize(2);
    }

    @Test
    void anEmptySuccessIsUnknownAndTheStepStillWaits() {
        Waiting waiting = waitingStep();
        proxy.always(Fault.EMPTY_SUCCESS);

        Outcome outcome = gateway.sendFailure(waiting.failure());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("AnswerWithoutArn"));
        assertThat(failuresOf(waiting)).isEmpty();
        assertThat(stepStatus(waiting)).isEqualTo("Executing");
    }

    @Test
    void anEmptySuccessToAnApprovalIsUnknownToo() {
        Waiting waiting = waitingStep();
        proxy.always(Fault.EMPTY_SUCCESS);
        Submission approval = Submission.approve(CallbackToken.of(waiting.token()),
                PipelineExecutionArn.of(waiting.executionArn()), FailureReason.of("Approved"), new Operator("alice"),
                ConnectionId.sandbox(), Instant.now());
        OutputParameters outputs = OutputParameters.fromDeclared(List.of(
                new DeclaredOutput("approved", OutputType.BOOLEAN)), Map.of("approved", "true"));

        Outcome outcome = gateway.sendSuccess(approval, outputs);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("AnswerWithoutArn"));
        assertThat(stepStatus(waiting)).isEqualTo("Executing");
    }

    @Test
    void anotherExecutionsArnIsAcceptedAsReturnedAndMismatched() {
        Waiting waiting = waitingStep();
        String other = sandbox.simulator().startExecution("manual-approval", Map.of());
        proxy.always(Fault.APPLY_THEN_OTHER_EXECUTION).otherExecutionArn(other);
        Submission failure = waiting.failure();

        Outcome outcome = gateway.sendFailure(failure);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> {
            assertThat(accepted.returnedExecutionArn()).isEqualTo(other);
            assertThat(SageMakerCallbackGateway.mismatched(failure, accepted)).isTrue();
        });
        assertThat(stepStatus(waiting)).isEqualTo("Failed");
    }

    @Test
    void aTruncatedBodyIsUnknownAlthoughTheCallWasApplied() {
        Waiting waiting = waitingStep();
        proxy.always(Fault.APPLY_THEN_TRUNCATE);

        Outcome outcome = gateway.sendFailure(waiting.failure());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("UnreadableAnswer"));
        assertThat(stepStatus(waiting)).isEqualTo("Failed");
    }

    @Test
    void aConnectionCutMidAnswerIsUnknownAlthoughTheCallWasApplied() {
        Waiting waiting = waitingStep();
        proxy.always(Fault.APPLY_THEN_CUT);

        Outcome outcome = gateway.sendFailure(waiting.failure());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("ConnectionLost"));
        assertThat(stepStatus(waiting)).isEqualTo("Failed");
    }

    @Test
    void aHangingEndpointIsUnknownWithinTheDeadlineItNames() {
        Waiting waiting = waitingStep();
        proxy.always(Fault.HANG);

        long started = System.nanoTime();
        Outcome outcome = gateway.sendFailure(waiting.failure());
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
            assertThat(unknown.errorCode()).isEqualTo("Timeout");
            assertThat(unknown.explanation()).contains("within 1 s, 3 attempts (3.5 s in all)");
        });
        assertThat(elapsed).as("given up within the total deadline, plus scheduling slack")
                .isLessThan(SHORT.total().plusSeconds(2)).isGreaterThanOrEqualTo(SHORT.perAttempt());
        assertThat(stepStatus(waiting)).isEqualTo("Executing");
    }

    @Test
    void passingThroughIsAcceptedForTheSubmittedExecution() {
        Waiting waiting = waitingStep();
        Submission failure = waiting.failure();

        Outcome outcome = gateway.sendFailure(failure);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Accepted.class, accepted -> {
            assertThat(accepted.returnedExecutionArn()).isEqualTo(waiting.executionArn());
            assertThat(accepted.requestId()).isNotBlank();
            assertThat(SageMakerCallbackGateway.mismatched(failure, accepted)).isFalse();
        });
        assertThat(proxy.handled()).extracting(FaultProxy.Handled::fault).containsExactly(Fault.PASS_THROUGH);
    }
}
