package io.callbackconsole.domain;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The idempotency key of one decision. SageMaker treats a repeat of a call with the same value as the same request,
 * so a decision keeps its token across retries and restarts.
 */
public record ClientRequestToken(String value) {
    // The service model: 32 to 128 characters, letters, digits and single hyphens, starting with a letter or digit.
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){31,127}");

    public ClientRequestToken {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("A client request token has 32 to 128 letters, digits or hyphens; got \""
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
