package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import java.util.Objects;

/**
 * One kind of decision that {@link DecisionProtocol} sends to SageMaker: how its submission is made, whether an
 * unsettled earlier decision is the same one (so its request token is reused), and the call that carries it.
 */
sealed interface Decision permits Decision.FailStep, Decision.ApproveStep {

    /** What the protocol knows when it makes the submission. */
    record Making(CallbackToken token, PipelineExecutionArn executionArn, DecisionProtocol.Context context) {
    }

    Submission create(Making making);

    /** True when the unsettled earlier decision is this same decision, so it is repeated instead of made anew. */
    boolean repeats(UnsettledDecisions.Unsettled earlier);

    /** The output parameters an approval sends; null for other decisions. */
    OutputParameters outputs();

    Outcome send(SageMakerCallbackGateway gateway, Submission submission);

    /** SendPipelineExecutionStepFailure with a reason. */
    record FailStep(FailureReason reason) implements Decision {
        public FailStep {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Submission create(Making m) {
            return Submission.fail(m.token(), m.executionArn(), reason, m.context().operator(),
                    m.context().connection(), m.context().clock().instant());
        }

        @Override
        public boolean repeats(UnsettledDecisions.Unsettled earlier) {
            return earlier.submission().action() == Action.FAIL && earlier.submission().reason().equals(reason);
        }

        @Override
        public OutputParameters outputs() {
            return null;
        }

        @Override
        public Outcome send(SageMakerCallbackGateway gateway, Submission submission) {
            return gateway.sendFailure(submission);
        }
    }

    /** SendPipelineExecutionStepSuccess with output parameters; the note says what was approved. */
    record ApproveStep(OutputParameters outputs) implements Decision {
        public ApproveStep {
            Objects.requireNonNull(outputs, "outputs");
        }

        @Override
        public Submission create(Making m) {
            String summary = outputs.values().isEmpty() ? "Approved" : "Approved: " + outputs.summary();
            // The note fits the reason column's limit; the outputs themselves are journaled in full beside it.
            return Submission.approve(m.token(), m.executionArn(), FailureReason.shortened(summary),
                    m.context().operator(), m.context().connection(), m.context().clock().instant());
        }

        @Override
        public boolean repeats(UnsettledDecisions.Unsettled earlier) {
            return earlier.submission().action() == Action.APPROVE && outputs.equals(earlier.outputs());
        }

        @Override
        public Outcome send(SageMakerCallbackGateway gateway, Submission submission) {
            return gateway.sendSuccess(submission, outputs);
        }
    }
}
