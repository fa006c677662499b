package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.ui.common.Formats;
import java.time.Instant;

/** One row of the pending table: a pending callback as of the snapshot it came in. */
public record PendingRow(PendingCallback callback, Instant snapshotTime) {

    public String token() {
        return callback.token().value();
    }

    public String pipelineName() {
        return callback.executionArn().pipelineName();
    }

    public String executionId() {
        return callback.executionArn().executionId();
    }

    /** "Stop requested" says more to an operator than the wire value "Stopping". */
    public String statusText() {
        return callback.stopRequested() ? "Stop requested" : callback.message().statusText();
    }

    public String argumentsSummary() {
        return callback.message().argumentsSummary();
    }

    public Instant receivedAt() {
        return callback.lastReceivedAt();
    }

    public String age() {
        return Formats.age(callback.firstSentAt(), snapshotTime);
    }

    public int receiveCount() {
        return callback.receiveCount();
    }

    public String queueName() {
        String url = callback.queueUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** What the filter box matches against. */
    boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String needle = filter.trim().toLowerCase(java.util.Locale.ROOT);
        return token().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || callback.executionArn().value().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || statusText().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || argumentsSummary().toLowerCase(java.util.Locale.ROOT).contains(needle)
                || queueName().toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
