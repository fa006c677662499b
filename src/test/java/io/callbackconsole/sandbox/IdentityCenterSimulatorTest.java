package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.SsoException;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/** The unmodified SDK's SSO OIDC and SSO portal clients drive the simulator as they would IAM Identity Center. */
class IdentityCenterSimulatorTest {
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    IdentityCenterSimulator center;
    SsoOidcClient oidc;
    SsoClient portal;

    @BeforeEach
    void start() {
        center = IdentityCenterSimulator.start(0);
        center.addAccountRole("111122223333", "Operator");
        oidc = SsoOidcClient.builder().endpointOverride(center.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
        portal = SsoClient.builder().endpointOverride(center.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @AfterEach
    void stop() {
        oidc.close();
        portal.close();
        center.close();
    }

    private RegisterClientResponse register() {
        return oidc.registerClient(b -> b.clientName("test").clientType("public").scopes("sso:account:access"));
    }

    private StartDeviceAuthorizationResponse start(RegisterClientResponse client) {
        return oidc.startDeviceAuthorization(b -> b.clientId(client.clientId()).clientSecret(client.clientSecret())
                .startUrl("https://corp.awsapps.com/start"));
    }

    private CreateTokenResponse poll(RegisterClientResponse client, StartDeviceAuthorizationResponse device) {
        return oidc.createToken(b -> b.clientId(client.clientId()).clientSecret(client.clientSecret())
                .grantType(DEVICE_GRANT).deviceCode(device.deviceCode()));
    }

    @Test
    void theDeviceFlowIsPendingUntilApprovedThenIssuesTokensThatThePortalAccepts() throws Exception {
        RegisterClientResponse client = register();
        StartDeviceAuthorizationResponse device = start(client);
        assertThat(device.userCode()).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(device.verificationUriComplete()).endsWith("user_code=" + device.userCode());
        assertThat(device.interval()).isEqualTo(1);
        assertThatThrownBy(() -> poll(client, device)).isInstanceOf(AuthorizationPendingException.class);
        assertThat(center.waitingUserCode()).hasValue(device.userCode());
        assertThat(center.approve(device.userCode())).isTrue();
        Thread.sleep(1000);
        CreateTokenResponse token = poll(client, device);
        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.refreshToken()).isNotBlank();
        RoleCredentials credentials = portal.getRoleCredentials(b -> b.accessToken(token.accessToken())
                .accountId("111122223333").roleName("Operator")).roleCredentials();
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(credentials.expiration()).isGreaterThan(System.currentTimeMillis());
        // The device code is used up.
        assertThatThrownBy(() -> poll(client, device)).isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void pollingFasterThanTheIntervalOrWhenBusyIsASlowDown() {
        RegisterClientResponse client = register();
        StartDeviceAuthorizationResponse device = start(client);
        assertThatThrownBy(() -> poll(client, device)).isInstanceOf(AuthorizationPendingException.class);
        assertThatThrownBy(() -> poll(client, device)).isInstanceOf(SlowDownException.class);
        center.slowDownNextPoll();
        assertThatThrownBy(() -> poll(client, device)).isInstanceOf(SlowDownException.class);
    }

    @Test
    void aDeviceCodeNotApprovedInTimeExpires() {
        center.deviceCodeLifetime(Duration.ofMinutes(1));
        RegisterClientResponse client = register();
        StartDeviceAuthorizationResponse device = start(client);
        center.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
        assertThatThrownBy(() -> poll(client, device)).isInstanceOfSatisfying(ExpiredTokenException.class,
                e -> assertThat(e.error()).isEqualTo("expired_token"));
    }

    @Test
    void aRefreshTokenBuysANewAccessTokenOnce() throws Exception {
        RegisterClientResponse client = register();
        StartDeviceAuthorizationResponse device = start(client);
        center.approve(device.userCode());
        CreateTokenResponse first = poll(client, device);
        CreateTokenResponse refreshed = oidc.createToken(b -> b.clientId(client.clientId())
                .clientSecret(client.clientSecret()).grantType("refresh_token").refreshToken(first.refreshToken()));
        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThatThrownBy(() -> oidc.createToken(b -> b.clientId(client.clientId())
                .clientSecret(client.clientSecret()).grantType("refresh_token").refreshToken(first.refreshToken())))
                .isInstanceOf(InvalidGrantException.class);
    }

    @Test
    void theServiceRefusesUnknownClientsExpiredTokensAndRolesNotGranted() {
        assertThatThrownBy(() -> oidc.startDeviceAuthorization(b -> b.clientId("nobody").clientSecret("x")
                .startUrl("https://corp.awsapps.com/start"))).isInstanceOf(InvalidClientException.class);
        RegisterClientResponse client = register();
        StartDeviceAuthorizationResponse device = start(client);
        center.approve(device.userCode());
        String token = poll(client, device).accessToken();
        assertThatThrownBy(() -> portal.getRoleCredentials(b -> b.accessToken(token).accountId("111122223333")
                .roleName("Admin"))).isInstanceOfSatisfying(SsoException.class, e -> {
                    // Not in the model: AWS answers it as the SDK sees it here.
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ForbiddenException");
                });
        center.revokeAccessTokens();
        assertThatThrownBy(() -> portal.getRoleCredentials(b -> b.accessToken(token).accountId("111122223333")
                .roleName("Operator"))).isInstanceOf(UnauthorizedException.class);
    }
}
