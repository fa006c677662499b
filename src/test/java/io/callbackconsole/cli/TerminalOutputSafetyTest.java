package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the history and pending commands print from outside cannot redraw the terminal they print on. */
class TerminalOutputSafetyTest {
    static final String FORGED = "\r\u001b[2K2026-11-25T10:00:00Z  OUTCOME  FAIL     AAAAAAAAAA  spoofed-pipeline"
            + "      ACCEPTED";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** A history holding a forged reason and error message, as an older console (which took anything) stored them. */
    Path historyWithForgedRows() throws Exception {
        Path file = dataDir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, "0.9-older")) {
            Submission intent = new Submission(new ClientRequestToken("forged-row-request-token-0123456789abcdef"),
                    Action.FAIL, CallbackToken.of("Forged0001"),
                    PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/real-pipeline/execution/e1"),
                    new FailureReason(FORGED), new Operator("mallory"), ConnectionId.sandbox(),
                    Instant.parse("2026-11-25T09:59:00Z"));
            store.recordIntent(intent);
            store.recordOutcome(intent.requestToken(), new Outcome.Refused("ValidationException",
                    "bad\u001b]0;owned\u0007title\nsecond line", "", "req-1"), Instant.parse("2026-11-25T09:59:01Z"));
        }
        // And a row written by some other tool straight into the file, past the console.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE copy AS SELECT * FROM submission_event WHERE kind = 'INTENT'");
            s.execute("UPDATE copy SET seq = NULL, callback_token = 'Forged0002', client_request_token ="
                    + " 'other-tool-request-token-0123456789abcdef', pipeline_name = 'pipe' || char(27) || '[31mline',"
                    + " reason = 'gnp' || char(8238) || '.exe' || char(10) || 'next', hash = printf('%064d', 0)");
            s.execute("INSERT INTO submission_event SELECT * FROM copy");
        }
        return file;
    }

    CommandEnvironment readingHistory(Path historyFile) {
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
    void theHistoryTablePrintsAForgedRowEscapedOnOneLine() throws Exception {
        Path file = historyWithForgedRows();
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new HistoryCommand(readingHistory(file)));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(new StringWriter()));

        assertThat(line.execute("--events")).isZero();

        String printed = out.toString();
        assertThat(printed.codePoints().filter(c -> c < 0x20 && c != '\n').toArray()).as("no control character")
                .isEmpty();
        assertThat(printed).doesNotContain("\u202e");
        List<String> lines = printed.lines().toList();
        assertThat(lines).as("titles, the forged intent, its outcome, the other tool's row").hasSize(4);
        assertThat(lines).anySatisfy(row -> assertThat(row).contains("Forged0001").contains("INTENT")
                .endsWith("\\r\\u001b[2K2026-11-25T10:00:00Z  OUTCOME  FAIL     AAAAAAAAAA  spoofed-pipeline"
                        + "      ACCEPTED"));
        assertThat(lines).anySatisfy(row -> assertThat(row).contains("Forged0002")
                .contains("pipe\\u001b[31mline").endsWith("gnp\\u202e.exe\\nnext"));
    }

    @Test
    void theJsonLinesExportStaysExactJsonWithNoRawControlCharacter() throws Exception {
        Path file = historyWithForgedRows();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            CommandLine line = new CommandLine(new HistoryCommand(readingHistory(file)));
            assertThat(line.execute("--events", "--format", "jsonl")).isZero();
        } finally {
            System.setOut(stdout);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.codePoints().filter(c -> c < 0x20 && c != '\n').toArray()).isEmpty();
        List<String> lines = printed.lines().toList();
        assertThat(lines).hasSize(4); // the header and three rows
        List<JsonNode> rows = lines.stream().skip(1).map(TerminalOutputSafetyTest::json).toList();
        assertThat(rows).anySatisfy(row -> assertThat(row.get("reason").asText()).isEqualTo(FORGED));
        assertThat(rows).anySatisfy(row -> assertThat(row.get("error_message").asText())
                .isEqualTo("bad\u001b]0;owned\u0007title\nsecond line"));
    }

    static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    static PendingCallback pending(String body) {
        ParsedMessage parsed = new CallbackMessageParser().parse(body);
        assertThat(parsed).isInstanceOf(ParsedMessage.Valid.class);
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        return PendingCallback.of(((ParsedMessage.Valid) parsed).message(),
                new QueueMessage("http://q/000000000000/q", "id", "rh", body, at, at, 1));
    }

    static final String HOSTILE_BODY = "{\"token\":\"Hostile001\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:"
            + "us-east-2:000000000000:pipeline/p/execution/e1\",\"arguments\":{\"note\":\"\\r\\u001b[2Kfake row"
            + "\\u009b31m\\u202egnp.exe\\u007f\"},\"status\":\"Executing\"}";

    @Test
    void thePendingTableShowsArgumentsFromTheMessageEscaped() {
        PendingSnapshot snapshot = new PendingSnapshot(List.of(pending(HOSTILE_BODY)), List.of(),
                PollState.starting(1), Instant.now());
        StringWriter out = new StringWriter();
        PendingCommand.printTable(new PrintWriter(out), snapshot);

        String printed = out.toString();
        assertThat(printed.codePoints().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)
                || c == 0x202e).toArray()).isEmpty();
        assertThat(printed.lines()).hasSize(2);
        // The parser's one-line summary already turns C0 controls into spaces; C1 and the override are escaped here.
        assertThat(printed).contains("fake row\\u009b31m\\u202egnp.exe");
    }

    @Test
    void pendingJsonEscapesEveryTerminalControlAndStillReadsBackExactly() throws Exception {
        PendingCallback callback = pending(HOSTILE_BODY);
        String line = PendingCallbackJson.of(callback, io.callbackconsole.triage.CallbackContext.notLookedUp());

        assertThat(line.codePoints().filter(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x202e).toArray())
                .as("Jackson escapes C0 itself; DEL, C1 and the override are escaped too").isEmpty();
        assertThat(line).contains("\\u009b").contains("\\u202e").containsIgnoringCase("\\u007f");
        assertThat(JSON.readTree(line).get("arguments").get("note").asText())
                .isEqualTo("\r\u001b[2Kfake row\u009b31m\u202egnp.exe\u007f");
    }
}
