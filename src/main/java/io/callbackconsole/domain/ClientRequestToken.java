package io.callbackconsole.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The idempotency key of one decision. SageMaker treats a repeat of a call with the same value as the same request,
 * so a decision keeps its token across retries and restarts.
 */
public record ClientRequestToken(String value) {
    // The service model (IdempotencyToken): 32 to 128 characters. Ours are printable ASCII without spaces.
    private static final Pattern SHAPE = Pattern.compile("[!-~]{32,128}");

    public ClientRequestToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("A client request token has 32 to 128 printable characters without spaces; got \""
                    + value + "\".");
        }
    }

    public static ClientRequestToken random() {
        return new ClientRequestToken("cc-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value;
    }
}
