package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.triage.SubmissionResult;
import io.callbackconsole.triage.SubmissionResult.Status;
import io.callbackconsole.ui.common.WindowWords;
import java.util.List;
import java.util.StringJoiner;
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
        String steps = targets.size() == 1 ? WindowWords.text("bulk.question.oneStep")
                : WindowWords.text("bulk.question.steps", targets.size());
        String ofPipelines = pipelines.size() == 1 ? WindowWords.text("bulk.question.onePipeline")
                : WindowWords.text("bulk.question.pipelines", pipelines.size());
        return WindowWords.text("bulk.question", steps, ofPipelines, String.join(", ", pipelines),
                DisplayText.escape(reason.strip()), concurrency);
    }

    /** "3 of 5 steps failed as asked; 1 refused (the rows stay; see each reason); 1 not sent (cancelled)." */
    static String summary(BulkSubmission.Summary done) {
        int all = done.outcomes().size();
        StringJoiner text = new StringJoiner("; ", "", ".");
        text.add(all == 1 ? WindowWords.text("bulk.summary.ofOne", done.count(Status.ACCEPTED))
                : WindowWords.text("bulk.summary", done.count(Status.ACCEPTED), all));
        long other = done.count(Status.ACCEPTED_OTHER_EXECUTION);
        if (other > 0) {
            text.add(WindowWords.text("bulk.summary.otherExecution", other));
        }
        long refused = done.count(Status.REFUSED);
        if (refused > 0) {
            text.add(WindowWords.text("bulk.summary.refused", refused));
        }
        long notRecorded = done.count(Status.ANSWERED_NOT_RECORDED);
        if (notRecorded > 0) {
            text.add(WindowWords.text("bulk.summary.notRecorded", notRecorded));
        }
        long unknown = done.count(Status.UNKNOWN);
        if (unknown > 0) {
            text.add(WindowWords.text("bulk.summary.unknown", unknown));
        }
        long notSent = done.notSent();
        if (notSent > 0) {
            text.add(done.signedOut() ? WindowWords.text("bulk.summary.notSent.signedOut", notSent)
                    : done.breakerOpened() ? WindowWords.text("bulk.summary.notSent.noAnswer", notSent)
                    : done.cancelled() ? WindowWords.text("bulk.summary.notSent.cancelled", notSent)
                    : WindowWords.text("bulk.summary.notSent", notSent));
        }
        return text.toString();
    }

    /** One row of the outcomes list: "failed the step", "refused: …", "not sent: …". */
    static String row(BulkSubmission.RowOutcome row) {
        SubmissionResult result = row.result();
        if (result == null) {
            return WindowWords.text("bulk.row.notSent");
        }
        String text = DecisionWording.of(result);
        return switch (result.status()) {
            case ACCEPTED -> WindowWords.text("bulk.row.failed");
            case ACCEPTED_OTHER_EXECUTION -> WindowWords.text("bulk.row.otherExecution", text);
            case REFUSED -> WindowWords.text("bulk.row.refused", text);
            case UNKNOWN -> WindowWords.text("bulk.row.unknown", text);
            case ANSWERED_NOT_RECORDED -> WindowWords.text("bulk.row.notRecorded", text);
            case NOT_SENT, NOT_JOURNALED -> WindowWords.text("bulk.row.notSentBecause", text);
        };
    }
}
