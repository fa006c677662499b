package io.callbackconsole.aws.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Credentials of an MFA-protected assume-role profile: the session {@link MfaRoleSignIn} cached, for as long as it
 * lasts. It never asks for a code itself (it runs on whatever thread a client calls from): without a usable session it
 * throws MFA_REQUIRED, and the front end asks for the code and signs in.
 */
public final class MfaRoleCredentialsProvider implements AwsCredentialsProvider {
    /** A session this close to its end is not used: a call may take that long, and the CLI uses the same margin. */
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private final String profile;
    private final SignInProfile.MfaRole role;
    private final AssumedRoleSessionCache cache;
    private final Clock clock;
    private volatile AssumedRoleSession current;

    public MfaRoleCredentialsProvider(String profile, SignInProfile.MfaRole role, AssumedRoleSessionCache cache,
                                      Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.role = Objects.requireNonNull(role, "role");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AssumedRoleSession session = current;
        if (session == null || !session.usableAt(clock.instant(), EXPIRY_MARGIN)) {
            // Another console, or the AWS CLI, may have signed in meanwhile.
            Optional<AssumedRoleSession> cached = cache.load(role);
            if (cached.isEmpty() || !cached.get().usableAt(clock.instant(), EXPIRY_MARGIN)) {
                current = null;
                throw new CredentialProblem(CredentialState.MFA_REQUIRED, profile, role.mfaSerial());
            }
            session = cached.get();
            current = session;
        }
        return session.credentials();
    }

    @Override
    public String toString() {
        return "MfaRoleCredentialsProvider[" + profile + "]";
    }
}
