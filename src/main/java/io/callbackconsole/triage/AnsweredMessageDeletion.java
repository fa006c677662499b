package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the SQS messages of a token once its decision's outcome is durable. A failed delete is reported, not
 * thrown: the decision is on record already, and the message that reappears is a leftover the poller deletes.
 */
final class AnsweredMessageDeletion {
    private static final Logger log = LoggerFactory.getLogger(AnsweredMessageDeletion.class);

    private final SqsCallbackInbox inbox;
    private final AwsErrorExplainer explainer;

    AnsweredMessageDeletion(SqsCallbackInbox inbox, AwsErrorExplainer explainer) {
        this.inbox = Objects.requireNonNull(inbox);
        this.explainer = Objects.requireNonNull(explainer);
    }

    /** Deletes each of the token's held messages; why the first that failed could not be deleted, or null. */
    String deleteAll(PendingCallback pending) {
        List<String> failures = new ArrayList<>();
        for (QueueMessage message : pending.messages()) {
            try {
                inbox.delete(message);
            } catch (RuntimeException e) {
                failures.add(explainer.explain(e).explanation());
            }
        }
        return warning(pending.token(), failures);
    }

    /** Deletes one message; why it could not be deleted, or null when it was. */
    String delete(QueueMessage message) {
        try {
            inbox.delete(message);
            return null;
        } catch (RuntimeException e) {
            String why = explainer.explain(e).explanation();
            log.warn("Could not delete message {} from {}: {}", message.messageId(), message.queueUrl(), why);
            return why;
        }
    }

    /** Deletes many tokens' messages in DeleteMessageBatch calls; the messages that failed, with why. */
    Map<QueueMessage, String> deleteInBatches(List<QueueMessage> messages) {
        return messages.isEmpty() ? Map.of() : inbox.deleteAll(messages);
    }

    /** Why the first of the token's messages among {@code failures} could not be deleted; null when all were. */
    String warning(PendingCallback pending, Map<QueueMessage, String> failures) {
        return warning(pending.token(), pending.messages().stream().filter(failures::containsKey)
                .map(failures::get).toList());
    }

    private static String warning(CallbackToken token, List<String> failures) {
        if (failures.isEmpty()) {
            return null;
        }
        log.warn("Could not delete messages of {}: {}", token, failures);
        return failures.get(0);
    }
}
