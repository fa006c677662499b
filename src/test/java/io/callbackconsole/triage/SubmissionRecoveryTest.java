package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** A console that stopped between intent and outcome settles the decision on its next start, applying it once. */
class SubmissionRecoveryTest {

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    Path dataDir;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        dataDir = sandboxSession.dataDir();
    }

    /** A run of the console on the test's sandbox and history file. */
    ConsoleSession open() {
        return sandboxSession.open();
    }

    /** The first run: sees the callbacks, journals a decision, and "crashes" before calling SageMaker. */
    Submission journalThenCrash(boolean callMadeBeforeCrash) {
        Submission decision;
        try (ConsoleSession first = open()) {
            PendingCallback target = first.pending().pollOnce().pending().get(0);
            decision = Submission.fail(target.token(), target.executionArn(), FailureReason.of("crashed mid-way"),
                    new Operator("alice"), ConnectionId.sandbox(), Instant.now());
        }
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            history.recordIntent(decision);
        }
        if (callMadeBeforeCrash) {
            try (SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(sandbox.sageMakerEndpoint())
                    .region(Region.of(sandbox.region()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")))
                    .build()) {
                sageMaker.sendPipelineExecutionStepFailure(b -> b.callbackToken(decision.token().value())
                        .failureReason(decision.reason().text()).clientRequestToken(decision.requestToken().value()));
            }
        }
        return decision;
    }

    @Test
    void aDecisionJournaledButNeverSentIsSentOnceOnTheNextStart() {
        Submission decision = journalThenCrash(false);
        try (ConsoleSession next = open()) {
            assertThat(next.recovery().unsettledSubmissions()).containsExactly(decision);
            List<SubmissionRecovery.Recovered> recovered = next.recovery().recoverUnsettled();
            assertThat(recovered).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isInstanceOf(Outcome.Accepted.class);
                assertThat(r.settled()).isTrue();
            });
            assertThat(next.recovery().unsettledSubmissions()).isEmpty();
            assertThat(next.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .doesNotContain(decision.token());
        }
        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure");
        assertThat(calls).singleElement().satisfies(c -> assertThat(c.requestBody())
                .contains(decision.requestToken().value()));
    }

    @Test
    void aDecisionSentBeforeTheCrashIsAnsweredAgainWithTheSameArnAndNotAppliedTwice() {
        Submission decision = journalThenCrash(true);
        try (ConsoleSession next = open()) {
            List<SubmissionRecovery.Recovered> recovered = next.recovery().recoverUnsettled();
            assertThat(recovered).singleElement().satisfies(r -> assertThat(((Outcome.Accepted) r.outcome())
                    .returnedExecutionArn()).isEqualTo(decision.executionArn().value()));
            // The token's message, received again, is recognised as answered and deleted instead of shown, on record.
            assertThat(next.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .doesNotContain(decision.token());
            assertThat(next.history().recent(10)).anySatisfy(entry -> {
                assertThat(entry.submission().token()).isEqualTo(decision.token());
                assertThat(entry.submission().action()).isEqualTo(io.callbackconsole.domain.Action.DISMISS);
                assertThat(entry.submission().reason().text()).contains("Leftover message");
                assertThat(entry.outcome()).isInstanceOf(Outcome.Accepted.class);
            });
        }
        List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure");
        assertThat(calls).hasSize(2).allSatisfy(c -> {
            assertThat(c.succeeded()).isTrue();
            assertThat(c.requestBody()).contains(decision.requestToken().value());
        });
    }

    @Test
    void nothingUnsettledMeansNothingSent() {
        try (ConsoleSession session = open()) {
            assertThat(session.recovery().recoverUnsettled()).isEmpty();
        }
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).isEmpty();
    }
}
