package io.callbackconsole.ui.pending;

import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots whose tokens have waited chosen ages: token {@code i} of pipeline {@code pipelines[i]}, first sent
 * {@code ages[i]} before the snapshot was taken. The snapshot's time is the clock the ages are read against.
 */
final class AgedRows {
    static final Instant NOW = Instant.parse("2030-01-02T12:00:00Z");
    private static final CallbackMessageParser PARSER = new CallbackMessageParser();

    private AgedRows() {
    }

    /** Pipelines and ages, pair by pair, in the table's order; the snapshot is taken at {@code takenAt}. */
    static PendingSnapshot snapshot(Instant takenAt, List<String> pipelines, List<Duration> ages) {
        List<PendingCallback> pending = new ArrayList<>();
        for (int i = 0; i < pipelines.size(); i++) {
            String token = PendingSnapshots.token(i);
            String body = "{\"token\":\"" + token + "\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:"
                    + "000000000000:pipeline/" + pipelines.get(i) + "/execution/e" + i
                    + "\",\"arguments\":{},\"status\":\"Executing\"}";
            var message = ((ParsedMessage.Valid) PARSER.parse(body)).message();
            Instant sent = NOW.minus(ages.get(i));
            pending.add(PendingCallback.of(message, new QueueMessage("http://q/000000000000/q", "id-" + i, "rh-" + i,
                    body, sent, sent.plusSeconds(1), 1)));
        }
        return new PendingSnapshot(pending, List.of(), new PollState(PollState.Phase.POLLING, 1, takenAt, null),
                takenAt);
    }

    static PendingSnapshot snapshot(List<String> pipelines, List<Duration> ages) {
        return snapshot(NOW, pipelines, ages);
    }

    static List<PendingRow> rows(List<String> pipelines, List<Duration> ages) {
        return PendingTableViewModel.rowsOf(snapshot(pipelines, ages));
    }
}
