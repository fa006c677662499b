package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.QueueMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tokens that wait for a decision, keyed by token, and the messages refused as not being callback messages, keyed
 * by SQS message id. SQS delivers at least once and a stop request sends a second message for a token, so arrivals
 * merge into one entry per token. Thread-safe: the poller adds, a submission removes, views read snapshots.
 */
public final class PendingCallbackSet {
    private final Map<CallbackToken, PendingCallback> pending = new LinkedHashMap<>();
    private final Map<String, QuarantinedMessage> quarantined = new LinkedHashMap<>();

    public synchronized void accept(CallbackMessage message, QueueMessage queueMessage) {
        pending.merge(message.token(), PendingCallback.of(message, queueMessage),
                (held, arrived) -> held.merge(message, queueMessage));
    }

    /**
     * Adds a token found through the SageMaker API unless it is already held.
     *
     * @return true when the token was new to this console
     */
    public synchronized boolean addFoundViaSageMaker(PendingCallback found) {
        return pending.putIfAbsent(found.token(), found) == null;
    }

    public synchronized void quarantine(QueueMessage queueMessage, String reason) {
        quarantined.merge(queueMessage.messageId(), new QuarantinedMessage(queueMessage, reason),
                (held, arrived) -> new QuarantinedMessage(held.message().receivedAgain(queueMessage), held.reason()));
    }

    /** The quarantined message with this SQS message id, as last received; empty when it is no longer held. */
    public synchronized Optional<QuarantinedMessage> quarantined(String messageId) {
        return Optional.ofNullable(quarantined.get(messageId));
    }

    /**
     * The held quarantined message whose deletion a history row records with this reason (it names the body's hash,
     * the message id and the queue: one message, not every one with the same body); empty when none is held.
     */
    public synchronized Optional<QuarantinedMessage> quarantinedWhoseDismissalIs(FailureReason reason) {
        return quarantined.values().stream().filter(q -> q.dismissalReason().equals(reason)).findFirst();
    }

    /** Forgets a quarantined message once it is deleted from its queue. */
    public synchronized void removeQuarantined(String messageId) {
        quarantined.remove(messageId);
    }

    public synchronized Optional<PendingCallback> get(CallbackToken token) {
        return Optional.ofNullable(pending.get(token));
    }

    public synchronized Optional<PendingCallback> remove(CallbackToken token) {
        return Optional.ofNullable(pending.remove(token));
    }

    /**
     * Lets go of these messages without touching SQS: their lease ran out and another consumer may hold them now, or
     * (peeking) they were not seen on the latest poll. A token left with no message and not found via SageMaker goes.
     *
     * @return how many tokens went
     */
    public synchronized int dropMessages(java.util.Set<String> messageIds) {
        int gone = 0;
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            PendingCallback held = entry.getValue();
            List<QueueMessage> kept = held.messages().stream().filter(m -> !messageIds.contains(m.messageId())).toList();
            if (kept.size() == held.messages().size()) {
                continue;
            }
            if (kept.isEmpty() && held.foundVia() == null) {
                it.remove();
                gone++;
            } else if (kept.isEmpty()) {
                entry.setValue(PendingCallback.foundViaSageMaker(held.message(), held.foundVia()));
            } else {
                entry.setValue(new PendingCallback(held.message(), kept, held.foundVia()));
            }
        }
        quarantined.keySet().removeAll(messageIds);
        return gone;
    }

    /** Every SQS message this console holds a receipt for, pending or quarantined: what to release on close. */
    public synchronized List<QueueMessage> heldMessages() {
        List<QueueMessage> held = new ArrayList<>();
        pending.values().forEach(p -> held.addAll(p.messages()));
        quarantined.values().forEach(q -> held.add(q.message()));
        return held;
    }

    /** The distinct executions of the pending tokens, in no particular order. */
    public synchronized java.util.Set<io.callbackconsole.domain.PipelineExecutionArn> executionArns() {
        java.util.Set<io.callbackconsole.domain.PipelineExecutionArn> arns = new java.util.HashSet<>();
        pending.values().forEach(p -> arns.add(p.executionArn()));
        return arns;
    }

    public synchronized int size() {
        return pending.size();
    }

    /** Pending tokens oldest first (the longest-waiting pipeline on top), quarantined messages in arrival order. */
    public synchronized PendingSnapshot snapshot(PollState pollState, java.time.Instant now) {
        // Each row's first-sent time is found once, not at each of its ~14 comparisons in a sort of 10 000 rows:
        // a backlog drains with a snapshot every 200 messages, and the comparisons were half the poller's CPU.
        record Keyed(java.time.Instant firstSentAt, PendingCallback row) {
        }
        List<Keyed> keyed = new ArrayList<>(pending.size());
        pending.values().forEach(p -> keyed.add(new Keyed(p.firstSentAt(), p)));
        keyed.sort(Comparator.comparing(Keyed::firstSentAt).thenComparing(k -> k.row().token()));
        List<PendingCallback> rows = new ArrayList<>(keyed.size());
        keyed.forEach(k -> rows.add(k.row()));
        return new PendingSnapshot(rows, new ArrayList<>(quarantined.values()), pollState, now);
    }
}
