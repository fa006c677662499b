package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Child;
import io.callbackconsole.testing.ConsoleProcess.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login} and {@code --mfa-code} as an operator runs them: a child JVM whose HOME is a temp folder (so the AWS
 * CLI's cache folders are the real default ones, under that HOME, and the real home is never touched), the profile
 * files and the AWS endpoints named by the environment variables the SDK and the AWS CLI read.
 */
class LoginCommandProcessTest {
    @TempDir
    Path folder;
    SignInWorld world;
    Path home;

    @BeforeEach
    void start() throws Exception {
        world = new SignInWorld(folder);
        home = Files.createDirectories(folder.resolve("home"));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    private Child start(String mainClass, List<String> args) throws Exception {
        return ConsoleProcess.main(mainClass, List.of(), args).environment(env -> {
            env.keySet().removeIf(k -> k.startsWith("AWS_"));
            env.put("HOME", home.toString());
            env.put("AWS_CONFIG_FILE", folder.resolve("config").toString());
            env.put("AWS_SHARED_CREDENTIALS_FILE", folder.resolve("credentials").toString());
            env.put("AWS_ENDPOINT_URL_SSO_OIDC", world.identityCenter.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_SSO", world.identityCenter.endpoint().toString());
            env.put("AWS_ENDPOINT_URL_STS", world.sts.endpoint().toString());
            env.put("AWS_EC2_METADATA_DISABLED", "true");
        }).home(folder.resolve("data")).start(folder);
    }

    private Run finish(Child child) throws Exception {
        Run run = child.finish(Duration.ofSeconds(90));
        // Whatever the command printed or logged (its log goes to stderr), no code and no key is in it.
        assertThat(run.stdout() + run.stderr()).doesNotContain("123456").doesNotContain("654321")
                .doesNotContain(SignInWorld.SECRET);
        return run;
    }

    private Run console(String... args) throws Exception {
        return finish(start(ConsoleProcess.LAUNCHER, List.of(args)));
    }

    @Test
    void loginSignsAnSsoProfileInWhereTheAwsCliAndTheUnmodifiedSdkFindIt() throws Exception {
        Child login = start(ConsoleProcess.LAUNCHER,
                List.of("login", "--profile", "sso-dev", "--no-browser"));
        Optional<String> code = Optional.empty();
        for (int i = 0; i < 600 && code.isEmpty() && login.process().isAlive(); i++) {
            Thread.sleep(100);
            code = world.identityCenter.waitingUserCode();
        }
        assertThat(code).as("the login started a device authorization").isPresent();
        world.identityCenter.approve(code.get());
        Run run = finish(login);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains(world.identityCenter.endpoint() + "/start/#/device?user_code=" + code.get())
                .contains("check that it shows this code: " + code.get())
                .contains("Signed in to SSO session corp for profile sso-dev.");
        String sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest("corp".getBytes(StandardCharsets.UTF_8)));
        Path cached = home.resolve(".aws/sso/cache/" + sha1 + ".json");
        assertThat(Files.getPosixFilePermissions(cached)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(run.stdout() + run.stderr()).doesNotContain(Files.readString(cached).replaceAll(
                "(?s).*\"accessToken\" : \"([^\"]+)\".*", "$1"));

        // The SDK's own SSO provider, unmodified, signs with that cache.
        Run probe = finish(start("io.callbackconsole.cli.SdkProfileProbe", List.of("sso-dev")));
        assertThat(probe.exitCode()).as(probe.stderr()).isZero();
        assertThat(probe.stdout()).contains("resolved ASIA");
    }

    @Test
    void aCommandOnAnSsoProfileNotSignedInStopsBeforeSendingAndSaysToLogIn() throws Exception {
        Run run = console("pending", "--profile", "sso-dev");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
        assertThat(run.stderr()).contains("Not signed in to AWS SSO for profile \"sso-dev\"")
                .contains("callback-console login --profile sso-dev").doesNotContain("took effect");
    }

    @Test
    void anMfaProfileSignsInWithMfaCodeAndRefusesAWrongOrMissingOne() throws Exception {
        Run missing = console("pending", "--profile", "mfa");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
        assertThat(missing.stderr()).contains("assumes its role with MFA").contains("--mfa-code");

        Run malformed = console("login", "--profile", "mfa", "--mfa-code", "12345");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(malformed.stderr()).contains("6 digits");

        Run wrong = console("login", "--profile", "mfa", "--mfa-code", "654321");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
        assertThat(wrong.stderr()).contains("refused the MFA code").doesNotContain("654321");

        Run right = console("login", "--profile", "mfa", "--mfa-code", "123456");
        assertThat(right.exitCode()).as(right.stderr()).isZero();
        assertThat(right.stdout()).contains("Assumed " + SignInWorld.ROLE + " with MFA for profile mfa");
        List<Path> sessions = files(home.resolve(".aws/cli/cache"));
        assertThat(sessions).hasSize(1);
        assertThat(Files.getPosixFilePermissions(sessions.get(0))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(sessions.get(0))).doesNotContain("123456");
        String keyId = Files.readString(files(home.resolve(".aws/cli/cache")).get(0))
                .replaceAll("(?s).*\"AccessKeyId\" : \"([^\"]+)\".*", "$1");
        assertThat(keyId).startsWith("ASIA");
        assertThat(right.stdout() + right.stderr()).doesNotContain(keyId);
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aProfileWithoutARegionIsNamedAndExitsThree() throws Exception {
        Run run = console("pending", "--profile", "no-region");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
        assertThat(run.stderr()).contains("No AWS region is set for profile \"no-region\"")
                .doesNotContain("default-region");
    }

    @Test
    void loginRefusesAProfileThatNeedsNoSignIn() throws Exception {
        Run run = console("login", "--profile", "base");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.stderr()).contains("nothing to sign in to");
    }
}
