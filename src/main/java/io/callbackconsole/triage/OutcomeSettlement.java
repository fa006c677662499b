package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a sent decision's outcome means once the journal has taken it (or failed to): the result the operator is
 * told, and the token's state brought up to date — unsettled while no clear answer is on record, no longer shown once
 * accepted for the execution its message named. Thread-safe.
 */
final class OutcomeSettlement {
    private static final Logger log = LoggerFactory.getLogger(OutcomeSettlement.class);

    private final PendingCallbackSet callbacks;
    private final UnsettledDecisions unsettled;

    OutcomeSettlement(PendingCallbackSet callbacks, UnsettledDecisions unsettled) {
        this.callbacks = Objects.requireNonNull(callbacks);
        this.unsettled = Objects.requireNonNull(unsettled);
    }

    /** True when the result's messages are to be deleted: accepted for the execution the message named. */
    static boolean deleteMessagesAfter(SubmissionResult result) {
        return result.status() == SubmissionResult.Status.ACCEPTED;
    }

    /** The outcome is durable. */
    SubmissionResult recorded(UnsettledDecisions.Unsettled decision, Outcome outcome) {
        Submission submission = decision.submission();
        if (outcome instanceof Outcome.Unknown unknown) {
            unsettled.remember(decision);
            return DecisionResults.unknown(submission, unknown);
        }
        unsettled.settled(submission);
        if (outcome instanceof Outcome.Accepted accepted) {
            if (SageMakerCallbackGateway.mismatched(submission, accepted)) {
                // The gateway has logged the mismatch with its request id; the message stays for inspection.
                return DecisionResults.acceptedForOtherExecution(submission, accepted);
            }
            callbacks.remove(submission.token());
            return DecisionResults.accepted(submission, accepted);
        }
        if (outcome instanceof Outcome.NotSent notSent) {
            return DecisionResults.notSent(submission, notSent);
        }
        return DecisionResults.refused(submission, (Outcome.Refused) outcome);
    }

    /**
     * The answer (or its absence) is not on record: the decision stays unsettled, its messages stay on the queue, and
     * an answer is never reported as a success.
     */
    SubmissionResult notRecorded(UnsettledDecisions.Unsettled decision, Outcome outcome, String why) {
        Submission submission = decision.submission();
        log.error("Outcome {} of decision {} on {} not recorded: {}", outcome.kind(), submission.requestToken(),
                submission.token(), why);
        unsettled.remember(decision);
        return outcome instanceof Outcome.Unknown unknown
                ? DecisionResults.unknownNotRecorded(submission, unknown, why)
                : DecisionResults.answeredNotRecorded(submission, outcome, why);
    }
}
