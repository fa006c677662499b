package io.callbackconsole.domain;

/**
 * A message that is not a valid callback message. It is kept with its raw body and the reason it was refused, never
 * deleted automatically, so an operator can look at what the producer sent.
 */
public record QuarantinedMessage(QueueMessage message, String reason) {
}
