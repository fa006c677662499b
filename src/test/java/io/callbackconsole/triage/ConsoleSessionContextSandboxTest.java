package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.QueueCounts;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Context, stale tokens, stops, approvals and discovery through the real SDK against the sandbox. */
class ConsoleSessionContextSandboxTest {
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

    static boolean allFound(PendingSnapshot s, int count) {
        return s.pending().size() == count && s.pending().stream()
                .allMatch(p -> s.contextOf(p.token()).lookup() == CallbackContext.Lookup.FOUND);
    }

    PendingCallback manualApproval(PendingSnapshot snapshot) {
        return snapshot.pending().stream().filter(p -> p.executionArn().pipelineName().equals("manual-approval"))
                .findFirst().orElseThrow();
    }

    int messagesOnQueue(String queueUrl) {
        return QueueCounts.messagesOn(sandbox.sqs(), queueUrl);
    }

    @Test
    void everyPendingTokenGetsItsExecutionStepAndParameters() throws Exception {
        PendingSnapshot snapshot = awaitSnapshot(s -> allFound(s, 3));
        PendingCallback target = manualApproval(snapshot);
        CallbackContext context = snapshot.contextOf(target.token());

        assertThat(context.stale()).isFalse();
        assertThat(context.execution().pipelineDisplayName()).isEqualTo("manual-approval");
        assertThat(context.execution().executionStatus()).isEqualTo("Executing");
        assertThat(context.execution().createdBy()).contains("sandbox-user");
        assertThat(context.execution().parameters()).extracting(p -> p.name()).containsExactly("InputData", "Threshold");
        assertThat(context.step().stepName()).isEqualTo("ManualReview");
        assertThat(context.step().status()).isEqualTo("Executing");
        assertThat(context.execution().declaredOutputsOf("ManualReview")).extracting(DeclaredOutput::name)
                .containsExactly("approved", "reviewer");
        // Cached: polling on does not describe the executions again within the time-to-live.
        int describes = sandbox.simulator().callsTo("DescribePipelineExecution").size();
        assertThat(describes).isEqualTo(3);
        awaitSnapshot(s -> s != snapshot && s.takenAt().isAfter(snapshot.takenAt().plusMillis(500)));
        assertThat(sandbox.simulator().callsTo("DescribePipelineExecution")).hasSize(describes);
        assertThat(sandbox.simulator().callsTo("DescribePipeline")).as("one per pipeline").hasSize(2);
    }

    @Test
    void aStepThatFinishedElsewhereIsStaleCannotBeSubmittedAndCanBeDismissed() throws Exception {
        PendingCallback target = manualApproval(awaitSnapshot(s -> allFound(s, 3)));
        sandbox.simulator().finishCallbackStep(target.token().value(), "Succeeded");
        session.pending().refresh();

        PendingSnapshot snapshot = awaitSnapshot(s -> s.contextOf(target.token()).stale());
        assertThat(snapshot.contextOf(target.token()).staleReason()).matches("step Succeeded at \\d\\d:\\d\\d");
        assertThat(snapshot.staleCount()).isEqualTo(1);

        SubmissionResult refused = session.decisions().submitFailure(target.token(), FailureReason.of("too late"));
        assertThat(refused.status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
        assertThat(refused.detail()).isInstanceOfSatisfying(ResultDetail.NoLongerAnswerable.class,
                d -> assertThat(d.staleReason()).contains("step Succeeded"));
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).isEmpty();

        int before = messagesOnQueue(target.queueUrl());
        SubmissionResult dismissed = session.decisions().dismiss(target.token(),
                snapshot.contextOf(target.token()).staleReason());

        assertThat(dismissed.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        assertThat(messagesOnQueue(target.queueUrl())).isEqualTo(before - 1);
        assertThat(sandboxSession.latest().pending()).extracting(PendingCallback::token).doesNotContain(target.token());
        assertThat(session.history().recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.submission().action()).isEqualTo(Action.DISMISS);
            assertThat(entry.submission().reason().text()).startsWith("Dismissed: step Succeeded at");
            assertThat(entry.inFlight()).isFalse();
        });
    }

    @Test
    void anExecutionUnknownToSageMakerMakesItsTokenStale() throws Exception {
        awaitSnapshot(s -> allFound(s, 3));
        String ghost = "{\"token\":\"Gh0stT0ken\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:000000000000:"
                + "pipeline/manual-approval/execution/nosuchexecut\",\"arguments\":{},\"status\":\"Executing\"}";
        sandbox.sqs().sendMessage(b -> b.queueUrl(sandbox.queueUrls().get(0)).messageBody(ghost));

        PendingSnapshot snapshot = awaitSnapshot(s -> s.contextOf(CallbackToken.of("Gh0stT0ken")).stale());
        assertThat(snapshot.contextOf(CallbackToken.of("Gh0stT0ken")).staleReason()).contains("ResourceNotFound");
    }

    @Test
    void aStopIsOneRowSaysStopRequestedAndAnAcknowledgementStopsTheExecution() throws Exception {
        PendingCallback target = manualApproval(awaitSnapshot(s -> allFound(s, 3)));
        sandbox.simulator().stopExecution(target.executionArn().value());
        session.pending().refresh();

        PendingSnapshot snapshot = awaitSnapshot(s -> s.pending().stream().anyMatch(p -> p.token().equals(target.token())
                && p.stopRequested() && p.messages().size() == 2) && s.contextOf(target.token()).stopRequested());
        assertThat(snapshot.pending()).hasSize(3);
        assertThat(snapshot.contextOf(target.token()).stale()).isFalse();
        assertThat(session.decisions().defaultStopReason()).contains(System.getProperty("user.name"));

        SubmissionResult result = session.decisions().submitFailure(target.token(),
                FailureReason.of(session.decisions().defaultStopReason()));

        assertThat(result.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        assertThat(messagesOnQueue(target.queueUrl())).as("both messages of the token are deleted").isEqualTo(
                (int) snapshot.pending().stream().filter(p -> p.queueUrl().equals(target.queueUrl())).count() - 1);
        session.pending().refresh();
        try (var sageMaker = software.amazon.awssdk.services.sagemaker.SageMakerClient.builder()
                .endpointOverride(sandbox.sageMakerEndpoint())
                .region(software.amazon.awssdk.regions.Region.of(sandbox.region()))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("sandbox", "sandbox")))
                .build()) {
            assertThat(sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(target.executionArn().value()))
                    .pipelineExecutionStatusAsString()).isEqualTo("Stopped");
        }
    }

    @Test
    void approvingSendsTypedOutputsAndIsJournaled() throws Exception {
        PendingSnapshot snapshot = awaitSnapshot(s -> allFound(s, 3));
        PendingCallback target = manualApproval(snapshot);
        List<DeclaredOutput> declared = snapshot.contextOf(target.token()).execution().declaredOutputsOf("ManualReview");

        assertThatThrownBy(() -> OutputParameters.fromDeclared(declared, Map.of("approved", "yes")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("approved is declared Boolean");
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess")).isEmpty();

        SubmissionResult result = session.decisions().approve(target.token(),
                OutputParameters.fromDeclared(declared, Map.of("approved", "true", "reviewer", "alice")));

        assertThat(result.status()).as(result.toString()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess")).singleElement()
                .satisfies(call -> assertThat(call.requestBody()).contains("approved").contains("alice"));
        assertThat(session.history().recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.submission().action()).isEqualTo(Action.APPROVE);
            assertThat(entry.submission().reason().text()).isEqualTo("Approved: approved=true, reviewer=alice");
        });
        assertThat(sandboxSession.latest().pending()).extracting(PendingCallback::token).doesNotContain(target.token());
    }

    @Test
    void aWaitingStepWhoseMessageNobodySawIsFoundViaSageMaker() throws Exception {
        awaitSnapshot(s -> allFound(s, 3));
        String unwatched = sandbox.sqs().createQueue(b -> b.queueName("unwatched")).queueUrl();
        sandbox.simulator().registerPipeline("hidden-gate", "{\"Steps\":[{\"Name\":\"Gate\",\"Type\":\"Callback\","
                + "\"SqsQueueUrl\":\"" + unwatched + "\"}]}", null);
        String arn = sandbox.simulator().startExecution("hidden-gate", Map.of());
        String token = sandbox.simulator().callbackToken(arn, "Gate");
        List<WaitingCallbackDiscovery.Progress> progress = new CopyOnWriteArrayList<>();

        WaitingCallbackDiscovery.Result result = session.discovery().findWaitingCallbacks(Duration.ofHours(1),
                progress::add,
                () -> false);

        assertThat(result.pipelines()).isEqualTo(3);
        assertThat(result.waiting()).hasSize(4);
        assertThat(result.newTokens()).isEqualTo(1);
        assertThat(result.cancelled()).isFalse();
        assertThat(progress).hasSize(3).last().satisfies(p -> assertThat(p.pipelinesScanned()).isEqualTo(3));
        PendingSnapshot snapshot = awaitSnapshot(s -> s.pending().size() == 4
                && s.contextOf(CallbackToken.of(token)).lookup() == CallbackContext.Lookup.FOUND);
        PendingCallback found = snapshot.pending().stream().filter(p -> p.token().value().equals(token)).findFirst()
                .orElseThrow();
        assertThat(found.onlyFoundViaSageMaker()).isTrue();
        assertThat(found.queueUrl()).isEqualTo(unwatched);
        assertThat(snapshot.contextOf(found.token()).stale()).isFalse();

        SubmissionResult failed = session.decisions()
                .submitFailure(found.token(), FailureReason.of("found and failed"));
        assertThat(failed.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
    }

    @Test
    void aCancelledScanStopsAndSaysSo() throws Exception {
        awaitSnapshot(s -> allFound(s, 3));
        WaitingCallbackDiscovery.Result result = session.discovery().findWaitingCallbacks(Duration.ofHours(1), p -> { },
                () -> true);
        assertThat(result.cancelled()).isTrue();
        assertThat(result.waiting()).isEmpty();
        assertThat(sandbox.simulator().callsTo("ListPipelineExecutions")).isEmpty();
    }

    @Test
    void queueDiscoveryListsEveryCallbackQueueOfThePipelines() throws Exception {
        assertThat(session.discovery().discoverQueueUrls()).containsExactlyInAnyOrderElementsOf(sandbox.queueUrls());
    }
}
