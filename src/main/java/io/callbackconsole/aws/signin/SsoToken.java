package io.callbackconsole.aws.signin;

import java.time.Instant;
import java.util.Objects;

/**
 * One SSO sign-in as the AWS CLI caches it in ~/.aws/sso/cache. Holds secrets: {@link #toString()} names none.
 *
 * @param refreshToken          null when the sign-in cannot be refreshed (a legacy profile)
 * @param clientId              the registered OIDC client that signed in (reused for the next sign-in); may be null
 * @param registrationExpiresAt when that client registration ends; may be null
 */
public record SsoToken(String accessToken, Instant expiresAt, String refreshToken, String clientId,
                       String clientSecret, Instant registrationExpiresAt, String region, String startUrl) {
    public SsoToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** A client registration that can still start a sign-in or refresh one. */
    public boolean registrationUsableAt(Instant now) {
        return clientId != null && clientSecret != null && registrationExpiresAt != null
                && now.isBefore(registrationExpiresAt);
    }

    public boolean refreshableAt(Instant now) {
        return refreshToken != null && registrationUsableAt(now);
    }

    @Override
    public String toString() {
        return "SsoToken[" + startUrl + " in " + region + ", expires " + expiresAt + (refreshToken == null ? ""
                : ", refreshable") + "]";
    }
}
