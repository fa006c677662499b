package io.callbackconsole.triage;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;

/**
 * Results in plain English, for logs and for the triage tests that still assert sentences
 * ({@link SubmissionResult#message}, {@link BulkSubmission.RowOutcome#text}, {@link BulkSubmission.Summary#text}).
 * The front ends do not use it: they word {@link ResultDetail} themselves. It goes once those tests assert details.
 */
final class ResultSentences {
    private ResultSentences() {
    }

    /** What the operator reads about one result. */
    static String of(SubmissionResult result) {
        String text = detail(result);
        return result.messageNotDeleted() == null ? text : text + " " + messageKept(result.messageNotDeleted());
    }

    private static String messageKept(String why) {
        return "Its SQS message could not be deleted (" + why + "); it will reappear and can be dismissed then.";
    }

    private static String detail(SubmissionResult result) {
        ResultDetail detail = result.detail();
        Submission submission = result.submission();
        Outcome outcome = result.outcome();
        if (detail instanceof ResultDetail.NotPending d) {
            return "Token " + d.token() + " is no longer pending: it was answered or dismissed. Refresh the list (F5).";
        }
        if (detail instanceof ResultDetail.BeingDecided d) {
            return "Token " + d.token() + " is being submitted already; wait for its outcome.";
        }
        if (detail instanceof ResultDetail.UnsettledElsewhere d) {
            Submission s = d.earlier();
            return "Token " + s.token() + " has an unsettled decision (" + s.action() + " by " + s.operator().name()
                    + " at " + s.decidedAt() + ", request " + s.requestToken() + "): whether SageMaker applied it is"
                    + " not known yet, so no other decision is sent. Wait for its retry, run recover, or give up on it"
                    + " first.";
        }
        if (detail instanceof ResultDetail.NotJournaled d) {
            return "Nothing was sent: the decision could not be written to the history first. " + d.why();
        }
        if (detail instanceof ResultDetail.NoLongerAnswerable d) {
            return "Token " + d.token() + " can no longer be answered (" + d.staleReason() + "). Dismiss it instead.";
        }
        if (detail instanceof ResultDetail.ExecutionStopping d) {
            return "The execution of token " + d.token() + " is stopping: acknowledge the stop instead of approving.";
        }
        if (detail instanceof ResultDetail.NotStarted d) {
            return "Token " + d.token() + " was not sent: " + d.why();
        }
        if (detail instanceof ResultDetail.NotRepeated d) {
            return "The unsettled decision on token " + d.token() + " was not repeated: SageMaker gave no answer to "
                    + d.unansweredInARow() + " calls in a row, so the run stopped sending. It stays unsettled.";
        }
        if (detail instanceof ResultDetail.Applied) {
            return (submission.action() == Action.APPROVE ? "Step approved" : "Step failed") + " for token "
                    + submission.token() + " — execution " + ((Outcome.Accepted) outcome).returnedExecutionArn()
                    + ".";
        }
        if (detail instanceof ResultDetail.AppliedToOtherExecution) {
            return "SageMaker applied the decision on token " + submission.token() + " to execution "
                    + ((Outcome.Accepted) outcome).returnedExecutionArn() + ", not to " + submission.executionArn()
                    + " as its SQS message says. The message is kept for inspection: check both executions, then"
                    + " dismiss it.";
        }
        if (detail instanceof ResultDetail.Refused) {
            Outcome.Refused refused = (Outcome.Refused) outcome;
            return refused.explanation() + " [" + refused.errorCode()
                    // The service's own words help a support case; the SDK's local diagnostics repeat the sentence.
                    + (refused.requestId() == null || refused.errorMessage() == null ? ""
                    : ": " + refused.errorMessage())
                    + (refused.requestId() == null ? "" : "; request id " + refused.requestId()) + "]";
        }
        if (detail instanceof ResultDetail.NoClearAnswer || detail instanceof ResultDetail.GaveUp) {
            Outcome.Unknown unknown = (Outcome.Unknown) outcome;
            return unknown.explanation() + " [" + unknown.errorCode() + "]";
        }
        if (detail instanceof ResultDetail.NoClearAnswerNotRecorded d) {
            Outcome.Unknown unknown = (Outcome.Unknown) outcome;
            return unknown.explanation() + " The history could not be written either: " + d.why() + " ["
                    + unknown.errorCode() + "]";
        }
        if (detail instanceof ResultDetail.AnsweredNotRecorded d) {
            return "Token " + submission.token() + " was answered by SageMaker (" + outcome.kind() + "), but the"
                    + " answer could not be written to the history, so its message stays on the queue: " + d.why();
        }
        if (detail instanceof ResultDetail.NotSentAfterAll) {
            Outcome.NotSent notSent = (Outcome.NotSent) outcome;
            return "Not sent: " + notSent.explanation() + " [" + notSent.code() + "]";
        }
        if (detail instanceof ResultDetail.NothingToDismiss d) {
            return "Token " + d.token() + " is no longer pending; nothing to dismiss.";
        }
        if (detail instanceof ResultDetail.DismissalNotJournaled d) {
            return "Nothing was dismissed: the dismissal could not be written to the history first. " + d.why();
        }
        if (detail instanceof ResultDetail.Dismissed d) {
            return "Dismissed token " + submission.token() + (d.messagesDeleted() ? "; its SQS message is deleted"
                    : "") + ".";
        }
        if (detail instanceof ResultDetail.DismissedMessageKept d) {
            return messageKept(d.deleteError());
        }
        if (detail instanceof ResultDetail.NothingToGiveUp d) {
            return "Token " + d.token() + " has no unanswered decision to give up on"
                    + (d.beingSent() ? " right now: it is being sent; wait for its outcome." : ".");
        }
        if (detail instanceof ResultDetail.GiveUpNotJournaled d) {
            return "Still retrying: giving up could not be written to the history. " + d.why();
        }
        if (detail instanceof ResultDetail.Released d) {
            return "Released token " + d.token() + ": its message is back on the queue for any console to receive.";
        }
        ResultDetail.NotReleased d = (ResultDetail.NotReleased) detail;
        return "Token " + d.token() + " is no longer shown, but its message could not be handed back (" + d.problem()
                + "); it returns to the queue when its visibility timeout runs out.";
    }

    /** One line for a bulk run's list of outcomes. */
    static String row(BulkSubmission.RowOutcome row) {
        SubmissionResult result = row.result();
        if (result == null) {
            return "not sent";
        }
        String text = of(result);
        return switch (result.status()) {
            case ACCEPTED -> "failed the step";
            case ACCEPTED_OTHER_EXECUTION -> "failed a step of another execution: " + text;
            case REFUSED -> "refused: " + text;
            case UNKNOWN -> "no clear answer (unsettled): " + text;
            case ANSWERED_NOT_RECORDED -> "answered, not recorded: " + text;
            case NOT_SENT, NOT_JOURNALED -> "not sent: " + text;
        };
    }

    /** "3 of 5 step(s) failed as asked; 1 refused; 1 not sent (cancelled)." */
    static String summary(BulkSubmission.Summary done) {
        StringBuilder text = new StringBuilder().append(done.count(SubmissionResult.Status.ACCEPTED)).append(" of ")
                .append(done.outcomes().size()).append(" step(s) failed as asked");
        append(text, done.count(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION),
                "applied to another execution than the message named (messages kept)");
        append(text, done.count(SubmissionResult.Status.REFUSED), "refused (the rows stay; see each reason)");
        append(text, done.count(SubmissionResult.Status.ANSWERED_NOT_RECORDED),
                "answered, not recorded (run recover once the history is writable)");
        append(text, done.count(SubmissionResult.Status.UNKNOWN),
                "without a clear answer (unsettled: repeated with the same request token, never applied twice)");
        append(text, done.notSent(), "not sent" + (done.breakerOpened()
                ? " (no answer to several calls in a row: check the connection)"
                : done.cancelled() ? " (cancelled)" : ""));
        return text.append('.').toString();
    }

    private static void append(StringBuilder text, long count, String what) {
        if (count > 0) {
            text.append("; ").append(count).append(' ').append(what);
        }
    }
}
