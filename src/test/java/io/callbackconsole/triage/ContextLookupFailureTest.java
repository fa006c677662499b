package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.SandboxSessionExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A context look-up that fails is shown as failed, with why, and the token stays usable. */
class ContextLookupFailureTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    ConsoleSession session;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        // SageMaker keeps failing the execution look-ups (more often than the SDK retries).
        sandbox.simulator().faults().inject("DescribePipelineExecution", SimulatorFaults.Kind.SERVER_ERROR, 1000);
        session = sandboxSession.session();
    }

    @Test
    void aFailedLookUpSaysWhyAndTheRowCanStillBeFailed() {
        PendingSnapshot snapshot = session.pending().pollOnce();
        assertThat(snapshot.pending()).hasSize(3);
        PendingCallback target = snapshot.pending().get(0);
        CallbackContext context = snapshot.contextOf(target.token());
        assertThat(context.lookup()).isEqualTo(CallbackContext.Lookup.FAILED);
        assertThat(context.problem()).isNotBlank();
        assertThat(context.stale()).as("a failed look-up does not make a token stale").isFalse();

        SubmissionResult result = session.decisions()
                .submitFailure(target.token(), FailureReason.of("decided without context"));
        assertThat(result.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
    }
}
