package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.triage.SubmissionResult.Status;
import java.util.List;
import java.util.TreeSet;

/**
 * How the window words a bulk failure: the confirmation before it, naming count, pipelines and reason, and the
 * summary after it, which leads with what went as asked ("4 of 4 steps failed as asked.") so success does not read
 * like an error.
 */
final class BulkWording {
    private BulkWording() {
    }

    /** "Fail 3 callback steps of 1 pipeline (manual-approval) with the reason "…"? …" */
    static String question(List<PendingRow> targets, String reason, int concurrency) {
        TreeSet<String> pipelines = new TreeSet<>();
        targets.forEach(t -> pipelines.add(DisplayText.escape(t.pipelineDisplayName())));
        return "Fail " + count(targets.size(), "callback step", "callback steps") + " of "
                + count(pipelines.size(), "pipeline", "pipelines") + " (" + String.join(", ", pipelines)
                + ") with the reason \"" + DisplayText.escape(reason.strip()) + "\"? SageMaker applies each at once;"
                + " it cannot be undone. At most " + concurrency + " are sent at a time.";
    }

    /** "3 of 5 steps failed as asked; 1 refused (the rows stay; see each reason); 1 not sent (cancelled)." */
    static String summary(BulkSubmission.Summary done) {
        int all = done.outcomes().size();
        StringBuilder text = new StringBuilder().append(done.count(Status.ACCEPTED)).append(" of ")
                .append(all == 1 ? "1 step" : all + " steps").append(" failed as asked");
        append(text, done.count(Status.ACCEPTED_OTHER_EXECUTION),
                "applied to another execution than the message named (messages kept)");
        append(text, done.count(Status.REFUSED), "refused (the rows stay; see each reason)");
        append(text, done.count(Status.ANSWERED_NOT_RECORDED),
                "answered, not recorded (run recover once the history is writable)");
        append(text, done.count(Status.UNKNOWN),
                "without a clear answer (retried with the same request token, never applied twice)");
        append(text, done.notSent(), "not sent" + (done.signedOut()
                ? " (signed out: sign in again, then fail the rows left)" : done.breakerOpened()
                ? " (no answer to several calls in a row: check the connection)"
                : done.cancelled() ? " (cancelled)" : ""));
        return text.append('.').toString();
    }

    /** One row of the outcomes list: "failed the step", "refused: …", "not sent: …". */
    static String row(BulkSubmission.RowOutcome row) {
        SubmissionResult result = row.result();
        if (result == null) {
            return "not sent";
        }
        String text = DecisionWording.of(result);
        return switch (result.status()) {
            case ACCEPTED -> "failed the step";
            case ACCEPTED_OTHER_EXECUTION -> "failed a step of another execution: " + text;
            case REFUSED -> "refused: " + text;
            case UNKNOWN -> "no clear answer (unsettled): " + text;
            case ANSWERED_NOT_RECORDED -> "answered, not recorded: " + text;
            case NOT_SENT, NOT_JOURNALED -> "not sent: " + text;
        };
    }

    private static void append(StringBuilder text, long count, String what) {
        if (count > 0) {
            text.append("; ").append(count).append(' ').append(what);
        }
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
