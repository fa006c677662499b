package io.callbackconsole.triage;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.util.Objects;

/**
 * What became of one attempt to submit a decision, as codes and data; the front ends word it.
 *
 * @param submission        the journaled decision, or null when nothing was journaled
 * @param outcome           SageMaker's answer (or the lack of one), or null when nothing was sent
 * @param detail            what happened, beyond the status, with its data
 * @param messageNotDeleted when an accepted decision's SQS message could not be deleted, why (the aws layer's
 *                          explanation); null otherwise. The message reappears and can be dismissed then.
 */
public record SubmissionResult(Status status, Submission submission, Outcome outcome, ResultDetail detail,
                               String messageNotDeleted) {

    public enum Status {
        /** SageMaker accepted the decision; it is on record and the token's messages are deleted (or will be). */
        ACCEPTED,
        /**
         * SageMaker accepted the decision and it is on record, but for another execution than the token's message
         * names: the message is kept for inspection and the row stays until it is dismissed.
         */
        ACCEPTED_OTHER_EXECUTION,
        /** SageMaker refused; the row stays and the attempt is on record. */
        REFUSED,
        /** No clear answer came; the decision stays unsettled and is repeated with its own request token. */
        UNKNOWN,
        /**
         * SageMaker answered, but the answer could not be written to the history: not a success. The decision stays
         * unsettled (its messages are kept) until recovery records the answer.
         */
        ANSWERED_NOT_RECORDED,
        /** Nothing was sent: a token no longer pending, being decided, or with an unsettled decision. */
        NOT_SENT,
        /** Nothing was sent because the decision could not be journaled first. */
        NOT_JOURNALED
    }

    public SubmissionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    public SubmissionResult(Status status, Submission submission, Outcome outcome, ResultDetail detail) {
        this(status, submission, outcome, detail, null);
    }

    public static SubmissionResult notSent(ResultDetail detail) {
        return new SubmissionResult(Status.NOT_SENT, null, null, detail);
    }

    /** True when SageMaker applied the decision and it is on record (for whichever execution it named). */
    public boolean accepted() {
        return status == Status.ACCEPTED || status == Status.ACCEPTED_OTHER_EXECUTION;
    }

    /** True when nothing reached SageMaker. */
    public boolean notSent() {
        return status == Status.NOT_SENT || status == Status.NOT_JOURNALED;
    }
}
