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
 * @param retries           the decisions without a known outcome that are sent again in the background, by token
 * @param beingDecidedBy    the tokens another console sharing the team history is deciding (its intent journaled,
 *                          its outcome not), with the operator who decides: they cannot be decided here meanwhile
 */
public record PendingSnapshot(
        List<PendingCallback> pending,
        List<QuarantinedMessage> quarantined,
        PollState pollState,
        Instant takenAt,
        Map<CallbackToken, CallbackContext> contexts,
        Map<String, Integer> maxReceiveCounts,
        Map<CallbackToken, RetrySchedule> retries,
        Map<CallbackToken, String> beingDecidedBy) {

    public PendingSnapshot {
        pending = List.copyOf(pending);
        quarantined = List.copyOf(quarantined);
        contexts = Map.copyOf(contexts);
        maxReceiveCounts = Map.copyOf(maxReceiveCounts);
        retries = Map.copyOf(retries);
        beingDecidedBy = Map.copyOf(beingDecidedBy);
    }

    public PendingSnapshot(List<PendingCallback> pending, List<QuarantinedMessage> quarantined, PollState pollState,
                           Instant takenAt, Map<CallbackToken, CallbackContext> contexts,
                           Map<String, Integer> maxReceiveCounts, Map<CallbackToken, RetrySchedule> retries) {
        this(pending, quarantined, pollState, takenAt, contexts, maxReceiveCounts, retries, Map.of());
    }

    public PendingSnapshot(List<PendingCallback> pending, List<QuarantinedMessage> quarantined, PollState pollState,
                           Instant takenAt, Map<CallbackToken, CallbackContext> contexts,
                           Map<String, Integer> maxReceiveCounts) {
        this(pending, quarantined, pollState, takenAt, contexts, maxReceiveCounts, Map.of());
    }

    public PendingSnapshot(List<PendingCallback> pending, List<QuarantinedMessage> quarantined, PollState pollState,
                           Instant takenAt, Map<CallbackToken, CallbackContext> contexts) {
        this(pending, quarantined, pollState, takenAt, contexts, Map.of(), Map.of(), Map.of());
    }

    /** Without context: before any look-up, or with no SageMaker to ask. */
    public PendingSnapshot(List<PendingCallback> pending, List<QuarantinedMessage> quarantined, PollState pollState,
                           Instant takenAt) {
        this(pending, quarantined, pollState, takenAt, Map.of(), Map.of(), Map.of(), Map.of());
    }

    public PendingSnapshot withContexts(Map<CallbackToken, CallbackContext> newContexts) {
        return new PendingSnapshot(pending, quarantined, pollState, takenAt, newContexts, maxReceiveCounts, retries,
                beingDecidedBy);
    }

    public PendingSnapshot withMaxReceiveCounts(Map<String, Integer> counts) {
        return new PendingSnapshot(pending, quarantined, pollState, takenAt, contexts, counts, retries, beingDecidedBy);
    }

    public PendingSnapshot withRetries(Map<CallbackToken, RetrySchedule> newRetries) {
        return new PendingSnapshot(pending, quarantined, pollState, takenAt, contexts, maxReceiveCounts, newRetries,
                beingDecidedBy);
    }

    public PendingSnapshot withBeingDecidedBy(Map<CallbackToken, String> operators) {
        return new PendingSnapshot(pending, quarantined, pollState, takenAt, contexts, maxReceiveCounts, retries,
                operators);
    }

    /** The operator of another console who is deciding the token right now, or null when nobody else is. */
    public String beingDecidedBy(CallbackToken token) {
        return beingDecidedBy.get(token);
    }

    /** The background retry of the token's unanswered decision, or null when none runs. */
    public RetrySchedule retryOf(CallbackToken token) {
        return retries.get(token);
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
