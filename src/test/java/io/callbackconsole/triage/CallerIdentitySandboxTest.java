package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.app.SandboxOrAwsSessions;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole audit path in the sandbox: STS names the caller, and both rows of a submission record it. */
class CallerIdentitySandboxTest {
    static final CallbackPoller.PollerSettings FAST =
            new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofMillis(200), 0);

    @TempDir
    Path dataDir;

    @Test
    void everyRowOfASubmissionNamesTheCallerIdentityAndConnection() throws Exception {
        Path historyFile = dataDir.resolve("history.db");
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            ConnectionSettings connection = SandboxOrAwsSessions.sandboxConnection(sandbox);
            try (ConsoleSession session = ConsoleSession.open(connection, historyFile, "test", FAST)) {
                AtomicReference<PendingSnapshot> latest = new AtomicReference<>();
                session.addSnapshotListener(latest::set);
                session.start();
                Instant deadline = Instant.now().plusSeconds(20);
                while ((latest.get() == null || latest.get().pending().isEmpty()) && Instant.now().isBefore(deadline)) {
                    Thread.sleep(50);
                }
                PendingCallback target = latest.get().pending().get(0);
                SubmissionResult result = session.submitFailure(target.token(), FailureReason.of("Audit trail check"));
                assertThat(result.accepted()).as(result.message()).isTrue();
            }

            try (AuditLog log = AuditLog.open(historyFile)) {
                List<AuditRecord> rows = log.page(AuditFilter.everything(), new AuditSort(AuditColumn.SEQ, true), 0, 10);
                assertThat(rows).extracting(r -> r.get(AuditColumn.KIND)).containsExactly("INTENT", "OUTCOME");
                for (AuditRecord row : rows) {
                    assertThat(row.get(AuditColumn.CALLER_ARN)).isEqualTo(sandbox.stsSimulator().callerArn());
                    assertThat(row.get(AuditColumn.CALLER_ACCOUNT)).isEqualTo(sandbox.accountId());
                    assertThat(row.get(AuditColumn.REGION)).isEqualTo(sandbox.region());
                    assertThat(row.get(AuditColumn.PROFILE)).isNull();
                    assertThat(row.get(AuditColumn.OPERATOR)).isEqualTo(System.getProperty("user.name"));
                    assertThat(row.get(AuditColumn.CONSOLE_VERSION)).isEqualTo("test");
                }
                assertThat(log.verify().intact()).isTrue();
            }
        }
    }
}
