package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.QueueMessage;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages of tokens already answered on this connection (SQS delivers at least once; an earlier delete may have
 * failed): deleted instead of shown, and each deletion put on record.
 */
final class LeftoverMessages {
    private static final Logger log = LoggerFactory.getLogger(LeftoverMessages.class);

    private final SqsCallbackInbox inbox;
    private final AwsErrorExplainer explainer;
    private final Predicate<CallbackToken> alreadyAnswered;
    private volatile Consumer<CallbackMessage> recorder = message -> { };

    /** @param alreadyAnswered whether the history holds an accepted decision on a token, on this connection */
    LeftoverMessages(SqsCallbackInbox inbox, AwsErrorExplainer explainer, Predicate<CallbackToken> alreadyAnswered) {
        this.inbox = Objects.requireNonNull(inbox);
        this.explainer = Objects.requireNonNull(explainer);
        this.alreadyAnswered = Objects.requireNonNull(alreadyAnswered);
    }

    void recordWith(Consumer<CallbackMessage> newRecorder) {
        this.recorder = Objects.requireNonNull(newRecorder);
    }

    /** True when the message is a leftover: it was deleted (or will be tried again when it reappears), not shown. */
    boolean deletedIfLeftover(CallbackMessage callback, QueueMessage message) {
        CallbackToken token = callback.token();
        boolean answered;
        try {
            answered = alreadyAnswered.test(token);
        } catch (RuntimeException e) {
            // The history cannot say now (a team history's server away): the message is shown, polling goes on, and
            // it is asked again when the message is received next. A decision on it is refused until then.
            log.warn("Whether token {} is answered cannot be read from the history; its message is shown: {}", token,
                    e.getMessage());
            return false;
        }
        if (!answered) {
            return false;
        }
        try {
            inbox.delete(message);
            log.info("Deleted message {} of token {}: the history holds an accepted decision on it",
                    message.messageId(), token);
        } catch (RuntimeException e) {
            log.warn("Message {} of answered token {} could not be deleted; it is not shown and is tried again when it "
                    + "reappears: {}", message.messageId(), token, explainer.explain(e).explanation());
            return true;
        }
        try {
            recorder.accept(callback);
        } catch (RuntimeException e) {
            log.warn("The deletion of the leftover message {} of token {} could not be recorded: {}",
                    message.messageId(), token, e.getMessage());
        }
        return true;
    }
}
