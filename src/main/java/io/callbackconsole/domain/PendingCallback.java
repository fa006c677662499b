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
 * <p>A token can also be found through the SageMaker API (a callback step still waiting whose message was consumed,
 * expired or never seen): it then holds no message until one arrives.
 *
 * @param message  the newest message's content (a Stopping message wins over an Executing one)
 * @param messages every message held for this token, oldest first; empty for a token found only via SageMaker
 * @param foundVia where SageMaker said the step waits, when it was found that way; null otherwise
 */
public record PendingCallback(CallbackMessage message, List<QueueMessage> messages, FoundViaSageMaker foundVia) {

    /**
     * A waiting callback step found through ListPipelineExecutionSteps.
     *
     * @param queueUrl      the step's SqsQueueUrl
     * @param stepStartedAt when the step started (stands in for when its message was sent)
     */
    public record FoundViaSageMaker(String queueUrl, Instant stepStartedAt) {
        public FoundViaSageMaker {
            Objects.requireNonNull(stepStartedAt, "stepStartedAt");
        }
    }

    public PendingCallback {
        Objects.requireNonNull(message, "message");
        messages = List.copyOf(messages);
        if (messages.isEmpty() && foundVia == null) {
            throw new IllegalArgumentException("a pending callback holds at least one message or was found via SageMaker");
        }
    }

    public PendingCallback(CallbackMessage message, List<QueueMessage> messages) {
        this(message, messages, null);
    }

    /** A token SageMaker lists as waiting, with no SQS message seen for it. */
    public static PendingCallback foundViaSageMaker(CallbackMessage message, FoundViaSageMaker where) {
        return new PendingCallback(message, List.of(), Objects.requireNonNull(where, "where"));
    }

    /** True while no SQS message was seen for this token: it is known only from the SageMaker API. */
    public boolean onlyFoundViaSageMaker() {
        return messages.isEmpty();
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
        if (messages.isEmpty()) {
            return foundVia.stepStartedAt();
        }
        Instant first = messages.get(0).sentAt();
        for (int i = 1; i < messages.size(); i++) {
            Instant sentAt = messages.get(i).sentAt();
            if (sentAt.isBefore(first)) {
                first = sentAt;
            }
        }
        return first;
    }

    public Instant lastReceivedAt() {
        if (messages.isEmpty()) {
            return foundVia.stepStartedAt();
        }
        return messages.stream().map(QueueMessage::receivedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** The highest receive count of any held message: how close the token is to a dead-letter queue. */
    public int receiveCount() {
        return messages.stream().mapToInt(QueueMessage::receiveCount).max().orElse(0);
    }

    public String queueUrl() {
        return messages.isEmpty() ? (foundVia.queueUrl() == null ? "" : foundVia.queueUrl()) : messages.get(0).queueUrl();
    }

    /** The raw body of the message whose content is shown. */
    public String rawBody() {
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).body();
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
        return new PendingCallback(shown, merged, foundVia);
    }
}
