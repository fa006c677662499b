package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Run;
import io.callbackconsole.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history import FILE} and {@code history} on a team history, as separate processes against the real server:
 * a local file is imported once (the second run says there is nothing to import), its decisions are then listed,
 * searched and exported from the team history with their provenance, and a file whose chain does not verify is
 * refused with the audit exit code.
 */
class TeamHistoryReadingCommandTest {
    private static final ConnectionId PROD = ConnectionId.aws("012345678901", "us-east-2", null, "ops@us-east-2");

    @TempDir
    Path dir;

    @Test
    void aLocalHistoryIsImportedOnceThenListedSearchedAndExportedFromTheTeamHistory() throws Exception {
        String url = TestPostgres.freshDatabase().replace("jdbc:postgresql://", "postgresql://"
                + TestPostgres.SUPERUSER + "@");
        Path file = dir.resolve("laptop-history.db");
        writeLocal(file);

        Run imported = run("history", "import", file.toString(), "--history", url);
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        assertThat(imported.stdout()).contains("Imported 4 rows of " + file).contains("as seq 1 to 4");

        Run again = run("history", "import", file.toString(), "--history", url);
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).startsWith("Nothing to import: all 4 rows of " + file);

        Run table = run("history", "--history", url);
        assertThat(table.exitCode()).as(table.stderr()).isZero();
        assertThat(table.stdout()).contains("Imp0000001").contains("Imp0000002").contains("REFUSED");

        Run search = run("history", "--history", url, "--search", "imp0000002", "--events", "--format", "csv");
        assertThat(search.exitCode()).as(search.stderr()).isZero();
        List<String> lines = search.stdout().lines().toList();
        assertThat(lines.get(0)).startsWith("#callback-console-audit-export").contains("row_count=2")
                .contains("chain_head_seq=4");
        assertThat(lines.get(1)).endsWith("imported_from,imported_head,imported_at,imported_seq,imported_hash");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).contains("Imp0000002").contains(file.toString());

        Run verify = run("verify", "--history", url);
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("4 rows verified, head 4:")
                .contains("Imported from " + file + ": its chain verifies from the team history, 4 rows, head 4:");
    }

    @Test
    void aFileWhoseChainDoesNotVerifyIsRefusedWithTheAuditExitCode() throws Exception {
        String url = TestPostgres.freshDatabase().replace("jdbc:postgresql://", "postgresql://"
                + TestPostgres.SUPERUSER + "@");
        Path file = dir.resolve("tampered.db");
        writeLocal(file);
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_update");
            s.execute("UPDATE submission_event SET operator = 'mallory' WHERE seq = 1");
        }

        Run refused = run("history", "import", file.toString(), "--history", url);

        assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(refused.stderr()).contains("its own chain does not verify").contains("row seq 1")
                .contains("Nothing was imported");
        assertThat(refused.stdout()).isEmpty();
    }

    /** Two decisions on a production connection: one accepted, one refused; four rows. */
    private static void writeLocal(Path file) {
        try (HistoryStore local = HistoryStore.open(file, "0.1.0-test")) {
            for (int i = 1; i <= 2; i++) {
                Submission s = new Submission(new ClientRequestToken("cli-import-request-token-" + i + "-0123456789"),
                        Action.FAIL, CallbackToken.of("Imp000000" + i),
                        PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/e" + i),
                        FailureReason.of("Decided on the laptop-" + i), new Operator("dave"), PROD,
                        Instant.parse("2025-03-01T09:00:00Z").plusSeconds(i));
                local.recordIntent(s);
                local.recordOutcome(s.requestToken(), i == 1
                        ? new Outcome.Accepted("arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/e1", "r1")
                        : new Outcome.Refused("ResourceNotFound", "gone", "The step no longer waits.", "r2"),
                        s.decidedAt().plusSeconds(1));
            }
        }
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return ConsoleProcess.console(args).postgresPassword(TestPostgres.SUPERUSER_PASSWORD, dir.resolve("no-pgpass"))
                .home(dir.resolve("data")).run(Duration.ofSeconds(90));
    }
}
