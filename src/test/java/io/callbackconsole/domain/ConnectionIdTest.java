package io.callbackconsole.domain;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionIdTest {
    private static final String ACCOUNT = "123456789012";

    @Test
    void theSandboxIsOneIdentityWhateverItsPorts() {
        assertThat(ConnectionId.sandbox()).isEqualTo(ConnectionId.sandbox());
        assertThat(ConnectionId.sandbox().isSandbox()).isTrue();
        assertThat(ConnectionId.sandbox().key()).isEqualTo("sandbox");
        assertThat(ConnectionId.sandbox().describe()).isEqualTo("sandbox");
        assertThat(ConnectionId.sandbox().account()).isNull();
        assertThat(ConnectionId.sandbox().endpoints()).isNull();
    }

    @Test
    void anAwsConnectionIsItsAccountRegionAndEndpointsNotItsLabel() {
        ConnectionId prod = ConnectionId.aws(ACCOUNT, "us-east-2", null, "prod@us-east-2");
        ConnectionId sameAccountOtherProfile = ConnectionId.aws(ACCOUNT, "us-east-2", null, "admin@us-east-2");

        assertThat(prod).isEqualTo(sameAccountOtherProfile).hasSameHashCodeAs(sameAccountOtherProfile);
        assertThat(prod.key()).isEqualTo(sameAccountOtherProfile.key())
                .isEqualTo("aws:account=123456789012;region=us-east-2");
        assertThat(prod).isNotEqualTo(ConnectionId.aws(ACCOUNT, "eu-west-1", null, "prod@eu-west-1"));
        assertThat(prod).isNotEqualTo(ConnectionId.aws("210987654321", "us-east-2", null, "prod@us-east-2"));
        assertThat(prod).isNotEqualTo(ConnectionId.aws(ACCOUNT, "us-east-2", "sqs=http://localhost:9324",
                "prod@us-east-2"));
        assertThat(prod).isNotEqualTo(ConnectionId.sandbox());
        assertThat(prod.describe()).isEqualTo("account 123456789012 · us-east-2");
    }

    @Test
    void withoutAnAccountTheLabelStandsForIt() {
        ConnectionId ops = ConnectionId.aws(null, "us-east-2", null, "ops@us-east-2");

        assertThat(ops).isEqualTo(ConnectionId.aws(null, "us-east-2", null, "ops@us-east-2"));
        assertThat(ops).as("two profiles STS named no account for are not known to be one")
                .isNotEqualTo(ConnectionId.aws(null, "us-east-2", null, "dev@us-east-2"));
        assertThat(ops).isNotEqualTo(ConnectionId.aws(ACCOUNT, "us-east-2", null, "ops@us-east-2"));
        assertThat(ops.describe()).isEqualTo("ops@us-east-2 (account unknown)");
    }

    @Test
    void endpointOverridesAreNormalisedSoTheSameEndpointsAreTheSameConnection() {
        Map<String, URI> written = new HashMap<>();
        written.put("SQS", URI.create("HTTP://LocalHost:80/"));
        written.put("sagemaker", URI.create("https://sagemaker.example.com:443"));
        written.put("sts", null);
        String text = ConnectionId.endpointOverrides(written);

        assertThat(text).isEqualTo("sagemaker=https://sagemaker.example.com sqs=http://localhost");
        assertThat(ConnectionId.endpointOverrides(Map.of("sqs", URI.create("http://localhost"),
                "sagemaker", URI.create("https://sagemaker.example.com/")))).isEqualTo(text);
        assertThat(ConnectionId.endpointOverrides(Map.of("sqs", URI.create("http://127.0.0.1:9324"))))
                .isEqualTo("sqs=http://127.0.0.1:9324");
        Map<String, URI> none = new HashMap<>();
        none.put("sqs", null);
        assertThat(ConnectionId.endpointOverrides(none)).isNull();

        ConnectionId local = ConnectionId.aws(null, "us-east-1", text, "default@us-east-1");
        assertThat(local.describe()).isEqualTo("default@us-east-1 (account unknown) · endpoint " + text);
        assertThat(local.key()).endsWith(";endpoints=" + text);
    }

    @Test
    void malformedPartsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> ConnectionId.aws("12345", "us-east-2", null, "p@us-east-2"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> ConnectionId.aws(ACCOUNT, "US East", null, "p@us-east-2"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> ConnectionId.aws(ACCOUNT, "us-east-2", "http://no-service-name", "p@us-east-2"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("service=URL");
        assertThatThrownBy(() -> ConnectionId.aws(ACCOUNT, "us-east-2", null, " "))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> ConnectionId.aws(ACCOUNT, "us-east-2", null, "p\n@us-east-2"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("label");
        assertThatThrownBy(() -> ConnectionId.aws(null, "us-east-2", null, "sandbox"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("embedded sandbox");
        assertThatThrownBy(() -> ConnectionId.endpointOverrides(Map.of("sqs", URI.create("localhost:9324"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("absolute URL");
    }
}
