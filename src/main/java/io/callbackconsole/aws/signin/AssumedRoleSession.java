package io.callbackconsole.aws.signin;

import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** Keys of an assumed role until they expire. Holds secrets: {@link #toString()} names none. */
public record AssumedRoleSession(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration,
                                 String assumedRoleArn) {
    public AssumedRoleSession {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** Still usable at {@code now} for at least {@code margin} more. */
    public boolean usableAt(Instant now, java.time.Duration margin) {
        return now.plus(margin).isBefore(expiration);
    }

    public AwsSessionCredentials credentials() {
        return AwsSessionCredentials.builder().accessKeyId(accessKeyId).secretAccessKey(secretAccessKey)
                .sessionToken(sessionToken).expirationTime(expiration).build();
    }

    @Override
    public String toString() {
        return "AssumedRoleSession[" + assumedRoleArn + ", expires " + expiration + "]";
    }
}
