package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole audit path in the sandbox: STS names the caller, and both rows of a submission record it. */
class CallerIdentitySandboxTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    @Test
    void everyRowOfASubmissionNamesTheCallerIdentityAndConnection() throws Exception {
        Path historyFile = sandboxSession.historyFile();
        Sandbox sandbox = sandboxSession.sandbox();
        try (ConsoleSession session = sandboxSession.startedSession()) {
            PendingCallback target = sandboxSession.awaitSnapshot(s -> !s.pending().isEmpty()).pending().get(0);
            SubmissionResult result = session.decisions()
                    .submitFailure(target.token(), FailureReason.of("Audit trail check"));
            assertThat(result.accepted()).as(result.toString()).isTrue();
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
