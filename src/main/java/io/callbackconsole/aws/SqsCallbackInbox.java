package io.callbackconsole.aws;

import io.callbackconsole.domain.QueueMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Objects;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Receives callback messages from SQS queues and settles them: delete once the decision is on record, release to
 * hand a message back at once, extend to keep holding it. Receiving leases a message for the visibility timeout and
 * raises its receive count, which brings it closer to a dead-letter queue.
 *
 * <p>Thread-safe (the SDK client is). SDK exceptions propagate; explain them with {@link AwsErrorExplainer}. The inbox
 * does not own the client: whoever built it closes it.
 */
public final class SqsCallbackInbox {
    private static final Logger log = LoggerFactory.getLogger(SqsCallbackInbox.class);
    /** SQS hands out at most 10 messages per ReceiveMessage. */
    public static final int MAX_MESSAGES_PER_RECEIVE = 10;
    /** SQS's longest long poll. */
    public static final int MAX_WAIT_SECONDS = 20;
    /** SQS's longest visibility timeout: 12 hours. */
    public static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final Clock clock;
    private final CallDeadline callDeadline;

    public SqsCallbackInbox(SqsClient sqs) {
        this(sqs, Clock.systemUTC());
    }

    /**
     * @param sqs a client from {@link AwsClientFactory#sqs()}; its per-attempt time-out is the margin a receive gets
     *            beyond its long-poll wait ({@link ClientTuning#SQS_DEFAULT} for a client that sets none)
     */
    public SqsCallbackInbox(SqsClient sqs, Clock clock) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.callDeadline = CallDeadline.of(sqs).orElse(ClientTuning.SQS_DEFAULT);
    }

    /**
     * How long one receive with this long-poll wait may take before it fails with a time-out: the wait plus one SQS
     * attempt's time-out, for the whole call. A quick failure is retried within it; a silent endpoint is given up on at
     * once rather than waited for again, since the next poll is a retry anyway.
     */
    public Duration receiveDeadline(int waitSeconds) {
        return Duration.ofSeconds(waitSeconds).plus(callDeadline.perAttempt());
    }

    /**
     * Receives up to 10 messages, leasing each for {@code visibilityTimeout}. Fails with a time-out when no answer
     * comes within {@link #receiveDeadline(int)}.
     *
     * @param waitSeconds how long SQS may wait for a message to arrive (long polling), 0 to 20
     */
    public List<QueueMessage> receive(String queueUrl, Duration visibilityTimeout, int waitSeconds) {
        Objects.requireNonNull(queueUrl, "queueUrl");
        int visibilitySeconds = visibilitySeconds(visibilityTimeout);
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw new IllegalArgumentException("SQS waits 0 to " + MAX_WAIT_SECONDS + " seconds for messages; got "
                    + waitSeconds);
        }
        Duration deadline = receiveDeadline(waitSeconds);
        ReceiveMessageResponse response = sqs.receiveMessage(b -> b
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(deadline).apiCallTimeout(deadline))
                .queueUrl(queueUrl)
                .maxNumberOfMessages(MAX_MESSAGES_PER_RECEIVE)
                .visibilityTimeout(visibilitySeconds)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.SENT_TIMESTAMP));
        Instant receivedAt = clock.instant();
        List<QueueMessage> messages = response.messages().stream()
                .map(m -> toQueueMessage(queueUrl, m, receivedAt))
                .toList();
        log.debug("Received {} message(s) from {}", messages.size(), queueUrl);
        return messages;
    }

    /** Removes the message from its queue for good; only once the decision about it is on record. */
    public void delete(QueueMessage message) {
        sqs.deleteMessage(b -> b.queueUrl(message.queueUrl()).receiptHandle(message.receiptHandle()));
        log.debug("Deleted message {} from {}", message.messageId(), message.queueUrl());
    }

    /** Hands the message back to the queue at once, so this or another console receives it again. */
    public void release(QueueMessage message) {
        changeVisibility(message, 0);
        log.debug("Released message {} on {}", message.messageId(), message.queueUrl());
    }

    /** Keeps holding the message: it stays invisible to other consumers for {@code visibility} from now. */
    public void extend(QueueMessage message, Duration visibility) {
        changeVisibility(message, visibilitySeconds(visibility));
    }

    /**
     * Keeps holding many messages with as few calls as SQS allows (ChangeMessageVisibilityBatch, 10 per call and
     * queue). Never throws for a single message: the ones SQS refused, or whose call failed, are returned with why.
     */
    public Map<QueueMessage, String> extendAll(List<QueueMessage> messages, Duration visibility) {
        return changeVisibilityAll(messages, visibilitySeconds(visibility));
    }

    /** Hands many messages back at once, batched like {@link #extendAll}; returns the ones that failed, with why. */
    public Map<QueueMessage, String> releaseAll(List<QueueMessage> messages) {
        return changeVisibilityAll(messages, 0);
    }

    /**
     * Removes many messages for good with as few calls as SQS allows (DeleteMessageBatch, 10 per call and queue);
     * only once the decisions about them are on record. Never throws for a single message: the ones SQS refused, or
     * whose call failed, are returned with why.
     */
    public Map<QueueMessage, String> deleteAll(List<QueueMessage> messages) {
        Map<QueueMessage, String> failed = inBatches(messages, (queueUrl, batch) -> sqs.deleteMessageBatch(b -> b
                .queueUrl(queueUrl).entries(batchIds(batch, (id, m) -> DeleteMessageBatchRequestEntry.builder()
                        .id(id).receiptHandle(m.receiptHandle()).build()))).failed());
        log.debug("Deleted {} message(s); {} failed", messages.size() - failed.size(), failed.size());
        return failed;
    }

    private Map<QueueMessage, String> changeVisibilityAll(List<QueueMessage> messages, int seconds) {
        Map<QueueMessage, String> failed = inBatches(messages, (queueUrl, batch) -> sqs.changeMessageVisibilityBatch(
                b -> b.queueUrl(queueUrl).entries(batchIds(batch, (id, m) -> ChangeMessageVisibilityBatchRequestEntry
                        .builder().id(id).receiptHandle(m.receiptHandle()).visibilityTimeout(seconds).build())))
                .failed());
        log.debug("Set the visibility of {} message(s) to {} s; {} failed", messages.size(), seconds, failed.size());
        return failed;
    }

    /** One batch call of SQS for up to 10 messages of one queue; returns the entries SQS refused. */
    private interface BatchCall {
        List<BatchResultErrorEntry> send(String queueUrl, List<QueueMessage> batch);
    }

    /** Batch entry ids only need to be unique within the call ("m" and the index); message ids may be too long. */
    private static <E> List<E> batchIds(List<QueueMessage> batch, BiFunction<String, QueueMessage, E> entry) {
        List<E> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(entry.apply("m" + i, batch.get(i)));
        }
        return entries;
    }

    /** Sends the messages in batches of 10 per queue; returns the ones that failed, with why. */
    private static Map<QueueMessage, String> inBatches(List<QueueMessage> messages, BatchCall call) {
        Map<QueueMessage, String> failed = new LinkedHashMap<>();
        Map<String, List<QueueMessage>> byQueue = new LinkedHashMap<>();
        messages.forEach(m -> byQueue.computeIfAbsent(m.queueUrl(), q -> new ArrayList<>()).add(m));
        for (Map.Entry<String, List<QueueMessage>> queue : byQueue.entrySet()) {
            List<QueueMessage> all = queue.getValue();
            for (int from = 0; from < all.size(); from += MAX_MESSAGES_PER_RECEIVE) {
                List<QueueMessage> batch = all.subList(from, Math.min(all.size(), from + MAX_MESSAGES_PER_RECEIVE));
                try {
                    for (BatchResultErrorEntry error : call.send(queue.getKey(), batch)) {
                        failed.put(batch.get(Integer.parseInt(error.id().substring(1))),
                                error.code() + ": " + error.message());
                    }
                } catch (RuntimeException e) {
                    batch.forEach(m -> failed.put(m, new AwsErrorExplainer().explain(e).explanation()));
                }
            }
        }
        return failed;
    }

    /**
     * The queue's redrive {@code maxReceiveCount}: after that many receives SQS moves a message to the dead-letter
     * queue. Empty when the queue has no redrive policy.
     */
    public OptionalInt maxReceiveCount(String queueUrl) {
        String policy = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        if (policy == null || policy.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            // SQS writes the count as a number, some tools as a string: "maxReceiveCount":"5".
            JsonNode count = JSON.readTree(policy).path("maxReceiveCount");
            int value = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText().trim());
            return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            log.warn("Unreadable RedrivePolicy of {}: {}", queueUrl, policy);
            return OptionalInt.empty();
        }
    }

    private void changeVisibility(QueueMessage message, int seconds) {
        sqs.changeMessageVisibility(b -> b
                .queueUrl(message.queueUrl())
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout(seconds));
    }

    private static int visibilitySeconds(Duration visibility) {
        Objects.requireNonNull(visibility, "visibility");
        if (visibility.isNegative() || visibility.compareTo(MAX_VISIBILITY) > 0) {
            throw new IllegalArgumentException("SQS holds a message for 0 seconds to 12 hours; got " + visibility);
        }
        return (int) visibility.toSeconds();
    }

    static QueueMessage toQueueMessage(String queueUrl, Message m, Instant receivedAt) {
        Map<MessageSystemAttributeName, String> attributes = m.attributes();
        Instant sentAt = parseMillis(attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP), receivedAt);
        int receiveCount = parseCount(attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        return new QueueMessage(queueUrl, m.messageId(), m.receiptHandle(), m.body(), sentAt, receivedAt, receiveCount);
    }

    // SQS always sends both attributes when asked; a server that does not gets sensible stand-ins, not a failed poll.
    private static Instant parseMillis(String millis, Instant fallback) {
        try {
            return millis == null ? fallback : Instant.ofEpochMilli(Long.parseLong(millis.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static int parseCount(String count) {
        try {
            return count == null ? 1 : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
