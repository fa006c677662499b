package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a submission does when SageMaker throttles, fails, or applies a call and loses the answer. */
class SubmissionFaultsTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    ConsoleSession session;
    PendingCallback target;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        session = sandboxSession.session();
        target = session.pending().pollOnce().pending().get(0);
    }

    SimulatorFaults faults() {
        return sandbox.simulator().faults();
    }

    List<RecordedCall> calls() {
        return sandbox.simulator().callsTo(FAILURE);
    }

    @Test
    void throttlingIsAbsorbedByRetriesWithTheSameRequestToken() {
        faults().inject(FAILURE, SimulatorFaults.Kind.THROTTLE, 2);
        SubmissionResult result = session.decisions()
                .submitFailure(target.token(), FailureReason.of("throttled twice"));
        assertThat(result.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        assertThat(calls()).extracting(RecordedCall::errorCode).containsExactly("ThrottlingException",
                "ThrottlingException", null);
        assertThat(calls()).allSatisfy(c -> assertThat(c.requestBody()).contains(result.submission().requestToken().value()));
    }

    @Test
    void aServerThatKeepsFailingIsReportedAndTheRowStays() {
        faults().inject(FAILURE, SimulatorFaults.Kind.SERVER_ERROR, 10);
        SubmissionResult result = session.decisions().submitFailure(target.token(), FailureReason.of("server down"));
        assertThat(result.status()).isIn(SubmissionResult.Status.REFUSED, SubmissionResult.Status.UNKNOWN);
        assertThat(result.outcome()).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorMessage()).contains("InternalFailure"));
        assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token).contains(target.token());
        assertThat(session.history().recent(5)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isNotInstanceOf(Outcome.Accepted.class));
    }

    @Test
    void anAnswerLostAfterTheCallTookEffectIsSettledByTheRetryWithoutApplyingTwice() {
        faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 1);
        SubmissionResult result = session.decisions()
                .submitFailure(target.token(), FailureReason.of("answer lost once"));
        assertThat(result.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        assertThat(((Outcome.Accepted) result.outcome()).returnedExecutionArn()).isEqualTo(target.executionArn().value());
        assertThat(calls()).hasSize(2).allSatisfy(c ->
                assertThat(c.requestBody()).contains(result.submission().requestToken().value()));
        assertThat(calls().get(0).errorCode()).isEqualTo("ConnectionDropped");
        assertThat(calls().get(1).succeeded()).isTrue();
    }

    @Test
    void whenEveryAttemptLosesItsAnswerTheOutcomeIsUnknownAndSubmittingAgainRepeatsTheSameRequest() {
        faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 10);
        SubmissionResult first = session.decisions()
                .submitFailure(target.token(), FailureReason.of("answer always lost"));
        assertThat(first.status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
        assertThat(session.recovery().unsettledSubmissions()).containsExactly(first.submission());

        faults().clear();
        SubmissionResult second = session.decisions()
                .submitFailure(target.token(), FailureReason.of("answer always lost"));
        assertThat(second.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        assertThat(second.submission().requestToken()).isEqualTo(first.submission().requestToken());
        assertThat(calls()).allSatisfy(c ->
                assertThat(c.requestBody()).contains(first.submission().requestToken().value()));
        assertThat(calls().stream().filter(c -> c.errorCode() == null || c.errorCode().equals("ConnectionDropped")))
                .as("every call carried the one decision; the first applied it, the rest were answered as repeats")
                .hasSize(calls().size());
        assertThat(session.recovery().unsettledSubmissions()).isEmpty();
    }
}
