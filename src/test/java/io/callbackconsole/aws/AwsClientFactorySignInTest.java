package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.callbackconsole.aws.signin.AssumedRoleSessionCache;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialState;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.aws.signin.SsoDeviceSignIn;
import io.callbackconsole.aws.signin.SsoTokenCache;
import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.DeviceCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The connection's credentials for each kind of profile, against the STS and IAM Identity Center simulators: the
 * defects of issue 21 and the message of every credential state. Profiles are written to a temp folder; the real
 * ~/.aws is never read or written.
 */
class AwsClientFactorySignInTest {
    @TempDir
    Path folder;
    SignInWorld world;

    @BeforeEach
    void startTheWorld() {
        world = new SignInWorld(folder);
    }

    @AfterEach
    void stopTheWorld() {
        world.close();
    }

    private ConnectionSettings profile(String name) {
        return new ConnectionSettings(false, name, null, List.of(), null, null, world.sts.endpoint(),
                ClientTuning.DEFAULT);
    }

    private static String callerArn(AwsClientFactory factory) {
        try (StsClient sts = factory.sts()) {
            return sts.getCallerIdentity().arn();
        }
    }

    private static OperatorError failureOf(AwsClientFactory factory, String profile) {
        Throwable failure = catchThrowable(() -> callerArn(factory));
        assertThat(failure).as("the call must fail").isNotNull();
        return new AwsErrorExplainer(profile).explain(failure);
    }

    @Test
    void anAssumeRoleProfileKeepsItsCredentialsAfterOneOfItsClientsCloses() {
        // Issue 21: closing one client closed the shared provider's STS client, and every later call failed with
        // "Connection pool shut down". The role cannot be assumed at first, so nothing is cached: the next call must
        // assume it again, through the provider's own STS client.
        try (AwsClientFactory factory = AwsClientFactory.create(profile("late-role"))) {
            assertThat(CallerIdentityLookup.fetch(factory)).isEmpty(); // builds an STS client, fails, closes it
            world.sts.addRole("arn:aws:iam::111122223333:role/LateRole", null, null);
            assertThat(callerArn(factory)).startsWith("arn:aws:sts::111122223333:assumed-role/LateRole/");
            assertThat(CallerIdentityLookup.fetch(factory)).isPresent();
            assertThat(callerArn(factory)).startsWith("arn:aws:sts::111122223333:assumed-role/LateRole/");
        }
    }

    @Test
    void aProfileWithoutARegionIsNamedAndTheMissingRegionSaid() {
        Throwable failure = catchThrowable(() -> AwsClientFactory.resolveRegion(profile("no-region"),
                AwsClientFactory.profileFile(), Optional::empty));
        assertThat(failure).isInstanceOf(CredentialProblem.class);
        assertThat(((CredentialProblem) failure).state()).isEqualTo(CredentialState.REGION_MISSING);
        assertThat(failure.getMessage()).contains("No AWS region is set for profile \"no-region\"")
                .contains("[profile no-region]").contains("nothing was sent").doesNotContain("default-region");
        OperatorError error = new AwsErrorExplainer("no-region").explain(failure);
        assertThat(error.code()).isEqualTo("RegionMissing");
        assertThat(error.answered()).isTrue();
    }

    @Test
    void anSsoProfileWithoutASignInSaysSignInAndThatNothingWasSent() {
        try (AwsClientFactory factory = AwsClientFactory.create(profile("sso-dev"))) {
            OperatorError error = failureOf(factory, "sso-dev");
            assertThat(error.code()).isEqualTo("SignInRequired");
            assertThat(error.answered()).isTrue();
            assertThat(error.explanation()).contains("Not signed in to AWS SSO for profile \"sso-dev\"")
                    .contains("SSO session corp").contains("callback-console login --profile sso-dev")
                    .contains("nothing was sent").doesNotContain("took effect");
        }
    }

    @Test
    void anSsoProfileSignedInGetsRoleCredentialsFromThePortal() throws Exception {
        signInSso("sso-dev");
        try (AwsClientFactory factory = AwsClientFactory.create(profile("sso-dev"))) {
            assertThat(callerArn(factory)).isNotBlank();
        }
    }

    @Test
    void aLegacySsoProfileSignedInWorksToo() throws Exception {
        signInSso("sso-legacy");
        assertThat(new SsoTokenCache(world.caches().ssoTokens()).fileFor(SignInWorld.START_URL)).exists();
        try (AwsClientFactory factory = AwsClientFactory.create(profile("sso-legacy"))) {
            assertThat(callerArn(factory)).isNotBlank();
        }
    }

    @Test
    void aRevokedSsoSignInIsExpiredAndSaysSignInAgain() throws Exception {
        signInSso("sso-dev");
        world.identityCenter.revokeAccessTokens();
        try (AwsClientFactory factory = AwsClientFactory.create(profile("sso-dev"))) {
            OperatorError error = failureOf(factory, "sso-dev");
            assertThat(error.code()).isEqualTo("CredentialsExpired");
            assertThat(error.answered()).isTrue();
            assertThat(error.explanation()).contains("has expired").contains("login --profile sso-dev");
        }
    }

    @Test
    void anExpiredSsoTokenIsRefreshedWithItsRefreshToken() throws Exception {
        world.identityCenter.accessTokenLifetime(Duration.ofSeconds(1));
        signInSso("sso-dev");
        SsoTokenCache cache = new SsoTokenCache(world.caches().ssoTokens());
        String first = cache.load("corp").orElseThrow().accessToken();
        Thread.sleep(1100);
        world.identityCenter.accessTokenLifetime(Duration.ofHours(1));
        try (AwsClientFactory factory = AwsClientFactory.create(profile("sso-dev"))) {
            assertThat(callerArn(factory)).isNotBlank();
        }
        assertThat(cache.load("corp").orElseThrow().accessToken()).isNotEqualTo(first);
    }

    @Test
    void anMfaProfileWithoutASessionSaysMfaRequiredAndNamesTheDevice() {
        try (AwsClientFactory factory = AwsClientFactory.create(profile("mfa"))) {
            OperatorError error = failureOf(factory, "mfa");
            assertThat(error.code()).isEqualTo("MfaRequired");
            assertThat(error.answered()).isTrue();
            assertThat(error.explanation()).contains("Profile \"mfa\" assumes its role with MFA")
                    .contains(SignInWorld.MFA_SERIAL).contains("--mfa-code").doesNotContain("Connection pool");
        }
    }

    @Test
    void anMfaSignInCachesTheSessionOwnerOnlyAndTheConnectionUsesIt() throws Exception {
        ConnectionSignIn signIn = ConnectionSignIn.of(profile("mfa"));
        assertThat(signIn.signedIn()).isFalse();
        signIn.signIn(codeOnly("123456"), () -> false);
        assertThat(signIn.signedIn()).isTrue();
        Path cached = new AssumedRoleSessionCache(world.caches().assumedRoleSessions())
                .fileFor(SignInProfile.of(AwsClientFactory.profileFile(), "mfa").mfaRole());
        assertThat(Files.getPosixFilePermissions(cached)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(cached)).contains("SessionToken").doesNotContain("123456");
        try (AwsClientFactory factory = AwsClientFactory.create(profile("mfa"))) {
            assertThat(callerArn(factory)).startsWith("arn:aws:sts::111122223333:assumed-role/CallbackOperator/");
        }
    }

    @Test
    void aWrongMfaCodeIsRefusedAndNothingIsCached() {
        ConnectionSignIn signIn = ConnectionSignIn.of(profile("mfa"));
        Throwable failure = catchThrowable(() -> signIn.signIn(codeOnly("654321"), () -> false));
        assertThat(failure).isInstanceOf(CredentialProblem.class);
        OperatorError error = new AwsErrorExplainer("mfa").explain(failure);
        assertThat(error.code()).isEqualTo("MfaCodeRefused");
        assertThat(error.explanation()).contains("refused the MFA code").doesNotContain("654321");
        assertThat(signIn.signedIn()).isFalse();
    }

    @Test
    void anMfaSessionThatExpiredAsksForTheCodeAgain() throws Exception {
        world.sts.credentialLifetime(Duration.ofSeconds(30)); // under the one-minute margin: expired for the console
        ConnectionSignIn signIn = ConnectionSignIn.of(profile("mfa"));
        signIn.signIn(codeOnly("123456"), () -> false);
        assertThat(signIn.signedIn()).isFalse();
        try (AwsClientFactory factory = AwsClientFactory.create(profile("mfa"))) {
            assertThat(failureOf(factory, "mfa").code()).isEqualTo("MfaRequired");
        }
    }

    @Test
    void aRoleThatCannotBeAssumedIsNamed() {
        try (AwsClientFactory factory = AwsClientFactory.create(profile("forbidden-role"))) {
            OperatorError error = failureOf(factory, "forbidden-role");
            assertThat(error.code()).isEqualTo("RoleNotAssumable");
            assertThat(error.answered()).isTrue();
            assertThat(error.explanation()).contains("cannot assume arn:aws:iam::111122223333:role/NotForYou")
                    .contains("sts:AssumeRole");
        }
    }

    @Test
    void aProfileWithoutCredentialsSaysSoAndNamesIt() {
        try (AwsClientFactory factory = AwsClientFactory.create(profile("empty"))) {
            OperatorError error = failureOf(factory, "empty");
            assertThat(error.code()).isEqualTo("CredentialsMissing");
            assertThat(error.answered()).isTrue();
            assertThat(error.explanation()).contains("No AWS credentials were found for profile \"empty\"")
                    .contains("nothing was sent");
        }
    }

    @Test
    void noCredentialsAnywhereNamesTheSourcesTried() {
        // What the SDK's default chain throws when none of its sources has credentials.
        RuntimeException chain = software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load "
                + "credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders="
                + "[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(), "
                + "WebIdentityTokenCredentialsProvider(), ProfileCredentialsProvider(profileName=default, "
                + "profileFile=ProfileFile(sections=[])), ContainerCredentialsProvider(), "
                + "InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider(): Unable to load "
                + "credentials from system settings.]");
        Throwable failure = catchThrowable(() -> new io.callbackconsole.aws.signin.ConnectionCredentials(() -> {
            throw chain;
        }, null, null).resolveCredentials());
        OperatorError error = new AwsErrorExplainer().explain(failure);
        assertThat(error.code()).isEqualTo("CredentialsMissing");
        assertThat(error.explanation()).contains("Tried: Java system properties (aws.accessKeyId), environment "
                + "variables (AWS_ACCESS_KEY_ID), a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE), the default "
                + "profile (~/.aws/config, ~/.aws/credentials), container credentials (ECS, EKS), the EC2 instance "
                + "profile.");
    }

    @Test
    void aClockSkewRefusalOfAssumeRoleSaysFixTheClock() {
        RuntimeException skew = software.amazon.awssdk.services.sts.model.StsException.builder()
                .statusCode(400).awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("SignatureDoesNotMatch").errorMessage("Signature expired: 20261201T000000Z is now "
                                + "earlier than 20261202T000000Z").build()).build();
        Throwable failure = catchThrowable(() -> new io.callbackconsole.aws.signin.ConnectionCredentials(() -> {
            throw skew;
        }, "plain-role", SignInWorld.ROLE).resolveCredentials());
        OperatorError error = new AwsErrorExplainer("plain-role").explain(failure);
        assertThat(error.code()).isEqualTo("ClockSkew");
        assertThat(error.answered()).isTrue();
        assertThat(error.explanation()).contains("clock is off").contains("profile \"plain-role\"");
    }

    @Test
    void theSdksOwnNoSsoTokenMessageIsASignInNotAnUnknownOutcome() {
        OperatorError error = new AwsErrorExplainer("sso-dev").explain(
                software.amazon.awssdk.core.exception.SdkClientException.create("Unable to load SSO token"));
        assertThat(error.code()).isEqualTo("SignInRequired");
        assertThat(error.answered()).isTrue();
        assertThat(error.explanation()).doesNotContain("took effect").contains("login --profile sso-dev");
    }

    @Test
    void theFactoryNamesNoSecretAndTheProfileWithItsResolvedRegion() {
        try (AwsClientFactory factory = AwsClientFactory.create(profile("mfa"))) {
            assertThat(factory.toString()).isEqualTo("AwsClientFactory[mfa@us-east-2]");
        }
    }

    private void signInSso(String name) throws Exception {
        SignInProfile profile = SignInProfile.of(AwsClientFactory.profileFile(), name);
        try (SsoDeviceSignIn signIn = new SsoDeviceSignIn(SsoDeviceSignIn.client(profile.sso().region(),
                world.identityCenter.endpoint()), new SsoTokenCache(world.caches().ssoTokens()), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()))) {
            signIn.signIn(name, profile.sso(), new CredentialPrompts() {
                @Override
                public Optional<String> mfaCode(String p, String serial) {
                    return Optional.empty();
                }

                @Override
                public void showDeviceCode(String p, DeviceCode code) {
                    assertThat(world.identityCenter.approve(code.userCode())).isTrue();
                }
            }, () -> false);
        }
    }

    private static CredentialPrompts codeOnly(String code) {
        return new CredentialPrompts() {
            @Override
            public Optional<String> mfaCode(String profile, String serial) {
                return Optional.of(code);
            }

            @Override
            public void showDeviceCode(String profile, DeviceCode deviceCode) {
                throw new AssertionError("an MFA sign-in shows no device code");
            }
        };
    }
}
