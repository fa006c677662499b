package io.callbackconsole.triage;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;

/**
 * What became of one attempt to submit a decision, in the operator's words.
 *
 * @param submission the journaled decision, or null when nothing was sent
 * @param outcome    SageMaker's answer (or the lack of one), or null when nothing was sent
 * @param message    one or two sentences for the operator: what happened and, when it did not work, what to do
 */
public record SubmissionResult(Status status, Submission submission, Outcome outcome, String message) {

    public enum Status {
        /** SageMaker accepted the decision; it is on record and the token's messages are deleted (or will be). */
        ACCEPTED,
        /** SageMaker refused; the row stays and the attempt is on record. */
        REFUSED,
        /** No answer came; the row stays, and submitting again repeats the same request. */
        UNKNOWN,
        /** Nothing was sent: a token no longer pending, or already being submitted. */
        NOT_SENT,
        /** Nothing was sent because the decision could not be journaled first. */
        NOT_JOURNALED
    }

    public static SubmissionResult notSent(String message) {
        return new SubmissionResult(Status.NOT_SENT, null, null, message);
    }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }
}
