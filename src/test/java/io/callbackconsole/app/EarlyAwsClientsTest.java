package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch on an AWS connection makes its clients beside the window: the session of that connection takes them; a
 * session of another connection, or clients that could not be made, leave it to make its own (and report as before).
 * AWS here is the sandbox reached through endpoint overrides, with keys from the SDK's default chain.
 */
class EarlyAwsClientsTest {
    private static final CallbackPoller.PollerSettings NO_SCHEDULE = new CallbackPoller.PollerSettings(
            Duration.ofMinutes(5), Duration.ofMinutes(5), 0);
    static Sandbox sandbox;

    @TempDir
    Path dataDir;
    SandboxOrAwsSessions sessions;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void keys() {
        System.setProperty("aws.accessKeyId", "sandbox");
        System.setProperty("aws.secretAccessKey", "sandbox");
        sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test", NO_SCHEDULE);
    }

    @AfterEach
    void clearKeys() {
        sessions.discardEarlySandbox();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    static ConnectionSettings viaEndpoints(List<String> queues) {
        return new ConnectionSettings(false, null, sandbox.region(), queues, sandbox.sqsEndpoint(),
                sandbox.sageMakerEndpoint(), sandbox.stsEndpoint());
    }

    @Test
    void theSessionOfTheLaunchsConnectionTakesTheClientsMadeEarly() {
        ConnectionSettings connection = viaEndpoints(sandbox.queueUrls());
        sessions.startAwsClientsEarly(connection);
        EarlyClients early = sessions.earlyAwsClients();
        assertThat(early).isNotNull();

        try (ConsoleSession session = sessions.open(connection)) {
            assertThat(early.taken()).isTrue();
            assertThat(session.pending().pollOnce().pending()).as("polled with them").isNotEmpty();
            assertThat(session.identity().caller()).as("STS asked with them").isPresent();
        }
        assertThat(sessions.earlyAwsClients()).as("taken once").isNull();
    }

    @Test
    void anotherConnectionMakesItsOwnClients() {
        ConnectionSettings launched = viaEndpoints(sandbox.queueUrls());
        ConnectionSettings chosen = viaEndpoints(sandbox.queueUrls().subList(0, 1));
        sessions.startAwsClientsEarly(launched);
        EarlyClients early = sessions.earlyAwsClients();

        try (ConsoleSession session = sessions.open(chosen)) {
            assertThat(early.taken()).isFalse();
            assertThat(session.connection().queueUrls()).containsExactly(sandbox.queueUrls().get(0));
            session.pending().pollOnce();
        }
    }

    @Test
    void clientsThatCouldNotBeMadeEarlyFailTheSessionAsWithoutThem() {
        ConnectionSettings noSuchProfile = new ConnectionSettings(false, "no-such-profile-here", sandbox.region(),
                sandbox.queueUrls(), sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), sandbox.stsEndpoint());
        sessions.startAwsClientsEarly(noSuchProfile);

        assertThatThrownBy(() -> sessions.open(noSuchProfile)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("There is no AWS profile named \"no-such-profile-here\"");
    }
}
