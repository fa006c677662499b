package io.callbackconsole.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One token that waits for a decision, with every SQS message that announced it. SQS delivers at least once and a
 * stop request sends a second message, so one token can hold several messages; they are deleted together once the
 * decision is on record.
 *
 * @param message  the newest message's content (a Stopping message wins over an Executing one)
 * @param messages every message held for this token, oldest first
 */
public record PendingCallback(CallbackMessage message, List<QueueMessage> messages) {

    public PendingCallback {
        Objects.requireNonNull(message, "message");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a pending callback holds at least one message");
        }
    }

    public static PendingCallback of(CallbackMessage message, QueueMessage queueMessage) {
        return new PendingCallback(message, List.of(queueMessage));
    }

    public CallbackToken token() {
        return message.token();
    }

    public PipelineExecutionArn executionArn() {
        return message.executionArn();
    }

    public boolean stopRequested() {
        return message.status() == CallbackStatus.STOPPING;
    }

    /** When the first message for this token reached the queue. */
    public Instant firstSentAt() {
        return messages.stream().map(QueueMessage::sentAt).min(Comparator.naturalOrder()).orElseThrow();
    }

    public Instant lastReceivedAt() {
        return messages.stream().map(QueueMessage::receivedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The highest receive count of any held message: how close the token is to a dead-letter queue. */
    public int receiveCount() {
        return messages.stream().mapToInt(QueueMessage::receiveCount).max().orElse(0);
    }

    public String queueUrl() {
        return messages.get(0).queueUrl();
    }

    /** The raw body of the message whose content is shown. */
    public String rawBody() {
        return messages.get(messages.size() - 1).body();
    }

    /**
     * This callback with one more message for the same token merged in: a repeat delivery of a held message refreshes
     * its receipt handle; a new message (a Stopping after an Executing) is added and its status wins.
     */
    public PendingCallback merge(CallbackMessage newMessage, QueueMessage queueMessage) {
        if (!newMessage.token().equals(token())) {
            throw new IllegalArgumentException("cannot merge token " + newMessage.token() + " into " + token());
        }
        List<QueueMessage> merged = new ArrayList<>(messages.size() + 1);
        boolean known = false;
        for (QueueMessage held : messages) {
            if (held.messageId().equals(queueMessage.messageId())) {
                merged.add(held.receivedAgain(queueMessage));
                known = true;
            } else {
                merged.add(held);
            }
        }
        if (!known) {
            merged.add(queueMessage);
        }
        CallbackMessage shown = message.status() == CallbackStatus.STOPPING && newMessage.status() != CallbackStatus.STOPPING
                ? message
                : newMessage;
        return new PendingCallback(shown, merged);
    }
}
