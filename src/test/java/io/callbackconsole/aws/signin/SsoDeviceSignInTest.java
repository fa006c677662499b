package io.callbackconsole.aws.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.sandbox.IdentityCenterSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device-authorization sign-in against the IAM Identity Center simulator, and the cache file it writes. */
class SsoDeviceSignInTest {
    private static final SignInProfile.Sso SESSION = new SignInProfile.Sso("corp", "https://corp.awsapps.com/start",
            "us-east-1", "111122223333", "Operator", List.of("sso:account:access"));

    @TempDir
    Path folder;
    IdentityCenterSimulator center;
    SsoTokenCache cache;
    final List<Duration> pauses = new ArrayList<>();
    final AtomicReference<DeviceCode> shown = new AtomicReference<>();

    @BeforeEach
    void start() {
        center = IdentityCenterSimulator.start(0);
        cache = new SsoTokenCache(folder.resolve("sso").resolve("cache"));
    }

    @AfterEach
    void stop() {
        center.close();
    }

    /** Pauses for real (the simulator checks the interval), recording each, and runs {@code duringPause} first. */
    private SsoDeviceSignIn signIn(Runnable duringPause) {
        return new SsoDeviceSignIn(SsoDeviceSignIn.client("us-east-1", center.endpoint()), cache, Clock.systemUTC(),
                d -> {
                    pauses.add(d);
                    duringPause.run();
                    Thread.sleep(d.toMillis());
                });
    }

    private CredentialPrompts showing() {
        return new CredentialPrompts() {
            @Override
            public Optional<String> mfaCode(String profile, String serial) {
                return Optional.empty();
            }

            @Override
            public void showDeviceCode(String profile, DeviceCode code) {
                shown.set(code);
            }
        };
    }

    @Test
    void anApprovedSignInIsCachedWhereTheAwsCliLooksOwnerOnlyWithEveryField() throws Exception {
        int[] polls = {0};
        try (SsoDeviceSignIn signIn = signIn(() -> {
            if (++polls[0] == 2) {
                center.approve(shown.get().userCode()); // the user approves while the console waits
            }
        })) {
            SsoToken token = signIn.signIn("sso-dev", SESSION, showing(), () -> false);
            assertThat(token.refreshToken()).isNotNull();
        }
        assertThat(shown.get().userCode()).matches("[A-Z]{4}-[A-Z]{4}");
        assertThat(shown.get().pageToOpen().toString()).contains("user_code=" + shown.get().userCode());
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest("corp".getBytes()));
        Path file = folder.resolve("sso/cache/" + sha1 + ".json");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        for (String field : List.of("accessToken", "expiresAt", "refreshToken", "clientId", "clientSecret",
                "registrationExpiresAt", "region", "startUrl")) {
            assertThat(json.path(field).asText()).as(field).isNotBlank();
        }
        assertThat(json.get("expiresAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(json.get("startUrl").asText()).isEqualTo("https://corp.awsapps.com/start");
        assertThat(json.get("region").asText()).isEqualTo("us-east-1");
        assertThat(polls[0]).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aSlowDownAddsFiveSecondsToTheInterval() throws Exception {
        center.slowDownNextPoll();
        int[] polls = {0};
        try (SsoDeviceSignIn signIn = signIn(() -> {
            if (++polls[0] == 2) {
                center.approve(shown.get().userCode());
            }
        })) {
            signIn.signIn("sso-dev", SESSION, showing(), () -> false);
        }
        assertThat(pauses).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(6));
    }

    @Test
    void aCodeNotApprovedBeforeItExpiresEndsTheSignInAndCachesNothing() {
        center.deviceCodeLifetime(Duration.ofSeconds(2));
        try (SsoDeviceSignIn signIn = signIn(() -> { })) {
            assertThatThrownBy(() -> signIn.signIn("sso-dev", SESSION, showing(), () -> false))
                    .isInstanceOfSatisfying(SignInFailed.class,
                            e -> assertThat(e.reason()).isEqualTo(SignInFailed.Reason.CODE_EXPIRED));
        }
        assertThat(cache.load("corp")).isEmpty();
    }

    @Test
    void cancellingEndsTheSignInAndCachesNothing() {
        try (SsoDeviceSignIn signIn = signIn(() -> { })) {
            assertThatThrownBy(() -> signIn.signIn("sso-dev", SESSION, showing(), () -> pauses.size() >= 2))
                    .isInstanceOfSatisfying(SignInFailed.class,
                            e -> assertThat(e.reason()).isEqualTo(SignInFailed.Reason.CANCELLED));
        }
        assertThat(cache.load("corp")).isEmpty();
    }

    @Test
    void theNextSignInReusesTheCachedClientRegistration() throws Exception {
        String firstClient;
        try (SsoDeviceSignIn signIn = signIn(() -> center.approve(shown.get().userCode()))) {
            firstClient = signIn.signIn("sso-dev", SESSION, showing(), () -> false).clientId();
            assertThat(signIn.signIn("sso-dev", SESSION, showing(), () -> false).clientId()).isEqualTo(firstClient);
        }
    }

    @Test
    void aFileThatIsNotATokenCountsAsNoSignIn() throws Exception {
        Files.createDirectories(cache.fileFor("corp").getParent());
        Files.writeString(cache.fileFor("corp"), "{\"accessToken\": 3");
        assertThat(cache.load("corp")).isEmpty();
        Files.writeString(cache.fileFor("corp"), "{\"accessToken\": \"x\", \"expiresAt\": \"tomorrow\"}");
        assertThat(cache.load("corp")).isEmpty();
    }
}
