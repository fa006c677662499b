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
import io.callbackconsole.history.AuditChain;
import io.callbackconsole.history.HistoryStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verify} states the head, checks it against heads noted earlier ({@code --expect-head}) and against the
 * witness the console keeps beside the file: a cut history and a consistently rewritten chain, which the chain alone
 * cannot show, are caught.
 */
class VerifyCommandTest {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Pattern HEAD = Pattern.compile("rows verified, head (\\d+:[0-9a-f]{64})");

    @TempDir
    Path dir;
    Path file;

    /** Three decisions with an outcome each: seq 1..6, one write transaction per row. */
    @BeforeEach
    void write() {
        file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            for (int i = 0; i < 3; i++) {
                Submission s = submission("Tok" + i + "abcdef", T0.plusSeconds(60L * i));
                store.recordIntent(s);
                store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + i), T0.plusSeconds(60L * i + 1));
            }
        }
    }

    private static Submission submission(String token, Instant at) {
        return new Submission(new ClientRequestToken("request-" + token + "-0123456789abcdefghijkl"), Action.FAIL,
                CallbackToken.of(token), PipelineExecutionArn.of(ARN), FailureReason.of("Drift in " + token),
                new Operator("alice"), ConnectionId.sandbox(), at);
    }

    record Printed(int exitCode, String out, String err) {
        String head() {
            Matcher m = HEAD.matcher(out);
            assertThat(m.find()).as("a head in: %s", out).isTrue();
            return m.group(1);
        }
    }

    private Printed verify(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new VerifyCommand(HistoryCommandTest.readingHistory(file)));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        io.callbackconsole.testing.Transcript.record(java.util.List.of(args), code, out.toString(), err.toString());
        return new Printed(code, out.toString(), err.toString());
    }

    @Test
    void verifyStatesTheHeadAndTheWitnessAgreesWithIt() throws Exception {
        Printed printed = verify();

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.head()).startsWith("6:");
        assertThat(printed.out()).contains("all 6 witnessed heads are on the chain; the last, " + printed.head()
                + ", is the chain's head");
        Path witness = dir.resolve("history.db.witness");
        assertThat(Files.readAllLines(witness)).hasSize(6).last().isEqualTo(printed.head());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(witness))).isEqualTo("rw-------");
        }
    }

    @Test
    void aHeadNotedEarlierIsIntactAndExtendedByTheRowsWrittenSince() {
        String earlier = verify().head();
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            Submission s = submission("Tok9abcdef", T0.plusSeconds(600));
            store.recordIntent(s);
            store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-9"), T0.plusSeconds(601));
        }

        Printed printed = verify("--expect-head", earlier);

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("Expected head " + earlier + " is on the chain: intact and extended by 2 rows");
    }

    @Test
    void aCutHistoryWithItsCounterSetBackIsCaughtByTheExpectedHeadAndByTheWitness() throws Exception {
        String earlier = verify().head();
        sql("DROP TRIGGER submission_event_no_delete",
                "DELETE FROM submission_event WHERE seq >= 5",
                "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'submission_event'");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(4);
        }
        // The chain alone is a valid shorter chain: without the witness, verify had nothing to say.
        Files.move(dir.resolve("history.db.witness"), dir.resolve("elsewhere"));
        assertThat(verify().exitCode()).isZero();
        Files.move(dir.resolve("elsewhere"), dir.resolve("history.db.witness"));

        Printed witnessOnly = verify();
        assertThat(witnessOnly.exitCode()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(witnessOnly.err()).contains("4 rows verified, head 4:")
                .contains("Witness file " + dir.resolve("history.db.witness").toAbsolutePath())
                .contains("head 5:").contains("is missing: the history was cut");

        Printed expected = verify("--expect-head", earlier);
        assertThat(expected.exitCode()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(expected.err()).contains("Expected head " + earlier + " is missing: the history was cut (row 6 is gone");
    }

    @Test
    void aCutHistoryWrittenOnAfterwardsIsStillCaught() throws Exception {
        String earlier = verify().head();
        sql("DROP TRIGGER submission_event_no_delete",
                "DELETE FROM submission_event WHERE seq >= 5",
                "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'submission_event'");
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            Submission s = submission("Tok7abcdef", T0.plusSeconds(900));
            store.recordIntent(s);
            store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-7"), T0.plusSeconds(901));
        }

        Printed printed = verify("--expect-head", earlier);

        assertThat(printed.exitCode()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(printed.err()).contains("6 rows verified")
                .contains("Expected head " + earlier + " does not match: the history was rewritten (row 6 now has hash")
                .contains("Witness file").contains("head 5:").contains("does not match");
    }

    @Test
    void aConsistentlyRewrittenChainIsCaughtByTheExpectedHeadAndByTheWitness() throws Exception {
        String earlier = verify().head();
        rewriteReasonAndRechain(3, "Nothing to see here");
        Printed chainOnly;
        Files.move(dir.resolve("history.db.witness"), dir.resolve("elsewhere"));
        chainOnly = verify();
        Files.move(dir.resolve("elsewhere"), dir.resolve("history.db.witness"));
        assertThat(chainOnly.exitCode()).as("every hash recomputed: the chain alone verifies").isZero();

        Printed printed = verify("--expect-head", earlier);

        assertThat(printed.exitCode()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(printed.err()).contains("6 rows verified, head 6:")
                .contains("Expected head " + earlier + " does not match: the history was rewritten (row 6 now has hash")
                .contains("Witness file").contains("head 3:").contains("the history was rewritten (row 3 now");
    }

    @Test
    void aMalformedExpectedHeadIsRefusedWithTheFormat() {
        Printed printed = verify("--expect-head", "6:nothex");

        assertThat(printed.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(printed.err()).contains("A chain head is written SEQ:HASH");
    }

    @Test
    void anEditedWitnessIsReported() throws Exception {
        Files.writeString(dir.resolve("history.db.witness"), "six:abc\n", java.nio.file.StandardOpenOption.APPEND);

        Printed printed = verify();

        assertThat(printed.exitCode()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(printed.err()).contains("has a line that is not a head (line 7): it was edited");
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** What an editor who read the documented encoding does: change a row, then recompute every hash from it on. */
    private void rewriteReasonAndRechain(long seq, String reason) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_update");
            try (PreparedStatement update = c.prepareStatement("UPDATE submission_event SET reason = ? WHERE seq = ?")) {
                update.setString(1, reason);
                update.setLong(2, seq);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            Map<Long, String> hashes = new LinkedHashMap<>();
            AuditChain chain = new AuditChain();
            String previous = AuditChain.GENESIS;
            try (ResultSet rows = s.executeQuery("SELECT * FROM submission_event ORDER BY seq")) {
                ResultSetMetaData meta = rows.getMetaData();
                while (rows.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(meta.getColumnName(i), rows.getString(i));
                    }
                    previous = chain.next(previous, row);
                    hashes.put(rows.getLong("seq"), previous);
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE submission_event SET hash = ? WHERE seq = ?")) {
                for (Map.Entry<Long, String> e : hashes.entrySet()) {
                    update.setString(1, e.getValue());
                    update.setLong(2, e.getKey());
                    update.executeUpdate();
                }
            }
        }
    }
}
