package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.sandbox.EmbeddedSqs;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

class AwsClientFactoryTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path home;
    private String savedConfig;
    private String savedCredentials;

    @BeforeEach
    void pointTheSdkAtTempProfileFiles() throws IOException {
        savedConfig = System.getProperty("aws.configFile");
        savedCredentials = System.getProperty("aws.sharedCredentialsFile");
        Path config = home.resolve("config");
        Path credentials = home.resolve("credentials");
        Files.writeString(config, """
                [default]
                region = eu-west-1

                [profile ops]
                region = ap-southeast-2

                [profile sso-dev]
                sso_session = corp
                sso_account_id = 111122223333
                sso_role_name = Operator

                [sso-session corp]
                sso_region = us-east-1
                sso_start_url = https://example.awsapps.com/start
                """, StandardCharsets.UTF_8);
        Files.writeString(credentials, """
                [ops]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = %s

                [keys-only]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = %s
                """.formatted(SECRET, SECRET), StandardCharsets.UTF_8);
        System.setProperty("aws.configFile", config.toString());
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    }

    @AfterEach
    void restoreProperties() {
        restore("aws.configFile", savedConfig);
        restore("aws.sharedCredentialsFile", savedCredentials);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    private static ConnectionSettings settings(String profile, String region) {
        return new ConnectionSettings(false, profile, region, List.of(), null, null, null);
    }

    @Test
    void profileNamesComeFromBothFilesSortedWithoutSsoSessions() {
        assertThat(AwsClientFactory.profileNames()).containsExactly("default", "keys-only", "ops", "sso-dev");
    }

    @Test
    void profileNamesAreEmptyWhenThereAreNoFiles() {
        System.setProperty("aws.configFile", home.resolve("missing-config").toString());
        System.setProperty("aws.sharedCredentialsFile", home.resolve("missing-credentials").toString());
        assertThat(AwsClientFactory.profileNames()).isEmpty();
    }

    @Test
    void regionFromSettingsWins() {
        Region region = AwsClientFactory.resolveRegion(settings("ops", "us-west-2"), ProfileFile.defaultProfileFile(),
                () -> Optional.of(Region.EU_CENTRAL_1));
        assertThat(region).isEqualTo(Region.US_WEST_2);
    }

    @Test
    void regionFromTheProfileComesNext() {
        Region region = AwsClientFactory.resolveRegion(settings("ops", null), ProfileFile.defaultProfileFile(),
                () -> Optional.of(Region.EU_CENTRAL_1));
        assertThat(region).isEqualTo(Region.AP_SOUTHEAST_2);
    }

    @Test
    void regionFromTheDefaultChainWhenTheProfileHasNone() {
        Region region = AwsClientFactory.resolveRegion(settings("keys-only", null), ProfileFile.defaultProfileFile(),
                () -> Optional.of(Region.EU_CENTRAL_1));
        assertThat(region).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void noRegionAnywhereIsAClearError() {
        assertThatThrownBy(() -> AwsClientFactory.resolveRegion(settings("keys-only", null),
                ProfileFile.defaultProfileFile(), Optional::empty))
                .isInstanceOf(io.callbackconsole.aws.signin.CredentialProblem.class)
                .hasMessageContaining("No AWS region is set for profile \"keys-only\"")
                .hasMessageContaining("AWS_REGION");
    }

    @Test
    void unknownProfileIsRefusedAndTheKnownOnesAreNamed() {
        assertThatThrownBy(() -> AwsClientFactory.create(settings("nope", "us-east-1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no AWS profile named \"nope\"")
                .hasMessageContaining("ops, sso-dev");
    }

    @Test
    void namedProfileFactoryNeverShowsItsCredentials() {
        try (AwsClientFactory factory = AwsClientFactory.create(settings("ops", null));
             SageMakerClient sageMaker = factory.sageMaker()) {
            assertThat(factory.region()).isEqualTo(Region.AP_SOUTHEAST_2);
            assertThat(factory.toString()).contains("ops@ap-southeast-2")
                    .doesNotContain("AKIA").doesNotContain(SECRET);
            assertThat(sageMaker.toString()).doesNotContain(SECRET);
            assertThat(sageMaker.serviceClientConfiguration().region()).isEqualTo(Region.AP_SOUTHEAST_2);
        }
    }

    @Test
    void eachServiceCarriesItsOwnDeadlineAndTheAdaptiveRetryStrategy() {
        ClientTuning tuning = new ClientTuning(Duration.ofSeconds(1), new CallDeadline(Duration.ofSeconds(3), 5,
                Duration.ofSeconds(9)), new CallDeadline(Duration.ofSeconds(2), 4, Duration.ofSeconds(7)),
                new CallDeadline(Duration.ofMillis(800), 1, Duration.ofSeconds(1)), Duration.ofMillis(1),
                Duration.ofMillis(2), Duration.ofMillis(5));
        try (AwsClientFactory factory = AwsClientFactory.create(settings("ops", "us-east-1"), tuning);
             SageMakerClient sageMaker = factory.sageMaker();
             SqsClient sqs = factory.sqs();
             StsClient sts = factory.sts()) {
            ClientOverrideConfiguration overrides = sageMaker.serviceClientConfiguration().overrideConfiguration();
            assertThat(overrides.apiCallAttemptTimeout()).contains(Duration.ofSeconds(3));
            assertThat(overrides.apiCallTimeout()).contains(Duration.ofSeconds(9));
            assertThat(overrides.retryStrategy()).get()
                    .isInstanceOf(software.amazon.awssdk.retries.AdaptiveRetryStrategy.class)
                    .satisfies(strategy -> assertThat(strategy.maxAttempts()).isEqualTo(5));
            assertThat(CallDeadline.of(sageMaker)).contains(tuning.sageMaker());
            assertThat(CallDeadline.of(sqs)).contains(tuning.sqs());
            assertThat(CallDeadline.of(sts)).contains(tuning.sts());
        }
    }

    @Test
    void theSettingsDeadlinesAreTheFactorysUnlessOthersAreGiven() {
        ClientTuning shortCalls = ClientTuning.DEFAULT.withDeadlines(CallDeadline.of(Duration.ofSeconds(2), 1),
                ClientTuning.SQS_DEFAULT, ClientTuning.STS_DEFAULT);
        try (AwsClientFactory factory = AwsClientFactory.create(settings("ops", "us-east-1").withTuning(shortCalls));
             SageMakerClient sageMaker = factory.sageMaker()) {
            assertThat(factory.tuning()).isEqualTo(shortCalls);
            assertThat(CallDeadline.of(sageMaker)).contains(shortCalls.sageMaker());
        }
    }

    @Test
    void theDefaultsAreSizedForAnOperatorWhoIsWaiting() {
        assertThat(ClientTuning.DEFAULT.sageMaker()).isEqualTo(new CallDeadline(Duration.ofSeconds(10), 3,
                Duration.ofSeconds(35)));
        assertThat(ClientTuning.DEFAULT.sageMaker().describe()).isEqualTo("10 s, 3 attempts (35 s in all)");
        assertThat(ClientTuning.DEFAULT.sts().total()).isLessThanOrEqualTo(Duration.ofSeconds(8));
        assertThat(ClientTuning.DEFAULT.sqs().perAttempt()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings("ops", null).tuning()).isEqualTo(ClientTuning.DEFAULT);
    }

    @Test
    void sandboxClientTalksToEmbeddedSqsWithDummyCredentials() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, "us-east-2");
             AwsClientFactory factory = AwsClientFactory.create(new ConnectionSettings(true, null, null, List.of(),
                     sqs.endpoint(), null, null));
             SqsClient client = factory.sqs()) {
            assertThat(factory.region()).isEqualTo(AwsClientFactory.SANDBOX_DEFAULT_REGION);
            String url = client.createQueue(b -> b.queueName("callbacks")).queueUrl();
            assertThat(url).isEqualTo(sqs.queueUrl("callbacks"));
            assertThat(client.listQueues().queueUrls()).containsExactly(url);
        }
    }

    @Test
    void clientsPreparedAheadAreHandedOverOnceAndStayTheirTakersAfterTheFactoryCloses() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start(0, "us-east-2")) {
            AwsClientFactory factory = AwsClientFactory.create(new ConnectionSettings(true, null, null, List.of(),
                    sqs.endpoint(), URI.create("http://127.0.0.1:9"), URI.create("http://127.0.0.1:9")));
            factory.prepareClients();
            SqsClient prepared = factory.sqs();
            SageMakerClient preparedSageMaker = factory.sageMaker();
            try (SqsClient another = factory.sqs(); SageMakerClient anotherSageMaker = factory.sageMaker();
                 StsClient sts = factory.sts(); StsClient anotherSts = factory.sts()) {
                assertThat(another).as("the prepared one goes to the first caller only").isNotSameAs(prepared);
                assertThat(anotherSageMaker).isNotSameAs(preparedSageMaker);
                assertThat(anotherSts).isNotSameAs(sts);
            }
            factory.close();

            // Handed over, it is the taker's: closing the factory leaves it working.
            String url = prepared.createQueue(b -> b.queueName("callbacks")).queueUrl();
            assertThat(prepared.listQueues().queueUrls()).containsExactly(url);
            prepared.close();
            preparedSageMaker.close();
        }
    }

    @Test
    void sandboxRefusesToBuildAClientWithoutAnEndpoint() {
        try (AwsClientFactory factory = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-1",
                List.of(), null, null, null))) {
            assertThatThrownBy(factory::sageMaker)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no SageMaker endpoint");
        }
    }
}
