package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.DeviceCode;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.aws.signin.SsoDeviceSignIn;
import io.callbackconsole.aws.signin.SsoTokenCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Issue 21: the AWS CLI and the console share one sign-in. The real {@code aws sso login --no-browser} (Debian's
 * awscli) runs the device flow against the sandbox's IAM Identity Center and writes {@code ~/.aws/sso/cache}; the
 * console then reads that token and gets the role's credentials from the portal, with no sign-in of its own. The
 * other way round, the CLI's SSO credentials come from the token the console's sign-in cached.
 *
 * <p>This CLI (2.9.19, bundled botocore 2.0.0dev155) has no per-service endpoint settings: it ignores
 * {@code AWS_ENDPOINT_URL_SSO_OIDC}, and {@code sso login} takes no {@code --endpoint-url}. So its SSO OIDC client is
 * pointed at the simulator the way botocore allows: an endpoint rule set in {@code AWS_DATA_PATH}, made from the
 * installed one with its rules replaced by the simulator's address.
 */
class AwsCliSsoLoginTest {
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");
    /** The service models and endpoint rule sets of Debian's awscli, read here and never copied. */
    private static final Path INSTALLED_DATA = Path.of("/usr/lib/python3/dist-packages/awscli/botocore/data");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path folder;
    SignInWorld world;

    @BeforeEach
    void startTheWorld() {
        assumeTrue(Files.isExecutable(AWS_CLI),
                "/usr/bin/aws is not installed; install the Debian package 'awscli' to run this test");
        world = new SignInWorld(folder);
        world.identityCenter.intervalSeconds(1);
    }

    @AfterEach
    void stopTheWorld() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theConsoleUsesTheSignInTheAwsCliCachedWithSsoLogin() throws Exception {
        Process login = cli("sso", "login", "--profile", "sso-dev", "--no-browser");
        // The operator opens the page the CLI printed and approves its code. Only once it is printed: the CLI tries
        // one CreateToken before it prints, and a code approved before that attempt is never shown at all.
        Optional<String> userCode = Optional.empty();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (userCode.isEmpty() && login.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            userCode = world.identityCenter.waitingUserCode().filter(code -> printed(login, code));
        }
        assertThat(userCode).as("a device code the CLI asked for and printed; it said: %s", output(login))
                .isPresent();
        assertThat(world.identityCenter.approve(userCode.get())).isTrue();
        assertThat(login.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("aws sso login ends").isTrue();
        String said = output(login);
        assertThat(login.exitValue()).as(said).isZero();
        assertThat(said).contains(userCode.get()).contains("Successfully logged into Start URL: "
                + SignInWorld.START_URL);

        // The file the CLI wrote, in the folder the console reads (~/.aws/sso/cache, by the session's name).
        SsoTokenCache cache = new SsoTokenCache(world.caches().ssoTokens());
        assertThat(cache.fileFor("corp")).exists();
        assertThat(cache.load("corp")).as("the console reads the CLI's token").isPresent();
        try (AwsClientFactory factory = AwsClientFactory.create(new ConnectionSettings(false, "sso-dev", null,
                List.of(), null, null, world.sts.endpoint(), ClientTuning.DEFAULT));
             StsClient sts = factory.sts()) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo(SignInWorld.ACCOUNT);
        }
        assertThat(ConnectionSignIn.of(new ConnectionSettings(false, "sso-dev", "us-east-2", List.of(), null, null,
                world.sts.endpoint())).signedIn()).as("signed in, for the window's banner too").isTrue();
    }

    @Test
    void theAwsCliUsesTheSignInTheConsoleCached() throws Exception {
        SignInProfile profile = SignInProfile.of(AwsClientFactory.profileFile(), "sso-dev");
        try (SsoDeviceSignIn signIn = new SsoDeviceSignIn(SsoDeviceSignIn.client(profile.sso().region(),
                world.identityCenter.endpoint()), new SsoTokenCache(world.caches().ssoTokens()), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()))) {
            signIn.signIn("sso-dev", profile.sso(), new CredentialPrompts() {
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

        // The CLI's SSO credential provider reads the console's token and asks the portal for the role's keys.
        Process whoAmI = cli("sts", "get-caller-identity", "--profile", "sso-dev", "--endpoint-url",
                world.sts.endpoint().toString(), "--output", "json");
        assertThat(whoAmI.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("aws sts ends").isTrue();
        String said = output(whoAmI);
        assertThat(whoAmI.exitValue()).as(said).isZero();
        assertThat(new ObjectMapper().readTree(said).path("Account").asText()).as(said)
                .isEqualTo(SignInWorld.ACCOUNT);
    }

    /** The CLI with the world's config, ~/.aws as the console's cache folders, and SSO OIDC at the simulator. */
    private Process cli(String... args) throws IOException {
        Path home = folder.resolve("cli-home");
        Files.createDirectories(home);
        Files.createDirectories(world.awsDir);
        Files.createSymbolicLink(home.resolve(".aws"), world.awsDir);
        ProcessBuilder builder = new ProcessBuilder(concat(AWS_CLI.toString(), args)).redirectErrorStream(true)
                .redirectOutput(folder.resolve("cli-output.txt").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", folder.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", folder.resolve("credentials").toString());
        env.put("AWS_DATA_PATH", atTheSimulator().toString());
        env.put("AWS_PAGER", "");
        // The device code reaches the file as the CLI prints it, not when it exits.
        env.put("PYTHONUNBUFFERED", "1");
        return builder.start();
    }

    /**
     * A data folder whose SSO OIDC and SSO portal rule sets send every request to the simulator (it serves both on one
     * port), all else as installed.
     */
    private Path atTheSimulator() throws IOException {
        Path data = folder.resolve("botocore-data");
        for (String service : List.of("sso-oidc", "sso")) {
            Path file = data.resolve(service + "/2019-06-10/endpoint-rule-set-1.json");
            Files.createDirectories(file.getParent());
            new ObjectMapper().writeValue(file.toFile(), toTheSimulator(INSTALLED_DATA.resolve(service
                    + "/2019-06-10/endpoint-rule-set-1.json")));
        }
        return data;
    }

    private ObjectNode toTheSimulator(Path installedRuleSet) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode ruleSet = (ObjectNode) mapper.readTree(installedRuleSet.toFile());
        ObjectNode rule = mapper.createObjectNode();
        rule.putArray("conditions");
        ObjectNode endpoint = rule.putObject("endpoint");
        endpoint.put("url", world.identityCenter.endpoint().toString().replaceAll("/$", ""));
        endpoint.putObject("properties");
        endpoint.putObject("headers");
        rule.put("type", "endpoint");
        ruleSet.putArray("rules").add(rule);
        return ruleSet;
    }

    private boolean printed(Process process, String userCode) {
        try {
            return output(process).contains(userCode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String output(Process process) throws IOException {
        Path file = folder.resolve("cli-output.txt");
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
