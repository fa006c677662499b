package io.callbackconsole.aws.signin;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.SsoClientBuilder;
import software.amazon.awssdk.services.sso.auth.SsoCredentialsProvider;
import software.amazon.awssdk.services.sso.model.GetRoleCredentialsRequest;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Role credentials of an SSO profile, through the SDK's {@link SsoCredentialsProvider} ({@code GetRoleCredentials},
 * renewed before they expire), with the access token read from the AWS CLI's token cache and refreshed with its
 * refresh token when it has expired. No sign-in, an expired one that cannot be refreshed, or a token the portal no
 * longer accepts is a {@link CredentialProblem} naming the profile: nothing is sent, and the fix is to sign in.
 */
public final class SsoRoleCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
    private final String profile;
    private final SignInProfile.Sso sso;
    private final SsoTokenCache cache;
    private final URI oidcEndpoint;
    private final Clock clock;
    private final SsoClient portal;
    private final SsoCredentialsProvider delegate;

    /**
     * @param portalEndpoint null for AWS's SSO portal (or where AWS_ENDPOINT_URL_SSO / aws.endpointUrlSso point)
     * @param oidcEndpoint   null for AWS's SSO OIDC service, used to refresh (or its environment override)
     */
    public SsoRoleCredentialsProvider(String profile, SignInProfile.Sso sso, SsoTokenCache cache, URI portalEndpoint,
                                      URI oidcEndpoint, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.sso = Objects.requireNonNull(sso, "sso");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.oidcEndpoint = oidcEndpoint;
        this.clock = Objects.requireNonNull(clock, "clock");
        SsoClientBuilder builder = SsoClient.builder().region(Region.of(sso.region()))
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(ApacheHttpClient.builder());
        if (portalEndpoint != null) {
            builder.endpointOverride(portalEndpoint);
        }
        this.portal = builder.build();
        SsoCredentialsProvider.Builder delegateBuilder = SsoCredentialsProvider.builder();
        this.delegate = delegateBuilder.ssoClient(portal)
                .refreshRequest((Supplier<GetRoleCredentialsRequest>) this::roleCredentialsRequest)
                .build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return delegate.resolveCredentials();
        } catch (RuntimeException e) {
            Optional<CredentialProblem> known = CredentialProblems.find(e);
            if (known.isPresent()) {
                throw known.get();
            }
            SsoException portalRefusal = CredentialProblems.findOfType(e, SsoException.class);
            if (portalRefusal != null && portalRefusal.statusCode() == 401) {
                throw new CredentialProblem(CredentialState.SSO_EXPIRED, profile, sso.describe(),
                        portalRefusal.getMessage(), e);
            }
            if (portalRefusal != null && portalRefusal.statusCode() == 403) {
                throw new CredentialProblem(CredentialState.ROLE_NOT_ASSUMABLE, profile,
                        "role " + sso.roleName() + " in account " + sso.accountId(), portalRefusal.getMessage(), e);
            }
            throw e;
        }
    }

    private GetRoleCredentialsRequest roleCredentialsRequest() {
        SsoToken token = cache.load(sso.cacheKey()).orElseThrow(() ->
                new CredentialProblem(CredentialState.SSO_NOT_SIGNED_IN, profile, sso.describe()));
        if (token.expiredAt(clock.instant())) {
            try (SsoDeviceSignIn refresher = new SsoDeviceSignIn(SsoDeviceSignIn.client(sso.region(), oidcEndpoint),
                    cache, clock, d -> Thread.sleep(d.toMillis()))) {
                token = refresher.refresh(sso, token).orElseThrow(() ->
                        new CredentialProblem(CredentialState.SSO_EXPIRED, profile, sso.describe()));
            }
        }
        return GetRoleCredentialsRequest.builder().accountId(sso.accountId()).roleName(sso.roleName())
                .accessToken(token.accessToken()).build();
    }

    @Override
    public void close() {
        delegate.close();
        portal.close();
    }

    @Override
    public String toString() {
        return "SsoRoleCredentialsProvider[" + profile + "]";
    }
}
