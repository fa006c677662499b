package io.callbackconsole.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A message that is not a valid callback message. It is kept with its raw body and the reason it was refused, never
 * deleted automatically, so an operator can look at what the producer sent.
 */
public record QuarantinedMessage(QueueMessage message, String reason) {

    /** The SHA-256 hash of the raw body (UTF-8), lowercase hex: what the history keeps of a deleted message. */
    public String bodySha256() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(message.body().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256, which every Java 17 runtime must have", e);
        }
    }

    /**
     * What the history files the message's deletion under in its token column: the message has no callback token,
     * so the first ten characters of its body hash (the whole hash is in the row's reason). A search for the hash
     * finds the row either way.
     */
    public CallbackToken historyKey() {
        return CallbackToken.of(bodySha256().substring(0, CallbackToken.LENGTH));
    }

    /**
     * What the history says of the message's deletion: the body's whole hash and the message id first, so a reason
     * cut to its limit loses the end of the queue's name only.
     */
    public FailureReason dismissalReason() {
        return FailureReason.shortened("Dismissed: quarantined message deleted; body SHA-256 " + bodySha256()
                + "; message " + message.messageId() + "; queue " + queueName());
    }

    /** The queue's name, the last part of its URL. */
    public String queueName() {
        String url = message.queueUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }
}
