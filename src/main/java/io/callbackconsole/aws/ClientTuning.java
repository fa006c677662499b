package io.callbackconsole.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits and retries of the AWS clients. The defaults suit the console; tests shorten them.
 *
 * @param connectTimeout        how long to wait for a TCP/TLS connection
 * @param socketTimeout         how long a connection may stay silent; longer than SQS's longest long poll (20 s)
 * @param apiCallAttemptTimeout the limit for one attempt; also longer than the longest long poll
 * @param apiCallTimeout        the limit for a whole call, retries and back-off included
 * @param maxAttempts           attempts per call, the first one included
 * @param backoffBase           the first back-off after an ordinary retryable error (5xx, lost connection)
 * @param throttlingBackoffBase the first back-off after throttling
 * @param backoffMax            the longest single back-off
 */
public record ClientTuning(
        Duration connectTimeout,
        Duration socketTimeout,
        Duration apiCallAttemptTimeout,
        Duration apiCallTimeout,
        int maxAttempts,
        Duration backoffBase,
        Duration throttlingBackoffBase,
        Duration backoffMax) {

    public static final ClientTuning DEFAULT = new ClientTuning(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(30), Duration.ofSeconds(90), 4, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(20));

    public ClientTuning {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(throttlingBackoffBase, "throttlingBackoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (the first attempt), got " + maxAttempts);
        }
    }
}
