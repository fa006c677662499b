package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.sandbox.IamSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account alias is a courtesy: shown when IAM names one, nothing (and quickly) when it does not. */
class AccountAliasLookupTest {
    IamSimulator iam;

    @BeforeEach
    void start() {
        iam = IamSimulator.start(0, "123456789012", "ops-prod");
    }

    @AfterEach
    void stop() {
        iam.close();
    }

    static ConnectionSettings iamAt(URI endpoint) {
        return new ConnectionSettings(true, null, "us-east-2", List.of(), null, null, null).withIamEndpoint(endpoint);
    }

    Optional<String> lookUp() {
        try (AwsClientFactory clients = AwsClientFactory.create(iamAt(iam.endpoint()))) {
            return AccountAliasLookup.lookUp(clients);
        }
    }

    @Test
    void theAliasIamNamesIsTheAlias() {
        assertThat(lookUp()).contains("ops-prod");
        iam.alias(null);
        assertThat(lookUp()).as("an account without an alias").isEmpty();
    }

    @Test
    void accessDeniedIsNoAliasAndNoError() {
        iam.behaviour(IamSimulator.Behaviour.DENY);
        assertThat(lookUp()).isEmpty();
    }

    @Test
    void aHangingIamIsNoAliasWithinTheDeadline() {
        iam.behaviour(IamSimulator.Behaviour.HANG);
        long started = System.nanoTime();

        assertThat(lookUp()).isEmpty();

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(AccountAliasLookup.DEADLINE.attempts()).as("a courtesy is not retried").isEqualTo(1);
        assertThat(elapsed).as("one attempt of 3 s, plus slack").isBetween(Duration.ofMillis(2500),
                AccountAliasLookup.DEADLINE.total().plusSeconds(2));
    }

    @Test
    void anAnswerThatIsNotAnAliasIsNotShown() {
        iam.alias("Ops\u202eprod");
        assertThat(lookUp()).isEmpty();
        iam.alias("a".repeat(64));
        assertThat(lookUp()).isEmpty();
    }

    @Test
    void overriddenEndpointsWithoutAnIamEndpointAskNobody() {
        // A hanging IAM would cost the whole deadline: an answer at once means nobody was asked.
        ConnectionSettings sandboxWithoutIam = new ConnectionSettings(true, null, "us-east-2", List.of(),
                URI.create("http://127.0.0.1:9"), null, null);
        try (AwsClientFactory clients = AwsClientFactory.create(sandboxWithoutIam)) {
            long started = System.nanoTime();
            assertThat(AccountAliasLookup.lookUp(clients)).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        }
        assertThat(sandboxWithoutIam.overridesEndpoints()).isTrue();
        assertThat(new ConnectionSettings(false, "ops", "us-east-2", List.of(), null, null, null)
                .overridesEndpoints()).as("plain AWS: IAM's own endpoint is asked").isFalse();
    }
}
