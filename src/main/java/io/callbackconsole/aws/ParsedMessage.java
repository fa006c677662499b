package io.callbackconsole.aws;

import io.callbackconsole.domain.CallbackMessage;
import java.util.Objects;

/** What {@link CallbackMessageParser} made of one SQS message body. */
public sealed interface ParsedMessage {

    /** The body is a callback message SageMaker could have sent. */
    record Valid(CallbackMessage message) implements ParsedMessage {
        public Valid {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The body is not a usable callback message; it belongs in quarantine.
     *
     * @param reason what is wrong with it, in words an operator understands
     */
    record Invalid(String reason) implements ParsedMessage {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
