package io.callbackconsole.aws;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;

/**
 * The figures the SDK's own time-out message names ("... timeout configuration: 2000 millis (SDK Attempt Count:
 * 2)"), for callers that cannot name the deadline they gave the call.
 *
 * @param limit      the time-out that ran out
 * @param perAttempt true when it was one attempt's time-out, false when the whole call's
 * @param attempts   how many attempts the SDK made; null when the message does not say
 */
record SdkTimeout(Duration limit, boolean perAttempt, Integer attempts) {
    private static final Pattern SDK_TIMEOUT_MILLIS = Pattern.compile("timeout configuration: ([0-9]{1,9}) millis");
    private static final Pattern SDK_ATTEMPT_COUNT = Pattern.compile("SDK Attempt Count: ([0-9]{1,3})");

    /** The figures in {@code timeout}'s message; null when it names no time-out. */
    static SdkTimeout read(Throwable timeout) {
        String message = timeout.getMessage() == null ? "" : timeout.getMessage();
        Matcher millis = SDK_TIMEOUT_MILLIS.matcher(message);
        if (!millis.find()) {
            return null;
        }
        Matcher attempts = SDK_ATTEMPT_COUNT.matcher(message);
        return new SdkTimeout(Duration.ofMillis(Long.parseLong(millis.group(1))),
                timeout instanceof ApiCallAttemptTimeoutException,
                attempts.find() ? Integer.valueOf(attempts.group(1)) : null);
    }
}
