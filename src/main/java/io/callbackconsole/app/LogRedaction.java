package io.callbackconsole.app;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials and signatures from a log line: the values of the {@code x-amz-security-token} and
 * {@code Authorization} headers (as the SDK's signer and Apache's header and wire loggers print them: "name: value",
 * "name:value", "name=value"), the {@code X-Amz-Credential}, {@code X-Amz-Signature} and {@code X-Amz-Security-Token}
 * query parameters of presigned URLs, access key ids (AKIA…, ASIA…) and the value after
 * {@code aws_secret_access_key} or {@code aws_session_token}. Each is replaced by {@link #MASK}; the names stay, so a
 * line still says what was sent.
 */
final class LogRedaction {
    static final String MASK = "****";

    /** A header or parameter name, then its separator; the value runs to the end of the line, a quote or a bracket. */
    private static final Pattern SECRET_HEADER = Pattern.compile(
            "(?i)((?:x-amz-security-token|authorization|aws_secret_access_key|aws_session_token|"
                    + "aws_access_key_id|x-amz-credential|x-amz-signature)\\s*[:=]\\s*)[^\\s\"'\\[\\]&,;]+"
                    + "(?:[ \\t]+[^\\s\"'\\[\\]&]+)*");
    /** Access key ids: 4-letter prefix and 16 more upper-case letters or digits. */
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\\b");
    private static final List<Pattern> PATTERNS = List.of(SECRET_HEADER, ACCESS_KEY_ID);

    private LogRedaction() {
    }

    /** The line with every credential replaced by {@link #MASK}. */
    static String redact(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String redacted = line;
        Matcher header = SECRET_HEADER.matcher(redacted);
        if (header.find()) {
            redacted = header.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK));
        }
        Matcher key = ACCESS_KEY_ID.matcher(redacted);
        if (key.find()) {
            redacted = key.replaceAll(MASK);
        }
        return redacted;
    }

    static List<Pattern> patterns() {
        return PATTERNS;
    }
}
