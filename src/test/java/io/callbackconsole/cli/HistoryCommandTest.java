package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.triage.ConsoleSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code history}: one line per decision by default, the raw rows with {@code --events}, and both as exports. */
class HistoryCommandTest {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    Path file;

    /** A decision retried twice, then accepted (4 rows), and one still in flight (1 row). */
    @BeforeEach
    void write() {
        file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            Submission retried = submission("RetryTok01", "Drift in the amount column", T0);
            store.recordIntent(retried, "ManualReview", null);
            store.recordOutcome(retried.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out",
                    "No answer."), T0.plusSeconds(5));
            store.recordOutcome(retried.requestToken(), new Outcome.Unknown("InternalFailure", "HTTP 500",
                    "No answer."), T0.plusSeconds(10));
            store.recordOutcome(retried.requestToken(), new Outcome.Accepted(ARN, "req-3"), T0.plusSeconds(20));
            store.recordIntent(submission("FlightTok1", "Second opinion", T0.plusSeconds(60)), "ManualReview", null);
        }
    }

    private static Submission submission(String token, String reason, Instant at) {
        return new Submission(new ClientRequestToken("request-" + token + "-0123456789abcdefghijkl"), Action.FAIL,
                CallbackToken.of(token), PipelineExecutionArn.of(ARN), FailureReason.of(reason),
                new Operator("alice"), ConnectionId.sandbox(), at);
    }

    private record Printed(int exitCode, String out, String err) {
    }

    private Printed run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new HistoryCommand(readingHistory(file)));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        io.callbackconsole.testing.Transcript.record(java.util.List.of(args), code, out.toString(), err.toString());
        return new Printed(code, out.toString(), err.toString());
    }

    private static String stdoutOf(Path file, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CommandLine line = new CommandLine(new HistoryCommand(readingHistory(file)));
            line.setErr(new PrintWriter(new StringWriter()));
            assertThat(line.execute(args)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theTablePrintsOneLinePerDecisionWithItsAttemptsAndLatestOutcome() {
        Printed printed = run();

        assertThat(printed.exitCode()).isZero();
        List<String> lines = printed.out().lines().toList();
        assertThat(lines).as("titles and two decisions, not five rows").hasSize(3);
        assertThat(lines.get(0)).startsWith("DECIDED (UTC)").contains("OPERATOR", "ATTEMPTS", "PIPELINE / STEP",
                "REASON", "RETURNED ARN");
        assertThat(lines.get(1)).startsWith("2026-11-25T10:01:00.000Z").contains("FlightTok1", "in flight",
                "churn-model / ManualReview", "Second opinion");
        assertThat(lines.get(2)).contains("RetryTok01", "ACCEPTED", "Drift in the amount column").endsWith(ARN);
        assertThat(lines.get(2).split("\\s+")).contains("3"); // three attempts: two unknown, then accepted
    }

    @Test
    void eventsPrintsTheRawRowsAsBefore() {
        Printed printed = run("--events");

        assertThat(printed.exitCode()).isZero();
        List<String> lines = printed.out().lines().toList();
        assertThat(lines.get(0)).startsWith("RECORDED (UTC)").contains("KIND");
        assertThat(lines).hasSize(6);
        assertThat(lines.stream().filter(l -> l.contains("OUTCOME ") && l.contains("UNKNOWN"))).hasSize(2);
    }

    @Test
    void csvAndJsonLinesExportDecisionsWithTheChainHeadAndEventsOnRequest() throws Exception {
        String head;
        try (AuditLog log = AuditLog.open(file)) {
            head = log.verify().headHash();
        }

        List<String> csv = stdoutOf(file, "--format", "csv").lines().toList();
        assertThat(csv.get(0)).startsWith("#callback-console-decision-export,").contains("row_count=2",
                "chain_head_seq=5", "chain_head_hash=" + head);
        assertThat(csv.get(1)).startsWith("decided_at,operator,action,callback_token,reason,outcome,attempts,");
        assertThat(csv).hasSize(4);

        List<String> jsonl = stdoutOf(file, "--format", "jsonl", "--search", "drift").lines().toList();
        ObjectMapper json = new ObjectMapper();
        JsonNode header = json.readTree(jsonl.get(0));
        assertThat(header.get("format").asText()).isEqualTo("callback-console-decision-export");
        assertThat(header.get("chainHead").get("hash").asText()).isEqualTo(head);
        assertThat(jsonl).hasSize(2);
        JsonNode decision = json.readTree(jsonl.get(1));
        assertThat(decision.get("attempts").asInt()).isEqualTo(3);
        assertThat(decision.get("event_seqs").asText()).isEqualTo("1 2 3 4");

        List<String> events = stdoutOf(file, "--events", "--format", "csv").lines().toList();
        assertThat(events.get(0)).startsWith("#callback-console-audit-export,").contains("row_count=5",
                "chain_head_hash=" + head);
        assertThat(events).hasSize(7);
    }

    @Test
    void aForgedReasonInTheDecisionTableIsEscapedOnItsLine() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copy AS SELECT * FROM submission_event WHERE seq = 5");
            s.execute("UPDATE copy SET seq = NULL, callback_token = 'Forged0001', client_request_token ="
                    + " 'other-tool-request-token-0123456789abcdef', reason = 'ok' || char(13) || char(27)"
                    + " || '[2Kfake line', hash = printf('%064d', 0)");
            s.execute("INSERT INTO submission_event SELECT * FROM copy");
        }

        Printed printed = run();

        assertThat(printed.out().codePoints().filter(ch -> ch < 0x20 && ch != '\n').toArray()).isEmpty();
        assertThat(printed.out().lines()).hasSize(4);
        assertThat(printed.out().lines()).anySatisfy(line -> assertThat(line).contains("Forged0001")
                .contains("ok\\r\\u001b[2Kfake line"));
    }

    @Test
    void theOutcomeFilterAsksForTheDecisionsLatestOutcome() {
        assertThat(run("--outcome", "unknown").out().lines()).as("titles only: its attempts were unknown, it is not")
                .hasSize(1);
        assertThat(run("--outcome", "accepted").out().lines()).hasSize(2);
        assertThat(run("--events", "--outcome", "unknown").out().lines()).hasSize(3);
    }

    static CommandEnvironment readingHistory(Path historyFile) {
        return new CommandEnvironment() {
            @Override
            public ConnectionSettings connection(ConnectionOptions options) {
                throw new AssertionError("history needs no connection");
            }

            @Override
            public Path historyFile(Path dataDirOption, boolean sandbox) {
                return historyFile;
            }

            @Override
            public ConsoleSession openSession(ConnectionOptions options) {
                throw new AssertionError("history needs no session");
            }
        };
    }

    @Test
    void aDeletedQuarantinedMessageReadsAsADismissalWithItsBodyHash() {
        QuarantinedMessage deleted = new QuarantinedMessage(new QueueMessage(
                "https://sqs.us-east-2.amazonaws.com/012345678901/manual-review", "5fea7756-0ea4-451a-a703-a558b933e274",
                "handle", "{\"not\": \"a callback\"}", T0, T0, 1), "no token");
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            Submission dismissal = Submission.dismiss(deleted.historyKey(), null, deleted.dismissalReason(),
                    new Operator("alice"), ConnectionId.sandbox(), T0.plusSeconds(120));
            store.recordIntent(dismissal, null, null);
            store.recordOutcome(dismissal.requestToken(), new Outcome.Accepted("", null), T0.plusSeconds(121));
        }

        List<String> lines = run().out().lines().toList();

        assertThat(lines.get(1)).contains("alice", "DISMISS", deleted.bodySha256().substring(0, 10), "ACCEPTED",
                "quarantined message deleted; body SHA-256 " + deleted.bodySha256(),
                "message 5fea7756-0ea4-451a-a703-a558b933e274; queue manual-review");
    }
}
