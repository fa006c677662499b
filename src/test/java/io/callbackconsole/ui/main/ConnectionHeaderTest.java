package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.EnvironmentMark;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionHeaderTest {
    static final CallerIdentity ALICE = new CallerIdentity(
            "arn:aws:sts::123456789012:assumed-role/Ops/alice", "123456789012");

    static ConnectionId idOf(ConnectionSettings settings, String account) {
        return ConnectionId.aws(account, settings.region(), ConnectionId.endpointOverrides(Map.of(
                "sqs", settings.sqsEndpoint() == null ? URI.create("http://unused") : settings.sqsEndpoint())),
                settings.label());
    }

    @Test
    void aProductionProfileOnAwsNamesItsMarkAccountRegionProfileAndCaller() {
        ConnectionSettings prod = new ConnectionSettings(false, "ops-prod", "us-east-2", List.of(), null, null, null);
        ConnectionHeader header = ConnectionHeader.of(prod, ConnectionId.aws("123456789012", "us-east-2", null,
                prod.label()), EnvironmentMark.PRODUCTION, Optional.of(ALICE), Optional.empty());

        assertThat(header.title()).isEqualTo("PRODUCTION · account 123456789012 · us-east-2");
        assertThat(header.details()).isEqualTo("profile ops-prod · acting as " + ALICE.arn());
        assertThat(header.identityWarning()).isEmpty();
        assertThat(header.mark()).isEqualTo(EnvironmentMark.PRODUCTION);
    }

    @Test
    void theAccountAliasFollowsTheAccountIdEscapedAndNeverStandsAlone() {
        ConnectionSettings prod = new ConnectionSettings(false, "ops-prod", "us-east-2", List.of(), null, null, null);
        ConnectionId account = ConnectionId.aws("123456789012", "us-east-2", null, prod.label());
        assertThat(ConnectionHeader.of(prod, account, EnvironmentMark.PRODUCTION, Optional.of(ALICE),
                Optional.empty(), Optional.of("ops-prod")).title())
                .isEqualTo("PRODUCTION · account 123456789012 (ops-prod) · us-east-2");
        assertThat(ConnectionHeader.of(prod, account, EnvironmentMark.PRODUCTION, Optional.of(ALICE),
                Optional.empty(), Optional.of("ops\u202eprod")).title()).doesNotContain("\u202e");
        ConnectionId unknown = ConnectionId.aws(null, "us-east-2", null, prod.label());
        assertThat(ConnectionHeader.of(prod, unknown, EnvironmentMark.UNMARKED, Optional.empty(),
                Optional.of("STS did not answer"), Optional.of("ops-prod")).title())
                .as("no account id: the alias could name another account").isEqualTo("account unknown · us-east-2");
        assertThat(ConnectionHeader.of(ConnectionSettings.sandboxToStart(), null, EnvironmentMark.SANDBOX,
                Optional.empty(), Optional.empty(), Optional.of("callback-sandbox")).title())
                .isEqualTo("SANDBOX (callback-sandbox) · simulated SageMaker and SQS on this machine");
    }

    @Test
    void aLocalEndpointIsNeverShownAsAPlainProfileAtRegion() {
        ConnectionSettings local = new ConnectionSettings(false, null, "us-east-2", List.of(),
                URI.create("http://localhost:9324"), URI.create("http://[::1]:8080"), URI.create("https://sts.example"));
        ConnectionHeader header = ConnectionHeader.of(local, idOf(local, "123456789012"), EnvironmentMark.UNMARKED,
                Optional.of(ALICE), Optional.empty());

        assertThat(header.title()).isEqualTo("account 123456789012 · us-east-2 · ENDPOINT ON THIS MACHINE");
        assertThat(header.details()).isEqualTo("default credential chain · acting as " + ALICE.arn()
                + " · endpoint overrides: SQS http://localhost:9324 (this machine), SageMaker http://[::1]:8080"
                + " (this machine), STS https://sts.example");
    }

    @Test
    void onlyLoopbackLiteralsAndLocalhostAreThisMachineAndNoNameIsLookedUp() {
        assertThat(ConnectionHeader.isThisMachine(URI.create("http://127.0.0.1:1"))).isTrue();
        assertThat(ConnectionHeader.isThisMachine(URI.create("http://127.8.0.2:1"))).isTrue();
        assertThat(ConnectionHeader.isThisMachine(URI.create("http://[::1]:1"))).isTrue();
        assertThat(ConnectionHeader.isThisMachine(URI.create("http://api.localhost"))).isTrue();
        assertThat(ConnectionHeader.isThisMachine(URI.create("http://10.0.0.5:1"))).isFalse();
        // Hex-looking names are names: resolving "cafe" would be a DNS look-up on the FX thread.
        assertThat(ConnectionHeader.isThisMachine(URI.create("http://cafe:1"))).isFalse();
        assertThat(ConnectionHeader.isThisMachine(URI.create("https://sqs.us-east-2.amazonaws.com"))).isFalse();
    }

    @Test
    void anUnknownCallerIsWarnedAboutWithTheReasonEscaped() {
        ConnectionSettings ops = new ConnectionSettings(false, "ops", "eu-west-1", List.of(), null, null, null);
        ConnectionHeader header = ConnectionHeader.of(ops, ConnectionId.aws(null, "eu-west-1", null, ops.label()),
                EnvironmentMark.STAGING, Optional.empty(),
                Optional.of("STS did not say (ServerError: bad\u001b[2Jgateway)."));

        assertThat(header.title()).isEqualTo("STAGING · account unknown · eu-west-1");
        assertThat(header.details()).isEqualTo("profile ops");
        assertThat(header.identityWarning()).startsWith("Who acts is unknown: STS did not say (ServerError: "
                + "bad\\u001b[2Jgateway).").contains("without the AWS principal").doesNotContain("\u001b");
    }

    @Test
    void theSandboxIsAlwaysTheSandbox() {
        ConnectionSettings sandbox = new ConnectionSettings(true, null, null, List.of(), URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:2"), URI.create("http://127.0.0.1:3"));
        ConnectionHeader header = ConnectionHeader.of(sandbox, ConnectionId.sandbox(), EnvironmentMark.PRODUCTION,
                Optional.of(ALICE), Optional.empty());
        assertThat(header.mark()).isEqualTo(EnvironmentMark.SANDBOX);
        assertThat(header.title()).startsWith("SANDBOX");
    }
}
