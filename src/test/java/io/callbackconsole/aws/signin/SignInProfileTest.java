package io.callbackconsole.aws.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.profiles.ProfileFile;

/** Which profiles the console signs in itself, what it needs of them, and the AWS CLI's cache names. */
class SignInProfileTest {
    private static ProfileFile config(String text) {
        return ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION)
                .content(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static final ProfileFile FILES = config("""
            [profile session]
            sso_session = corp
            sso_account_id = 111122223333
            sso_role_name = Operator

            [profile legacy]
            sso_start_url = https://old.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 111122223333
            sso_role_name = Operator

            [profile no-role]
            sso_session = corp
            sso_account_id = 111122223333

            [profile lost-session]
            sso_session = elsewhere
            sso_account_id = 111122223333
            sso_role_name = Operator

            [profile mfa]
            role_arn = arn:aws:iam::111122223333:role/Ops
            source_profile = base
            mfa_serial = arn:aws:iam::111122223333:mfa/me
            duration_seconds = 3600

            [profile mfa-no-source]
            role_arn = arn:aws:iam::111122223333:role/Ops
            credential_source = Environment
            mfa_serial = arn:aws:iam::111122223333:mfa/me

            [profile mfa-bad-duration]
            role_arn = arn:aws:iam::111122223333:role/Ops
            source_profile = base
            mfa_serial = arn:aws:iam::111122223333:mfa/me
            duration_seconds = an hour

            [profile process]
            credential_process = /usr/local/bin/creds

            [profile web]
            role_arn = arn:aws:iam::111122223333:role/Ops
            web_identity_token_file = /var/run/token

            [sso-session corp]
            sso_region = us-east-1
            sso_start_url = https://corp.awsapps.com/start
            sso_registration_scopes = sso:account:access, codewhisperer:completions
            """);

    @Test
    void anSsoSessionProfileTakesItsStartUrlRegionAndScopesFromTheSession() {
        SignInProfile profile = SignInProfile.of(FILES, "session");
        assertThat(profile.kind()).isEqualTo(SignInProfile.Kind.SSO);
        assertThat(profile.sso()).isEqualTo(new SignInProfile.Sso("corp", "https://corp.awsapps.com/start",
                "us-east-1", "111122223333", "Operator", List.of("sso:account:access", "codewhisperer:completions")));
        assertThat(profile.sso().cacheKey()).isEqualTo("corp");
    }

    @Test
    void aLegacySsoProfileIsCachedByItsStartUrl() {
        SignInProfile.Sso sso = SignInProfile.of(FILES, "legacy").sso();
        assertThat(sso.sessionName()).isNull();
        assertThat(sso.cacheKey()).isEqualTo("https://old.awsapps.com/start");
        assertThat(sso.region()).isEqualTo("eu-west-1");
    }

    @Test
    void aMissingSettingIsNamed() {
        assertThatThrownBy(() -> SignInProfile.of(FILES, "no-role")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("profile \"no-role\"").hasMessageContaining("sso_role_name");
        assertThatThrownBy(() -> SignInProfile.of(FILES, "lost-session")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no [sso-session elsewhere] section");
        assertThatThrownBy(() -> SignInProfile.of(FILES, "mfa-no-source")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("source_profile");
        assertThatThrownBy(() -> SignInProfile.of(FILES, "mfa-bad-duration")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("duration_seconds = an hour");
        assertThatThrownBy(() -> SignInProfile.of(FILES, "nobody")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no AWS profile named \"nobody\"");
    }

    @Test
    void anMfaRoleProfileIsSignedInByTheConsole() {
        SignInProfile profile = SignInProfile.of(FILES, "mfa");
        assertThat(profile.kind()).isEqualTo(SignInProfile.Kind.MFA_ROLE);
        assertThat(profile.mfaRole()).isEqualTo(new SignInProfile.MfaRole("arn:aws:iam::111122223333:role/Ops", "base",
                "arn:aws:iam::111122223333:mfa/me", null, null, 3600));
    }

    @Test
    void credentialProcessAndWebIdentityProfilesAreLeftToTheSdk() {
        assertThat(SignInProfile.of(FILES, "process").kind()).isEqualTo(SignInProfile.Kind.SDK);
        assertThat(SignInProfile.of(FILES, "web").kind()).isEqualTo(SignInProfile.Kind.SDK);
    }

    @Test
    void theAssumeRoleCacheFileIsNamedAsTheAwsCliNamesIt() {
        // botocore: sha1(json.dumps({"DurationSeconds": 3600, "RoleArn": ..., "SerialNumber": ...}, sort_keys=True))
        AssumedRoleSessionCache cache = new AssumedRoleSessionCache(java.nio.file.Path.of("cache"));
        String expected = sha1("{\"DurationSeconds\": 3600, \"RoleArn\": \"arn:aws:iam::111122223333:role/Ops\", "
                + "\"SerialNumber\": \"arn:aws:iam::111122223333:mfa/me\"}");
        assertThat(cache.fileFor(SignInProfile.of(FILES, "mfa").mfaRole()).getFileName().toString())
                .isEqualTo(expected + ".json");
    }

    @Test
    void cachedExpirationsAreReadInEachWayTheyAreWritten() {
        Instant one = Instant.parse("2026-12-02T01:00:00Z");
        assertThat(AssumedRoleSessionCache.parseExpiration("2026-12-02T01:00:00Z")).isEqualTo(one);
        assertThat(AssumedRoleSessionCache.parseExpiration("2026-12-02T01:00:00+00:00")).isEqualTo(one);
        assertThat(AssumedRoleSessionCache.parseExpiration("2026-12-02T01:00:00UTC")).isEqualTo(one);
    }

    @Test
    void noSecretIsInTheStringOfASessionOrAToken() {
        AssumedRoleSession session = new AssumedRoleSession("ASIAEXAMPLEEXAMPLE01", "secret-key", "session-token",
                Instant.parse("2026-12-02T01:00:00Z"), "arn:aws:sts::111122223333:assumed-role/Ops/me");
        assertThat(session.toString()).doesNotContain("ASIAEXAMPLE").doesNotContain("secret-key")
                .doesNotContain("session-token");
        SsoToken token = new SsoToken("access-token", Instant.parse("2026-12-02T01:00:00Z"), "refresh-token",
                "client", "client-secret", null, "us-east-1", "https://corp.awsapps.com/start");
        assertThat(token.toString()).doesNotContain("access-token").doesNotContain("refresh-token")
                .doesNotContain("client-secret");
    }

    private static String sha1(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
