package io.callbackconsole.aws.signin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcClientBuilder;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * Signs in to IAM Identity Center the way {@code aws sso login} does, through the SDK's SSO OIDC client: registers a
 * public client (or reuses the cached registration), starts a device authorization, shows the page and user code,
 * polls {@code CreateToken} at the interval the service asks (five seconds more after each {@code slow_down}) until
 * the user approves, denies, or the code expires; then caches the token where the CLI and the SDK read it. Also
 * refreshes a cached sign-in with its refresh token. Blocking: call it off the FX thread. Never logs a token.
 */
public final class SsoDeviceSignIn implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SsoDeviceSignIn.class);
    static final String CLIENT_NAME = "callback-console";
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** A registration this close to its end is renewed rather than used for a sign-in that may take minutes. */
    private static final Duration REGISTRATION_MARGIN = Duration.ofMinutes(15);
    private static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    /** How polling waits; a test passes one that waits less, or records. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final SsoOidcClient oidc;
    private final SsoTokenCache cache;
    private final Clock clock;
    private final Pause pause;

    public SsoDeviceSignIn(SsoOidcClient oidc, SsoTokenCache cache, Clock clock, Pause pause) {
        this.oidc = Objects.requireNonNull(oidc, "oidc");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    /**
     * An SSO OIDC client for the session's region; unsigned, as the service wants.
     *
     * @param endpointOverride null for AWS (or where AWS_ENDPOINT_URL_SSO_OIDC / aws.endpointUrlSsoOidc point)
     */
    public static SsoOidcClient client(String region, URI endpointOverride) {
        SsoOidcClientBuilder builder = SsoOidcClient.builder().region(Region.of(region))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(ApacheHttpClient.builder());
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    /** A sign-in on the real clock, pausing with {@link Thread#sleep}. */
    public static SsoDeviceSignIn create(String region, URI endpointOverride, SsoTokenCache cache) {
        return new SsoDeviceSignIn(client(region, endpointOverride), cache, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
    }

    /**
     * Runs the device-authorization flow and caches the token.
     *
     * @param cancelled asked before every poll; true ends the sign-in with {@link SignInFailed.Reason#CANCELLED}
     * @throws SignInFailed when the code expires, the user denies it, or the operator cancels
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    public SsoToken signIn(String profile, SignInProfile.Sso sso, CredentialPrompts prompts, BooleanSupplier cancelled)
            throws InterruptedException {
        Registration registration = registration(sso);
        StartDeviceAuthorizationResponse device = oidc.startDeviceAuthorization(b -> b.clientId(registration.id())
                .clientSecret(registration.secret()).startUrl(sso.startUrl()));
        Instant deadline = clock.instant().plusSeconds(orDefault(device.expiresIn(), 600));
        prompts.showDeviceCode(profile, new DeviceCode(URI.create(device.verificationUri()),
                device.verificationUriComplete() == null ? null : URI.create(device.verificationUriComplete()),
                device.userCode(), deadline));
        Duration interval = Duration.ofSeconds(Math.max(1, orDefault(device.interval(), 5)));
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new SignInFailed(SignInFailed.Reason.CANCELLED, "The sign-in was cancelled.");
            }
            if (!clock.instant().isBefore(deadline)) {
                throw codeExpired();
            }
            pause.sleep(interval);
            if (cancelled.getAsBoolean()) {
                throw new SignInFailed(SignInFailed.Reason.CANCELLED, "The sign-in was cancelled.");
            }
            try {
                CreateTokenResponse token = oidc.createToken(b -> b.clientId(registration.id())
                        .clientSecret(registration.secret()).grantType(DEVICE_GRANT).deviceCode(device.deviceCode()));
                SsoToken signedIn = tokenOf(token, registration, sso, null);
                cache.store(sso.cacheKey(), signedIn);
                log.info("Signed in to {} for profile {}; the sign-in lasts until {}", sso.describe(), profile,
                        signedIn.expiresAt());
                return signedIn;
            } catch (AuthorizationPendingException pending) {
                // The user has not approved yet: ask again after the interval.
            } catch (SlowDownException slowDown) {
                interval = interval.plus(SLOW_DOWN_STEP);
                log.debug("SSO OIDC asked to slow down; polling every {} s", interval.toSeconds());
            } catch (ExpiredTokenException expired) {
                throw codeExpired();
            } catch (AccessDeniedException denied) {
                throw new SignInFailed(SignInFailed.Reason.DENIED, "The sign-in was denied in the browser.");
            }
        }
    }

    /**
     * Trades the cached sign-in's refresh token for a new access token and caches it; empty when the sign-in cannot
     * be refreshed (no refresh token, the registration ended, or the service refuses the refresh token).
     */
    public Optional<SsoToken> refresh(SignInProfile.Sso sso, SsoToken cached) {
        if (!cached.refreshableAt(clock.instant())) {
            return Optional.empty();
        }
        try {
            CreateTokenResponse token = oidc.createToken(b -> b.clientId(cached.clientId())
                    .clientSecret(cached.clientSecret()).grantType("refresh_token").refreshToken(cached.refreshToken()));
            SsoToken refreshed = tokenOf(token, new Registration(cached.clientId(), cached.clientSecret(),
                    cached.registrationExpiresAt()), sso, cached.refreshToken());
            cache.store(sso.cacheKey(), refreshed);
            return Optional.of(refreshed);
        } catch (InvalidGrantException | InvalidClientException | ExpiredTokenException refused) {
            log.info("The SSO sign-in of {} cannot be refreshed ({}); a new sign-in is needed", sso.describe(),
                    refused.awsErrorDetails() == null ? refused.getClass().getSimpleName()
                            : refused.awsErrorDetails().errorCode());
            return Optional.empty();
        }
    }

    private record Registration(String id, String secret, Instant expiresAt) {
    }

    private Registration registration(SignInProfile.Sso sso) {
        Optional<SsoToken> cached = cache.load(sso.cacheKey());
        Instant soon = clock.instant().plus(REGISTRATION_MARGIN);
        if (cached.isPresent() && cached.get().registrationUsableAt(soon)) {
            return new Registration(cached.get().clientId(), cached.get().clientSecret(),
                    cached.get().registrationExpiresAt());
        }
        RegisterClientResponse client = oidc.registerClient(b -> {
            b.clientName(CLIENT_NAME).clientType("public");
            if (!sso.scopes().isEmpty()) {
                b.scopes(sso.scopes());
            }
        });
        Instant expires = client.clientSecretExpiresAt() == null ? clock.instant().plus(Duration.ofDays(90))
                : Instant.ofEpochSecond(client.clientSecretExpiresAt());
        return new Registration(client.clientId(), client.clientSecret(), expires);
    }

    private SsoToken tokenOf(CreateTokenResponse token, Registration registration, SignInProfile.Sso sso,
                             String previousRefreshToken) {
        Instant expires = clock.instant().plusSeconds(orDefault(token.expiresIn(), 3600));
        String refresh = token.refreshToken() != null ? token.refreshToken() : previousRefreshToken;
        return new SsoToken(token.accessToken(), expires, refresh, registration.id(), registration.secret(),
                registration.expiresAt(), sso.region(), sso.startUrl());
    }

    private static SignInFailed codeExpired() {
        return new SignInFailed(SignInFailed.Reason.CODE_EXPIRED,
                "The sign-in code expired before it was approved in the browser.");
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    @Override
    public void close() {
        oidc.close();
    }
}
