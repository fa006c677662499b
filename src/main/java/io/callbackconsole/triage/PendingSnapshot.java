package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QuarantinedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the views show of the inbox at one moment; immutable, published once per poll tick.
 *
 * @param contexts          what SageMaker says about each pending token (absent while not looked up yet)
 * @param maxReceiveCounts  each queue's redrive maxReceiveCount, by queue URL; absent when it has none or is unknown
 */
public record PendingSnapshot(
        List<PendingCallback> pending,
        List<QuarantinedMessage> quarantined,
        PollState pollState,
        Instant takenAt,
        Map<CallbackToken, CallbackContext> contexts,
        Map<String, Integer> maxReceiveCounts) {

    public PendingSnapshot {
        pending = List.copyOf(pending);
        quarantined = List.copyOf(quarantined);
        contexts = Map.copyOf(contexts);
        maxReceiveCounts = Map.copyOf(maxReceiveCounts);
    }

    public PendingSnapshot(List<PendingCallback> pending, List<QuarantinedMessage> quarantined, PollState pollState,
                           Instant takenAt, Map<CallbackToken, CallbackContext> contexts) {
        this(pending, quarantined, pollState, takenAt, contexts, Map.of());
    }

    /** Without context: before any look-up, or with no SageMaker to ask. */
    public PendingSnapshot(List<PendingCallback> pending, List<QuarantinedMessage> quarantined, PollState pollState,
                           Instant takenAt) {
        this(pending, quarantined, pollState, takenAt, Map.of(), Map.of());
    }

    public PendingSnapshot withContexts(Map<CallbackToken, CallbackContext> newContexts) {
        return new PendingSnapshot(pending, quarantined, pollState, takenAt, newContexts, maxReceiveCounts);
    }

    public PendingSnapshot withMaxReceiveCounts(Map<String, Integer> counts) {
        return new PendingSnapshot(pending, quarantined, pollState, takenAt, contexts, counts);
    }

    /** The redrive maxReceiveCount of the callback's queue; 0 when the queue has none or it is not known. */
    public int maxReceiveCountOf(PendingCallback callback) {
        return maxReceiveCounts.getOrDefault(callback.queueUrl(), 0);
    }

    /** The context of a token; {@link CallbackContext#notLookedUp()} when there is none yet. */
    public CallbackContext contextOf(CallbackToken token) {
        return contexts.getOrDefault(token, CallbackContext.notLookedUp());
    }

    public long staleCount() {
        return pending.stream().filter(p -> contextOf(p.token()).stale()).count();
    }
}
