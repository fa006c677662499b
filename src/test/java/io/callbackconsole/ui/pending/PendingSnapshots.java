package io.callbackconsole.ui.pending;

import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshots as the poller publishes them, for table tests: tokens with the receive count each has had so far. */
final class PendingSnapshots {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final CallbackMessageParser PARSER = new CallbackMessageParser();

    private PendingSnapshots() {
    }

    /** Token "Tok000000i" (10 characters) of pipeline "p{i}". */
    static String token(int i) {
        return String.format("Tok%07d", i);
    }

    static PendingCallback callback(int i, int receiveCount) {
        String body = "{\"token\":\"" + token(i) + "\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:"
                + "000000000000:pipeline/p" + i + "/execution/e" + i + "\",\"arguments\":{},\"status\":\"Executing\"}";
        var message = ((ParsedMessage.Valid) PARSER.parse(body)).message();
        QueueMessage queued = new QueueMessage("http://q/000000000000/q", "id-" + i, "rh-" + i + "-" + receiveCount,
                body, T0, T0.plusSeconds(receiveCount), receiveCount);
        return PendingCallback.of(message, queued);
    }

    /** A snapshot taken {@code second} s after T0 holding these tokens (index → receive count), in this order. */
    static PendingSnapshot snapshot(int second, Map<Integer, Integer> receivesByToken) {
        List<PendingCallback> pending = receivesByToken.entrySet().stream()
                .map(e -> callback(e.getKey(), e.getValue())).toList();
        return new PendingSnapshot(pending, List.of(), new PollState(PollState.Phase.POLLING, 1, T0, null),
                T0.plusSeconds(second));
    }

    /** Tokens 0..n-1, each received once. */
    static PendingSnapshot snapshotOf(int second, int n) {
        Map<Integer, Integer> tokens = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            tokens.put(i, 1);
        }
        return snapshot(second, tokens);
    }

    /**
     * The same tokens once their context look-ups have come back without a context (SageMaker not asked in these
     * tests): rows that can be decided, where {@link #snapshotOf} gives rows still being looked up.
     */
    static PendingSnapshot lookedUp(PendingSnapshot snapshot) {
        Map<CallbackToken, CallbackContext> contexts = new LinkedHashMap<>();
        snapshot.pending().forEach(p -> contexts.put(p.token(),
                new CallbackContext(CallbackContext.Lookup.FAILED, null, null, null, "not asked in this test")));
        return new PendingSnapshot(snapshot.pending(), snapshot.quarantined(), snapshot.pollState(),
                snapshot.takenAt(), contexts);
    }

    static void apply(PendingTableViewModel table, PendingSnapshot snapshot) {
        table.apply(snapshot, PendingTableViewModel.rowsOf(snapshot));
    }
}
