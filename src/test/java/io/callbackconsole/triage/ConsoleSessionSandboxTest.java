package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.QueueCounts;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The whole path through the real SDK clients: poll the sandbox's ElasticMQ, submit to the simulator, journal. */
class ConsoleSessionSandboxTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    ConsoleSession session;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        session = sandboxSession.startedSession();
    }

    PendingSnapshot awaitSnapshot(Predicate<PendingSnapshot> condition) throws InterruptedException {
        return sandboxSession.awaitSnapshot(condition);
    }

    /** A SageMaker client of another party, straight to the simulator. */
    SageMakerClient sageMakerClient() {
        return SageMakerClient.builder().endpointOverride(sandbox.sageMakerEndpoint())
                .region(software.amazon.awssdk.regions.Region.of(sandbox.region()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("sandbox", "sandbox")))
                .build();
    }

    int messagesOnQueue(String queueUrl) {
        return QueueCounts.messagesOn(sandbox.sqs(), queueUrl);
    }

    @Test
    void pollSubmitAndRecordTheArnTheSimulatorReturned() throws Exception {
        PendingSnapshot snapshot = awaitSnapshot(s -> s.pending().size() == 3);
        assertThat(snapshot.pollState().phase()).isEqualTo(PollState.Phase.POLLING);
        PendingCallback target = snapshot.pending().get(0);

        SubmissionResult result = session.decisions()
                .submitFailure(target.token(), FailureReason.of("Data drift above threshold"));

        assertThat(result.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        Outcome.Accepted accepted = (Outcome.Accepted) result.outcome();
        assertThat(accepted.returnedExecutionArn()).isEqualTo(target.executionArn().value());
        assertThat(accepted.requestId()).isNotBlank();

        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).requestBody()).contains(target.token().value()).contains("Data drift above threshold")
                .contains(result.submission().requestToken().value());

        List<HistoryEntry> history = session.history().recent(10);
        assertThat(history).hasSize(1);
        assertThat(history.get(0).submission().token()).isEqualTo(target.token());
        assertThat(history.get(0).outcome()).isEqualTo(accepted);

        assertThat(sandboxSession.latest().pending()).extracting(PendingCallback::token).doesNotContain(target.token());
        assertThat(messagesOnQueue(target.queueUrl()))
                .as("the answered token's message is deleted; the others stay held")
                .isEqualTo((int) snapshot.pending().stream().filter(p -> p.queueUrl().equals(target.queueUrl())).count() - 1);

        try (SageMakerClient sageMaker = sageMakerClient()) {
            var execution = sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(target.executionArn().value()));
            assertThat(execution.pipelineExecutionStatusAsString()).isEqualTo("Failed");
            assertThat(execution.failureReason()).contains("Data drift above threshold");
        }
    }

    @Test
    void aRefusalKeepsTheRowAndIsOnRecord() throws Exception {
        PendingCallback target = awaitSnapshot(s -> s.pending().size() == 3).pending().get(0);
        // Someone else answers the token first, with another request token: ours is then a conflict.
        try (SageMakerClient other = sageMakerClient()) {
            other.sendPipelineExecutionStepFailure(b -> b.callbackToken(target.token().value())
                    .failureReason("answered elsewhere").clientRequestToken("other-console-0000000000000000000001"));
        }

        SubmissionResult result = session.decisions().submitFailure(target.token(), FailureReason.of("too late"));

        assertThat(result.status()).isEqualTo(SubmissionResult.Status.REFUSED);
        Outcome.Refused refused = (Outcome.Refused) result.outcome();
        assertThat(refused.errorCode()).isEqualTo("ConflictException");
        assertThat(refused.requestId()).isNotBlank();
        assertThat(result.detail()).isInstanceOf(ResultDetail.Refused.class);
        assertThat(sandboxSession.latest().pending()).extracting(PendingCallback::token).contains(target.token());
        assertThat(session.history().recent(10)).singleElement()
                .satisfies(entry -> assertThat(entry.outcome()).isEqualTo(refused));
        assertThat(messagesOnQueue(target.queueUrl())).as("nothing deleted on a refusal").isPositive();
    }

    @Test
    void messagesThatAreNotCallbacksAreQuarantinedAndKept() throws Exception {
        awaitSnapshot(s -> s.pending().size() == 3);
        String queueUrl = sandbox.queueUrls().get(0);
        Path fixtures = Path.of("src/test/resources/fixtures/messages");
        List<String> bad;
        try (var files = Files.list(fixtures)) {
            bad = files.filter(f -> f.getFileName().toString().startsWith("bad-")).sorted().toList().stream()
                    .map(f -> {
                        try {
                            return Files.readString(f);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        int before = messagesOnQueue(queueUrl);
        bad.forEach(body -> sandbox.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)));

        PendingSnapshot snapshot = awaitSnapshot(s -> s.quarantined().size() == bad.size());
        assertThat(snapshot.pending()).hasSize(3);
        assertThat(snapshot.quarantined()).allSatisfy(q -> assertThat(q.reason()).isNotBlank());
        assertThat(snapshot.quarantined()).extracting(q -> q.message().body()).containsExactlyInAnyOrderElementsOf(bad);
        assertThat(snapshot.pollState().phase()).isEqualTo(PollState.Phase.POLLING);
        assertThat(messagesOnQueue(queueUrl)).as("quarantined messages are never deleted").isEqualTo(before + bad.size());
    }

    @Test
    void aTokenNoLongerPendingIsNotSent() throws Exception {
        awaitSnapshot(s -> s.pending().size() == 3);
        SubmissionResult result = session.decisions()
                .submitFailure(CallbackToken.of("Zz9Yy8Xx7W"), FailureReason.of("x"));
        assertThat(result.status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).isEmpty();
        assertThat(session.history().recent(10)).isEmpty();
    }
}
