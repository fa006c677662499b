package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.wording.FrontEnd;
import io.callbackconsole.wording.ResultWords;
import java.util.List;
import java.util.TreeSet;

/**
 * How the terminal words the results of the commands (fail, approve, dismiss): the terminal's sentences of
 * {@link ResultWords} (a command to run, not a key to press), and a bulk run's rows and summary. Outside text in it
 * (SageMaker's and the history's error messages, a stale reason, pipeline names) is escaped, as everything the
 * terminal prints.
 */
final class ResultWording {
    private static final ResultWords WORDS = new ResultWords(FrontEnd.TERMINAL);

    private ResultWording() {
    }

    /** What the terminal prints about one result; outside text in it is escaped. */
    static String of(SubmissionResult result) {
        return DisplayText.escape(WORDS.of(result));
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

    /** "3 of 5 step(s) failed as asked; 1 refused (the rows stay; see each reason); 1 not sent." */
    static String summary(BulkSubmission.Summary done) {
        StringBuilder text = new StringBuilder().append(done.count(SubmissionResult.Status.ACCEPTED)).append(" of ")
                .append(done.outcomes().size()).append(" step(s) failed as asked");
        append(text, done.count(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION),
                "applied to another execution than the message named (messages kept)");
        append(text, done.count(SubmissionResult.Status.REFUSED), "refused (the rows stay; see each reason)");
        append(text, done.count(SubmissionResult.Status.ANSWERED_NOT_RECORDED),
                "answered, not recorded (run `recover` once the history is writable)");
        append(text, done.count(SubmissionResult.Status.UNKNOWN),
                "without a clear answer (unsettled: `recover` repeats them with the same request token, never"
                        + " applied twice)");
        append(text, done.notSent(), "not sent" + (done.signedOut()
                ? " (signed out: sign in again, then run the same `fail` again)" : done.breakerOpened()
                ? " (no answer to several calls in a row: check the connection)"
                : done.cancelled() ? " (cancelled)" : ""));
        return text.append('.').toString();
    }

    private static void append(StringBuilder text, long count, String what) {
        if (count > 0) {
            text.append("; ").append(count).append(' ').append(what);
        }
    }

    /** "Fail 3 callback step(s) of 2 pipeline(s) (a, b)": the question a confirmation asks, escaped. */
    static String bulkQuestion(List<PendingCallback> targets) {
        TreeSet<String> pipelines = new TreeSet<>();
        targets.forEach(t -> pipelines.add(t.executionArn().pipelineName()));
        return DisplayText.escape("Fail " + targets.size() + " callback step(s) of " + pipelines.size()
                + " pipeline(s) (" + String.join(", ", pipelines) + ")");
    }
}
