package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The STS simulator speaks the AWS Query protocol as the SDK, the CLI and a plain HTTP client expect. */
class StsSimulatorTest {
    static StsSimulator sts;

    @BeforeAll
    static void start() {
        sts = StsSimulator.start(0, "000000000000");
    }

    @AfterAll
    static void stop() {
        sts.close();
    }

    private static StsClient client() {
        return StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder()).build();
    }

    @Test
    void theSdkGetsTheFixedSandboxIdentity() {
        try (StsClient client = client()) {
            GetCallerIdentityResponse answer = client.getCallerIdentity();
            assertThat(answer.arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/SandboxOperator/sandbox")
                    .isEqualTo(sts.callerArn());
            assertThat(answer.account()).isEqualTo("000000000000");
            assertThat(answer.userId()).endsWith(":sandbox");
            assertThat(answer.responseMetadata().requestId()).isNotBlank();
        }
    }

    @Test
    void onTheWireItIsAFormPostAnsweredInXml() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sts.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=GetCallerIdentity&Version=2011-06-15")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertThat(answer.body()).contains("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Account>000000000000</Account>");

        HttpResponse<String> unknown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sts.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString("Action=DecodeAuthorizationMessage&Version=2011-06-15"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("<Code>InvalidAction</Code>").contains("DecodeAuthorizationMessage");
    }

    private static final String MFA_ROLE = "arn:aws:iam::000000000000:role/Guarded";
    private static final String DEVICE = "arn:aws:iam::000000000000:mfa/operator";

    @Test
    void assumeRoleWithTheRightMfaCodeIssuesShortLivedKeysThatActAsTheRole() {
        sts.addRole(MFA_ROLE, DEVICE, "246810");
        sts.credentialLifetime(java.time.Duration.ofMinutes(15));
        try (StsClient client = client()) {
            var answer = client.assumeRole(b -> b.roleArn(MFA_ROLE).roleSessionName("op")
                    .serialNumber(DEVICE).tokenCode("246810"));
            assertThat(answer.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
            assertThat(answer.credentials().expiration())
                    .isBetween(java.time.Instant.now().plusSeconds(14 * 60), java.time.Instant.now().plusSeconds(16 * 60));
            assertThat(answer.assumedRoleUser().arn()).isEqualTo("arn:aws:sts::000000000000:assumed-role/Guarded/op");
            try (StsClient asRole = StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_2)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(
                                    answer.credentials().accessKeyId(), answer.credentials().secretAccessKey(),
                                    answer.credentials().sessionToken())))
                    .httpClientBuilder(ApacheHttpClient.builder()).build()) {
                assertThat(asRole.getCallerIdentity().arn()).isEqualTo(answer.assumedRoleUser().arn());
            }
        } finally {
            sts.credentialLifetime(java.time.Duration.ofHours(1));
        }
    }

    @Test
    void assumeRoleRefusesAWrongOrMissingCodeAndAnUnknownRoleAsAwsDoes() {
        sts.addRole(MFA_ROLE, DEVICE, "246810");
        try (StsClient client = client()) {
            assertThatThrownBy(() -> client.assumeRole(b -> b.roleArn(MFA_ROLE).roleSessionName("op")
                    .serialNumber(DEVICE).tokenCode("000000")))
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("MultiFactorAuthentication failed");
                    });
            assertThatThrownBy(() -> client.assumeRole(b -> b.roleArn(MFA_ROLE).roleSessionName("op")))
                    .isInstanceOfSatisfying(StsException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .contains("is not authorized to perform: sts:AssumeRole on resource: " + MFA_ROLE));
            assertThatThrownBy(() -> client.assumeRole(b -> b.roleArn("arn:aws:iam::000000000000:role/Nobody")
                    .roleSessionName("op")))
                    .isInstanceOfSatisfying(StsException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertThatThrownBy(() -> client.assumeRole(b -> b.roleArn(MFA_ROLE).roleSessionName("a b")))
                    .isInstanceOfSatisfying(StsException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        }
    }

    @Test
    void keysPastTheirExpirationAreRefusedAsExpired() {
        sts.addRole("arn:aws:iam::000000000000:role/Brief", null, null);
        try (StsClient client = client()) {
            var keys = client.assumeRole(b -> b.roleArn("arn:aws:iam::000000000000:role/Brief").roleSessionName("op"))
                    .credentials();
            sts.clock(java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofHours(2)));
            try (StsClient asRole = StsClient.builder().endpointOverride(sts.endpoint()).region(Region.US_EAST_2)
                    .credentialsProvider(StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsSessionCredentials.create(keys.accessKeyId(),
                                    keys.secretAccessKey(), keys.sessionToken())))
                    .httpClientBuilder(ApacheHttpClient.builder()).build()) {
                assertThatThrownBy(asRole::getCallerIdentity).isInstanceOfSatisfying(StsException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken"));
            }
        } finally {
            sts.clock(java.time.Clock.systemUTC());
        }
    }

    @Test
    void otherActionsAreRefusedAsTheServiceDoes() {
        try (StsClient client = client()) {
            assertThatThrownBy(() -> client.getSessionToken())
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
                        assertThat(e.statusCode()).isEqualTo(400);
                    });
        }
    }

    @Test
    void theAwsCliReadsTheAnswer() throws Exception {
        Path cli = Path.of("/usr/bin/aws");
        assumeTrue(Files.isExecutable(cli), "/usr/bin/aws is not installed; install the Debian package 'awscli'");
        ProcessBuilder command = new ProcessBuilder(List.of(cli.toString(), "--endpoint-url", sts.endpoint().toString(),
                "--region", "us-east-2", "--output", "json", "sts", "get-caller-identity"));
        Map<String, String> env = command.environment();
        env.put("AWS_ACCESS_KEY_ID", "sandbox");
        env.put("AWS_SECRET_ACCESS_KEY", "sandbox");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(SandboxClients.parse(output).get("Arn").asText()).isEqualTo(sts.callerArn());
    }

    @Test
    void aSandboxStartsOneAndNamesItsEndpoint() {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false))) {
            assertThat(sandbox.stsEndpoint()).isNotNull();
            assertThat(sandbox.stsEndpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(sandbox.stsSimulator().account()).isEqualTo(sandbox.accountId());
        }
    }

}
