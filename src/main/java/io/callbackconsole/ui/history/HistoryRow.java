package io.callbackconsole.ui.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.ui.common.Formats;

/** One submission as the History tab shows it: the decision and its latest outcome. */
public record HistoryRow(HistoryEntry entry) {

    public String time() {
        return Formats.localTime(entry.submission().decidedAt());
    }

    public String operator() {
        return entry.submission().operator().name();
    }

    public String action() {
        return entry.submission().action().name().toLowerCase(java.util.Locale.ROOT);
    }

    public String token() {
        return entry.submission().token().value();
    }

    public String pipeline() {
        if (entry.submission().executionArn() != null) {
            return entry.submission().executionArn().pipelineName();
        }
        String returned = returnedArn();
        return PipelineExecutionArn.isValid(returned) ? PipelineExecutionArn.of(returned).pipelineName() : "";
    }

    public String returnedArn() {
        return entry.outcome() instanceof Outcome.Accepted accepted ? accepted.returnedExecutionArn() : "";
    }

    public String reason() {
        return entry.submission().reason().text();
    }

    /** "accepted", "refused", "unknown", or "in flight" while no outcome is recorded. */
    public String outcome() {
        return entry.outcome() == null ? "in flight" : entry.outcome().kind().toLowerCase(java.util.Locale.ROOT);
    }

    public String errorCode() {
        if (entry.outcome() instanceof Outcome.Refused refused) {
            return refused.errorCode();
        }
        if (entry.outcome() instanceof Outcome.Unknown unknown) {
            return unknown.errorCode();
        }
        return "";
    }

    public String requestId() {
        if (entry.outcome() instanceof Outcome.Accepted accepted) {
            return nullToEmpty(accepted.requestId());
        }
        if (entry.outcome() instanceof Outcome.Refused refused) {
            return nullToEmpty(refused.requestId());
        }
        return "";
    }

    public String connection() {
        return entry.submission().connection();
    }

    public String clientRequestToken() {
        return entry.submission().requestToken().value();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
