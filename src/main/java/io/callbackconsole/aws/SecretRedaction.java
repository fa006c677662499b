package io.callbackconsole.aws;

import java.util.regex.Pattern;

/**
 * Takes anything key-like out of outside text (an SDK's or a service's message) before it is shown or recorded.
 * Defence in depth: no SDK message should carry a key, but if one does it never reaches the screen or the journal.
 */
final class SecretRedaction {
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern SECRET_LIKE = Pattern.compile("(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])");

    private SecretRedaction() {
    }

    /** The text with access key ids and secret-like runs replaced; null stays null. */
    static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutIds = ACCESS_KEY_ID.matcher(text).replaceAll("[access key id]");
        return SECRET_LIKE.matcher(withoutIds).replaceAll("[redacted]");
    }
}
