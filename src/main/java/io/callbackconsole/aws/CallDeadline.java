package io.callbackconsole.aws;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How long one kind of AWS call may take before the console gives up on it: each attempt, how many attempts, and the
 * whole call with its back-offs. Operators see these figures in time-out messages ("no answer within 10 s, 3 attempts").
 *
 * @param perAttempt how long one attempt may wait for its answer
 * @param attempts   attempts per call, the first one included
 * @param total      the limit for the whole call, retries and back-offs included
 */
public record CallDeadline(Duration perAttempt, int attempts, Duration total) {

    public CallDeadline {
        Objects.requireNonNull(perAttempt, "perAttempt");
        Objects.requireNonNull(total, "total");
        if (perAttempt.isNegative() || perAttempt.isZero()) {
            throw new IllegalArgumentException("An attempt needs some time to get its answer; got " + perAttempt);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("A call makes at least 1 attempt; got " + attempts);
        }
        if (total.compareTo(perAttempt) < 0) {
            throw new IllegalArgumentException("The whole call (" + total + ") cannot be shorter than one attempt ("
                    + perAttempt + ")");
        }
    }

    /**
     * Every attempt may use its full time, plus half an attempt for the back-offs between them: 10 s and 3 attempts
     * make 35 s in all. Back-offs are short (see {@link ClientTuning}), so retries are never cut off by the total.
     */
    public static CallDeadline of(Duration perAttempt, int attempts) {
        Objects.requireNonNull(perAttempt, "perAttempt");
        if (attempts < 1) {
            throw new IllegalArgumentException("A call makes at least 1 attempt; got " + attempts);
        }
        return new CallDeadline(perAttempt, attempts, perAttempt.multipliedBy(attempts).plus(perAttempt.dividedBy(2)));
    }

    /**
     * The deadline a client was built with, as far as its configuration says; empty when it sets no attempt time-out
     * (a client built elsewhere than {@link AwsClientFactory}).
     */
    public static Optional<CallDeadline> of(SdkClient client) {
        ClientOverrideConfiguration overrides = client.serviceClientConfiguration().overrideConfiguration();
        Optional<Duration> perAttempt = overrides.apiCallAttemptTimeout();
        if (perAttempt.isEmpty()) {
            return Optional.empty();
        }
        int attempts = overrides.retryStrategy().map(RetryStrategy::maxAttempts).orElse(1);
        Duration total = overrides.apiCallTimeout().filter(t -> t.compareTo(perAttempt.get()) >= 0)
                .orElse(perAttempt.get().multipliedBy(attempts));
        return Optional.of(new CallDeadline(perAttempt.get(), attempts, total));
    }

    /** "10 s, 3 attempts (35 s in all)", or "3 s, 1 attempt" when there is nothing to add. */
    public String describe() {
        String text = seconds(perAttempt) + ", " + attempts + (attempts == 1 ? " attempt" : " attempts");
        return total.equals(perAttempt.multipliedBy(attempts)) ? text : text + " (" + seconds(total) + " in all)";
    }

    /** "10 s", "2.5 s", "1.25 s", "500 ms": figures an operator reads, not ISO-8601. */
    public static String seconds(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
