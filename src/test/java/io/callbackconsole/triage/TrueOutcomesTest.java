package io.callbackconsole.triage;

import static io.callbackconsole.testing.TestPollerSettings.NO_SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.FaultProxy.Fault;
import io.callbackconsole.testing.FaultProxy;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the journal says is what SageMaker did, through the whole decision protocol with a misbehaving proxy in front
 * of the simulator (issue #13 §1 and §2): an answer that is not clearly an answer stays unsettled and its message
 * stays; another execution's ARN is kept as returned and the message is kept; recovery acts on its own connection.
 */
class TrueOutcomesTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final FailureReason REASON = FailureReason.of("true outcomes");

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession()
            .withSandbox(new SandboxOptions(0, 0, false)).withPoller(NO_SCHEDULE);

    Sandbox sandbox;
    Path dataDir;
    FaultProxy proxy;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        dataDir = sandboxSession.dataDir();
        proxy = FaultProxy.start(sandbox.sageMakerEndpoint());
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    ConsoleSession openThroughProxy() {
        return sandboxSession.open(sandboxSession.connectionVia(proxy.endpoint()), sandboxSession.historyFile());
    }

    PendingCallback waiting(ConsoleSession session) {
        return WaitingCallbacks.startOne(sandbox, session);
    }

    @Test
    void aGatewayTimeoutAfterTheCallWasAppliedIsUnknownKeepsTheMessageAndRecoverySettlesIt() {
        try (ConsoleSession session = openThroughProxy()) {
            session.decisions().retryUnknownOutcomes(Duration.ofMinutes(10), Duration.ofMinutes(10));
            PendingCallback target = waiting(session);
            proxy.always(FAILURE, Fault.APPLY_THEN_GATEWAY_TIMEOUT);

            SubmissionResult result = session.decisions().submitFailure(target.token(), REASON);

            assertThat(result.status()).as(result.toString()).isEqualTo(SubmissionResult.Status.UNKNOWN);
            assertThat(result.outcome()).isInstanceOf(Outcome.Unknown.class);
            assertThat(session.recovery().unsettledSubmissions()).extracting(s -> s.token())
                    .containsExactly(target.token());
            assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .contains(target.token());

            proxy.always(FAILURE, Fault.PASS_THROUGH);
            List<SubmissionRecovery.Recovered> recovered = session.recovery().recoverUnsettled();

            assertThat(recovered).singleElement().satisfies(r -> assertThat(r.outcome())
                    .isEqualTo(new Outcome.Accepted(target.executionArn().value(),
                            ((Outcome.Accepted) r.outcome()).requestId())));
            assertThat(session.recovery().unsettledSubmissions()).isEmpty();
            assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .doesNotContain(target.token());
        }
    }

    @Test
    void anEmptySuccessIsUnknownWithNoReturnedArnAndTheStepStillWaits() {
        try (ConsoleSession session = openThroughProxy()) {
            session.decisions().retryUnknownOutcomes(Duration.ofMinutes(10), Duration.ofMinutes(10));
            PendingCallback target = waiting(session);
            proxy.always(FAILURE, Fault.EMPTY_SUCCESS);

            SubmissionResult result = session.decisions().submitFailure(target.token(), REASON);

            assertThat(result.status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
            assertThat(((Outcome.Unknown) result.outcome()).errorCode()).isEqualTo("AnswerWithoutArn");
            assertThat(session.history().recent(10)).singleElement().satisfies(entry ->
                    assertThat(entry.outcome()).isInstanceOf(Outcome.Unknown.class));
            assertThat(sandbox.simulator().callsTo(FAILURE)).as("the proxy answered; the step still waits").isEmpty();
            assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .contains(target.token());
        }
    }

    @Test
    void anotherExecutionsArnIsRecordedAsReturnedAndTheMessageIsKept() {
        try (ConsoleSession session = openThroughProxy()) {
            PendingCallback target = waiting(session);
            String other = "arn:aws:sagemaker:" + sandbox.region() + ":000000000000:pipeline/other/execution/zzzz";
            proxy.otherExecutionArn(other).always(FAILURE, Fault.APPLY_THEN_OTHER_EXECUTION);

            SubmissionResult result = session.decisions().submitFailure(target.token(), REASON);

            assertThat(result.status()).isEqualTo(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION);
            assertThat(result.detail()).isInstanceOf(ResultDetail.AppliedToOtherExecution.class);
            assertThat(((Outcome.Accepted) result.outcome()).returnedExecutionArn()).isEqualTo(other);
            HistoryEntry entry = session.history().recent(10).get(0);
            assertThat(entry.submission().executionArn()).isEqualTo(target.executionArn());
            assertThat(((Outcome.Accepted) entry.outcome()).returnedExecutionArn()).isEqualTo(other);
            assertThat(session.recovery().unsettledSubmissions()).isEmpty();
            assertThat(session.pending().pollOnce().pending()).as("the message was not deleted")
                    .extracting(PendingCallback::token).contains(target.token());
        }
    }

    @Test
    void recoveryOnAnotherConnectionSendsNothingAndNamesTheConnectionToSettleOn() throws Exception {
        // Two AWS connections as far as the history knows (the endpoints differ), one history file.
        System.setProperty("aws.accessKeyId", "sandbox");
        System.setProperty("aws.secretAccessKey", "sandbox");
        Path history = dataDir.resolve("aws-history.db");
        CallbackToken token;
        try (Sandbox second = Sandbox.start(new SandboxOptions(0, 0, false))) {
            ConnectionSettings first = new ConnectionSettings(false, null, sandbox.region(), sandbox.queueUrls(),
                    sandbox.sqsEndpoint(), proxy.endpoint(), sandbox.stsEndpoint());
            try (ConsoleSession a = ConsoleSession.open(first, history, "test", NO_SCHEDULE)) {
                a.decisions().retryUnknownOutcomes(Duration.ofMinutes(10), Duration.ofMinutes(10));
                PendingCallback target = waiting(a);
                token = target.token();
                proxy.always(FAILURE, Fault.APPLY_THEN_GATEWAY_TIMEOUT);
                assertThat(a.decisions().submitFailure(token,
                        REASON).status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
            }
            ConnectionSettings other = new ConnectionSettings(false, null, second.region(), second.queueUrls(),
                    second.sqsEndpoint(), second.sageMakerEndpoint(), second.stsEndpoint());
            try (ConsoleSession b = ConsoleSession.open(other, history, "test", NO_SCHEDULE)) {
                assertThat(b.recovery().unsettledSubmissions()).isEmpty();
                assertThat(b.recovery().recoverUnsettled()).isEmpty();
                assertThat(b.recovery().unsettledElsewhere()).singleElement().satisfies(elsewhere -> {
                    assertThat(elsewhere.decisions()).isEqualTo(1);
                    assertThat(elsewhere.connection()).isNotEqualTo(b.connectionId());
                });
            }
            assertThat(second.simulator().callsTo(FAILURE)).as("nothing was sent to the other connection").isEmpty();

            proxy.always(FAILURE, Fault.PASS_THROUGH);
            try (ConsoleSession again = ConsoleSession.open(first, history, "test", NO_SCHEDULE)) {
                assertThat(again.recovery().unsettledSubmissions()).extracting(s -> s.token()).containsExactly(token);
                assertThat(again.recovery().recoverUnsettled()).singleElement()
                        .satisfies(r -> assertThat(r.outcome()).isInstanceOf(Outcome.Accepted.class));
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        try (HistoryStore store = HistoryStore.open(history, "test")) {
            assertThat(store.recentSubmissions(10)).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        }
    }
}
