package io.callbackconsole.app;

import static io.callbackconsole.testing.TestPollerSettings.NO_SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher gives the sandbox a history file of its own: a decision made on the sandbox is journaled there, never
 * in the history of the data directory's AWS connections, and a connection through endpoint overrides (an AWS
 * connection as far as the history knows) journals into the AWS history under its own identity.
 */
class SandboxHistoryApartTest {
    @TempDir
    Path dataDir;

    @Test
    void aSandboxDecisionIsJournaledInTheSandboxHistoryOnly() throws Exception {
        AppDirectories directories = AppDirectories.resolve(dataDir);
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(directories, "test", NO_SCHEDULE);
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(session.history().file()).isEqualTo(directories.sandboxHistoryFile());
            PendingCallback target = firstPending(session);
            SubmissionResult result = session.decisions()
                    .submitFailure(target.token(), FailureReason.of("sandbox run"));
            assertThat(result.status()).as(result.toString()).isEqualTo(SubmissionResult.Status.ACCEPTED);
        }
        assertThat(directories.historyFile()).doesNotExist();
        try (HistoryStore sandboxHistory = HistoryStore.open(directories.sandboxHistoryFile(), "test")) {
            assertThat(sandboxHistory.recentSubmissions(10)).singleElement()
                    .extracting(entry -> entry.submission().connection()).isEqualTo(ConnectionId.sandbox());
        }
    }

    @Test
    void aConnectionThroughEndpointOverridesJournalsInTheAwsHistoryUnderItsIdentity() throws Exception {
        AppDirectories directories = AppDirectories.resolve(dataDir);
        // Not the sandbox as far as the client factory knows: the SDK's default chain, here from system properties.
        System.setProperty("aws.accessKeyId", "sandbox");
        System.setProperty("aws.secretAccessKey", "sandbox");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            ConnectionSettings viaEndpoints = new ConnectionSettings(false, null, sandbox.region(), sandbox.queueUrls(),
                    sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), sandbox.stsEndpoint());
            try (ConsoleSession session = new SandboxOrAwsSessions(directories, "test", NO_SCHEDULE)
                    .open(viaEndpoints)) {
                assertThat(session.history().file()).isEqualTo(directories.historyFile());
                PendingCallback target = firstPending(session);
                session.decisions().submitFailure(target.token(), FailureReason.of("through endpoint overrides"));
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(Files.exists(directories.sandboxHistoryFile())).isFalse();
        try (HistoryStore awsHistory = HistoryStore.open(directories.historyFile(), "test")) {
            List<HistoryEntry> entries = awsHistory.recentSubmissions(10);
            assertThat(entries).hasSize(1);
            ConnectionId connection = entries.get(0).submission().connection();
            assertThat(connection.isSandbox()).isFalse();
            assertThat(connection.region()).isNotNull();
            assertThat(connection.account()).as("the sandbox's STS names an account").matches("[0-9]{12}");
            assertThat(connection.endpoints()).contains("sagemaker=http://").contains("sqs=http://")
                    .contains("sts=http://");
        }
    }

    /** The sandbox's pipelines send their callback messages shortly after it starts: polls until one is held. */
    private static PendingCallback firstPending(ConsoleSession session) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<PendingCallback> pending = session.pending().pollOnce().pending();
            if (!pending.isEmpty()) {
                return pending.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no callback message within 30 s");
    }
}
