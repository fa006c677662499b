package io.callbackconsole.aws;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits and retries of the AWS clients, per service, sized for an operator who is waiting: seconds, not minutes.
 * A SageMaker endpoint that never answers costs {@code sageMaker.total()} per call (35 s by default, where it used
 * to cost 90 s), STS {@code sts.total()} once per connection.
 *
 * @param connectTimeout        how long to wait for a TCP/TLS connection (within an attempt)
 * @param sageMaker             SageMaker calls: submissions, context look-ups, discovery
 * @param sqs                   SQS calls other than receiving (delete, visibility, attributes); a receive may take
 *                              its long-poll wait plus {@code sqs.perAttempt()}, see {@link SqsCallbackInbox}
 * @param sts                   the STS caller-identity look-up, made once when a connection opens
 * @param backoffBase           the first back-off after an ordinary retryable error (5xx, lost connection)
 * @param throttlingBackoffBase the first back-off after throttling
 * @param backoffMax            the longest single back-off
 */
public record ClientTuning(
        Duration connectTimeout,
        CallDeadline sageMaker,
        CallDeadline sqs,
        CallDeadline sts,
        Duration backoffBase,
        Duration throttlingBackoffBase,
        Duration backoffMax) {

    /** SageMaker: 10 s per attempt, 3 attempts, 35 s in all. */
    public static final CallDeadline SAGEMAKER_DEFAULT = CallDeadline.of(Duration.ofSeconds(10), 3);
    /** SQS: 5 s per call beyond a receive's long-poll wait, 3 attempts. */
    public static final CallDeadline SQS_DEFAULT = CallDeadline.of(Duration.ofSeconds(5), 3);
    /** STS: 3 s per attempt, 2 attempts: the identity is nice to have, never worth a long wait. */
    public static final CallDeadline STS_DEFAULT = CallDeadline.of(Duration.ofSeconds(3), 2);

    // Back-offs stay well inside half an attempt, so CallDeadline.of's allowance covers them.
    public static final ClientTuning DEFAULT = new ClientTuning(Duration.ofSeconds(3), SAGEMAKER_DEFAULT, SQS_DEFAULT,
            STS_DEFAULT, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2));

    public ClientTuning {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(sageMaker, "sageMaker");
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(sts, "sts");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(throttlingBackoffBase, "throttlingBackoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
    }

    /** The same back-offs with other deadlines. */
    public ClientTuning withDeadlines(CallDeadline newSageMaker, CallDeadline newSqs, CallDeadline newSts) {
        return new ClientTuning(connectTimeout, newSageMaker, newSqs, newSts, backoffBase, throttlingBackoffBase,
                backoffMax);
    }
}
