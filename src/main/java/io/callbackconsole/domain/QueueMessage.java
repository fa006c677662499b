package io.callbackconsole.domain;

import java.time.Instant;

/**
 * One SQS message as received: where it came from, the handle that lets us delete or release it, and its raw body.
 *
 * @param sentAt       when SQS accepted the message (SentTimestamp)
 * @param receivedAt   when this console received it
 * @param receiveCount how often SQS has handed it out, this receive included (ApproximateReceiveCount)
 */
public record QueueMessage(
        String queueUrl,
        String messageId,
        String receiptHandle,
        String body,
        Instant sentAt,
        Instant receivedAt,
        int receiveCount) {

    /** The same message with the handle and count of a later receive. */
    public QueueMessage receivedAgain(QueueMessage later) {
        return new QueueMessage(queueUrl, messageId, later.receiptHandle, body, sentAt, later.receivedAt, later.receiveCount);
    }
}
