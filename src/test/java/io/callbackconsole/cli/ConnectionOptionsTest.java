package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.CallDeadline;
import io.callbackconsole.aws.ClientTuning;
import io.callbackconsole.aws.ConnectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConnectionOptionsTest {
    static final ConnectionSettings SAVED = new ConnectionSettings(false, "ops", "eu-west-1",
            List.of("https://sqs.eu-west-1.amazonaws.com/123456789012/saved"), null, null, null);

    static ConnectionOptions parse(String... args) {
        ConnectionOptions options = new ConnectionOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void nothingSavedAndNoFlagsMeansTheSandbox() {
        assertThat(parse().resolve(Optional.empty()).sandbox()).isTrue();
    }

    @Test
    void theSavedConnectionIsTheDefault() {
        assertThat(parse().resolve(Optional.of(SAVED))).isEqualTo(SAVED);
    }

    @Test
    void sandboxFlagWinsOverASavedConnection() {
        assertThat(parse("--sandbox").resolve(Optional.of(SAVED)).sandbox()).isTrue();
    }

    @Test
    void flagsOverrideTheSavedValuesOneByOne() {
        ConnectionSettings resolved = parse("--region", "us-east-1", "--queue", "https://q/1", "--queue", "https://q/2",
                "--endpoint-sqs", "http://127.0.0.1:9324").resolve(Optional.of(SAVED));
        assertThat(resolved.sandbox()).isFalse();
        assertThat(resolved.profile()).isEqualTo("ops");
        assertThat(resolved.region()).isEqualTo("us-east-1");
        assertThat(resolved.queueUrls()).containsExactly("https://q/1", "https://q/2");
        assertThat(resolved.sqsEndpoint()).hasToString("http://127.0.0.1:9324");
    }

    @Test
    void anIamEndpointAloneIsAConnectionFlagAndOverridesTheSavedOne() {
        ConnectionSettings resolved = parse("--endpoint-iam", "http://127.0.0.1:9325").resolve(Optional.empty());
        assertThat(resolved.sandbox()).isFalse();
        assertThat(resolved.iamEndpoint()).hasToString("http://127.0.0.1:9325");
        ConnectionSettings savedWithIam = SAVED.withIamEndpoint(java.net.URI.create("http://127.0.0.1:1"));
        assertThat(parse().resolve(Optional.of(savedWithIam)).iamEndpoint()).as("the saved one is kept")
                .hasToString("http://127.0.0.1:1");
        assertThat(parse("--endpoint-iam", "http://127.0.0.1:2").resolve(Optional.of(savedWithIam)).iamEndpoint())
                .hasToString("http://127.0.0.1:2");
    }

    @Test
    void flagsAloneMakeAnAwsConnection() {
        ConnectionSettings resolved = parse("--profile", "prod", "--region", "us-east-2", "--queue", "https://q/1")
                .resolve(Optional.empty());
        assertThat(resolved.sandbox()).isFalse();
        assertThat(resolved.label()).isEqualTo("prod@us-east-2");
    }

    @Test
    void withoutDeadlineFlagsTheDefaultsApply() {
        assertThat(parse().clientTuning()).isEqualTo(ClientTuning.DEFAULT);
    }

    @Test
    void deadlineFlagsSetEachServicesDeadline() {
        ClientTuning tuning = parse("--call-timeout", "4s", "--call-attempts", "2", "--sqs-timeout", "1500ms",
                "--identity-timeout", "0.5s").clientTuning();
        assertThat(tuning.sageMaker()).isEqualTo(CallDeadline.of(Duration.ofSeconds(4), 2));
        assertThat(tuning.sageMaker().describe()).isEqualTo("4 s, 2 attempts (10 s in all)");
        assertThat(tuning.sqs().perAttempt()).isEqualTo(Duration.ofMillis(1500));
        assertThat(tuning.sts()).isEqualTo(CallDeadline.of(Duration.ofMillis(500), ClientTuning.STS_DEFAULT.attempts()));
        assertThat(parse("--call-timeout", "2m").clientTuning().sageMaker().perAttempt()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("--call-timeout", "7").clientTuning().sageMaker().perAttempt()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theResolvedConnectionCarriesTheDeadlinesForAwsAndTheSandbox() {
        ConnectionOptions options = parse("--call-timeout", "4s");
        assertThat(options.resolve(Optional.of(SAVED)).tuning()).isEqualTo(options.clientTuning());
        assertThat(options.resolve(Optional.empty()).tuning()).isEqualTo(options.clientTuning());
        assertThat(parse("--sandbox", "--identity-timeout", "1s").resolve(Optional.of(SAVED)).tuning().sts().perAttempt())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aDurationThatIsNoDurationIsAUsageError() {
        assertThatThrownBy(() -> parse("--call-timeout", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("like 10s, 1500ms or 2m");
    }

    @Test
    void deadlinesOutsideTheirRangeAreRefusedWithTheFlagNamed() {
        assertThatThrownBy(() -> parse("--call-timeout", "50ms").clientTuning())
                .isInstanceOfSatisfying(CommandFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
                .hasMessageContaining("--call-timeout takes 100ms to 10m");
        assertThatThrownBy(() -> parse("--call-attempts", "0").clientTuning())
                .hasMessageContaining("--call-attempts takes 1 to 10");
        assertThatThrownBy(() -> parse("--sqs-timeout", "11m").resolve(Optional.empty()))
                .hasMessageContaining("--sqs-timeout");
    }
}
