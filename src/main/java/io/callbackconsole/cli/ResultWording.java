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
            return TerminalWords.text("bulk.row.notSent");
        }
        String text = of(result);
        return switch (result.status()) {
            case ACCEPTED -> TerminalWords.text("bulk.row.accepted");
            case ACCEPTED_OTHER_EXECUTION -> TerminalWords.text("bulk.row.otherExecution", text);
            case REFUSED -> TerminalWords.text("bulk.row.refused", text);
            case UNKNOWN -> TerminalWords.text("bulk.row.unknown", text);
            case ANSWERED_NOT_RECORDED -> TerminalWords.text("bulk.row.answeredNotRecorded", text);
            case NOT_SENT, NOT_JOURNALED -> TerminalWords.text("bulk.row.notSentBecause", text);
        };
    }

    /** "3 of 5 step(s) failed as asked; 1 refused (the rows stay; see each reason); 1 not sent." */
    static String summary(BulkSubmission.Summary done) {
        StringBuilder parts = new StringBuilder();
        long otherExecution = done.count(SubmissionResult.Status.ACCEPTED_OTHER_EXECUTION);
        append(parts, otherExecution, TerminalWords.text("bulk.summary.otherExecution", otherExecution));
        long refused = done.count(SubmissionResult.Status.REFUSED);
        append(parts, refused, TerminalWords.text("bulk.summary.refused", refused));
        long notRecorded = done.count(SubmissionResult.Status.ANSWERED_NOT_RECORDED);
        append(parts, notRecorded, TerminalWords.text("bulk.summary.answeredNotRecorded", notRecorded));
        long unknown = done.count(SubmissionResult.Status.UNKNOWN);
        append(parts, unknown, TerminalWords.text("bulk.summary.unknown", unknown));
        long notSent = done.notSent();
        append(parts, notSent, done.signedOut() ? TerminalWords.text("bulk.summary.notSent.signedOut", notSent)
                : done.breakerOpened() ? TerminalWords.text("bulk.summary.notSent.breakerOpened", notSent)
                : done.cancelled() ? TerminalWords.text("bulk.summary.notSent.cancelled", notSent)
                : TerminalWords.text("bulk.summary.notSent", notSent));
        return TerminalWords.text("bulk.summary", done.count(SubmissionResult.Status.ACCEPTED), done.outcomes().size(),
                parts);
    }

    /** Each part of the summary after the first says how many of one kind there are; nothing is said of none. */
    private static void append(StringBuilder parts, long count, String part) {
        if (count > 0) {
            parts.append(part);
        }
    }

    /** "Fail 3 callback step(s) of 2 pipeline(s) (a, b)": the question a confirmation asks, escaped. */
    static String bulkQuestion(List<PendingCallback> targets) {
        TreeSet<String> pipelines = new TreeSet<>();
        targets.forEach(t -> pipelines.add(t.executionArn().pipelineName()));
        return DisplayText.escape(TerminalWords.text("bulk.question", targets.size(), pipelines.size(),
                String.join(", ", pipelines)));
    }
}
