package io.callbackconsole.triage;

import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the SQS messages this console shows hidden from other consumers: extends each lease before it runs out, lets
 * go of a message whose lease was lost, and — when peeking — hands back what a poll read. Used on the poller thread.
 */
final class MessageLeases {
    private static final Logger log = LoggerFactory.getLogger(MessageLeases.class);

    private final SqsCallbackInbox inbox;
    private final PendingCallbackSet callbacks;
    private final Duration visibilityTimeout;
    private final Clock clock;
    /** Until when this console holds each message it received, by message id. */
    private final Map<String, Instant> leaseUntil = new ConcurrentHashMap<>();

    MessageLeases(SqsCallbackInbox inbox, PendingCallbackSet callbacks, Duration visibilityTimeout, Clock clock) {
        this.inbox = inbox;
        this.callbacks = callbacks;
        this.visibilityTimeout = visibilityTimeout;
        this.clock = clock;
    }

    /** The message was received with a lease that lasts until {@code until} (taken before the receive call). */
    void leased(QueueMessage message, Instant until) {
        leaseUntil.put(message.messageId(), until);
    }

    void forget(Collection<QueueMessage> messages) {
        messages.forEach(m -> leaseUntil.remove(m.messageId()));
    }

    /**
     * Extends, in batches, the lease of every held message whose lease is half used up, so no other consumer receives
     * it while this console shows it. A message whose lease ran out before it could be extended may be held by another
     * console now: it is let go.
     */
    void keep() {
        List<QueueMessage> held = callbacks.heldMessages();
        Set<String> heldIds = new HashSet<>();
        held.forEach(m -> heldIds.add(m.messageId()));
        leaseUntil.keySet().retainAll(heldIds);
        if (visibilityTimeout.isZero() || held.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Duration margin = visibilityTimeout.dividedBy(2);
        List<QueueMessage> due = held.stream().filter(m -> !leaseEnd(m).minus(margin).isAfter(now)).toList();
        if (due.isEmpty()) {
            return;
        }
        Instant extendedUntil = now.plus(visibilityTimeout);
        Map<QueueMessage, String> failed = inbox.extendAll(due, visibilityTimeout);
        Set<String> lost = new HashSet<>();
        Instant after = clock.instant();
        for (QueueMessage message : due) {
            String why = failed.get(message);
            if (why == null) {
                leaseUntil.put(message.messageId(), extendedUntil);
            } else if (!leaseEnd(message).isAfter(after)) {
                lost.add(message.messageId());
                log.warn("Lost the lease of message {} on {} ({}); another consumer may hold it now, so it is not "
                        + "shown until it is received again", message.messageId(), message.queueUrl(), why);
            } else {
                log.warn("Could not extend the lease of message {} on {} ({}); trying again on the next poll",
                        message.messageId(), message.queueUrl(), why);
            }
        }
        if (!lost.isEmpty()) {
            callbacks.dropMessages(lost);
            leaseUntil.keySet().removeAll(lost);
        }
        log.debug("Extended {} lease(s), {} failed", due.size() - failed.size(), failed.size());
    }

    private Instant leaseEnd(QueueMessage message) {
        Instant known = leaseUntil.get(message.messageId());
        return known == null ? message.receivedAt().plus(visibilityTimeout) : known;
    }

    /**
     * Peeking: hands back what this poll read, and forgets the messages of polled queues this poll did not see
     * (another consumer holds or deleted them).
     */
    void handBack(List<QueueMessage> readNow, Set<String> polledQueues) {
        Set<String> seen = new HashSet<>();
        readNow.forEach(m -> seen.add(m.messageId()));
        Set<String> gone = new HashSet<>();
        for (QueueMessage held : callbacks.heldMessages()) {
            if (polledQueues.contains(held.queueUrl()) && !seen.contains(held.messageId())) {
                gone.add(held.messageId());
            }
        }
        callbacks.dropMessages(gone);
        leaseUntil.clear();
        if (!readNow.isEmpty()) {
            Map<QueueMessage, String> failed = inbox.releaseAll(readNow);
            if (!failed.isEmpty()) {
                log.warn("Peeking: {} message(s) could not be handed back and reappear within {} s: {}", failed.size(),
                        CallbackPoller.PEEK_READ_HOLD.toSeconds(), failed.values().iterator().next());
            }
        }
    }

    /** Makes every held message visible again at once, for the next console (or this one restarted). */
    void releaseAllHeld() {
        Map<QueueMessage, String> failed = inbox.releaseAll(callbacks.heldMessages());
        failed.forEach((held, why) -> log.warn("Could not release message {} on {}; it reappears after its "
                + "visibility timeout: {}", held.messageId(), held.queueUrl(), why));
    }
}
