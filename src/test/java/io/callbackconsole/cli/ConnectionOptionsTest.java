package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
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
    void flagsAloneMakeAnAwsConnection() {
        ConnectionSettings resolved = parse("--profile", "prod", "--region", "us-east-2", "--queue", "https://q/1")
                .resolve(Optional.empty());
        assertThat(resolved.sandbox()).isFalse();
        assertThat(resolved.label()).isEqualTo("prod@us-east-2");
    }
}
