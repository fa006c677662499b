package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as scripts use it: a separate process against a sandbox this test starts, asserting stdout,
 * stderr and exit codes.
 */
class CommandLineProcessTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Sandbox sandbox;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    Run run(String... args) throws IOException, InterruptedException {
        ConsoleProcess console = ConsoleProcess.console(args).args("--data-dir", dataDir.toString());
        if (!List.of("history", "verify").contains(args[0])) {
            // Reading the history needs no connection; every other command talks to the sandbox.
            console.sandboxConnection(sandbox);
        }
        return console.sandboxCredentials().run(dataDir, Duration.ofSeconds(60));
    }

    List<JsonNode> pendingJson() throws Exception {
        Run pending = run("pending", "--json");
        assertThat(pending.exitCode()).as(pending.stderr()).isZero();
        List<JsonNode> callbacks = new ArrayList<>();
        for (String line : pending.stdout().split("\n")) {
            if (!line.isBlank()) {
                callbacks.add(JSON.readTree(line));
            }
        }
        return callbacks;
    }

    List<HistoryEntry> history() {
        try (HistoryStore store = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            return store.recentSubmissions(100);
        }
    }

    int failureCalls() {
        return sandbox.simulator().callsTo("SendPipelineExecutionStepFailure").size();
    }

    @Test
    void pendingJsonParsesBackWithItsStableFields() throws Exception {
        List<JsonNode> callbacks = pendingJson();
        assertThat(callbacks).isNotEmpty();
        for (JsonNode callback : callbacks) {
            assertThat(callback.fieldNames()).toIterable().startsWith("token", "pipelineExecutionArn",
                    "pipelineName", "stepName", "status", "stale", "receivedAt", "queueUrl", "arguments");
            assertThat(callback.get("token").asText()).hasSize(10);
            assertThat(callback.get("pipelineExecutionArn").asText()).startsWith("arn:aws:sagemaker:us-east-2:");
            assertThat(callback.get("arguments").isObject()).isTrue();
            assertThat(callback.get("status").asText()).isEqualTo("Executing");
        }
    }

    @Test
    void failPrintsTheArnJournalsAndDeletesTheMessage() throws Exception {
        JsonNode target = pendingJson().get(0);
        String token = target.get("token").asText();
        int callsBefore = failureCalls();

        Run fail = run("fail", token, "--reason", "Rejected by the on-call runbook", "--yes");

        assertThat(fail.exitCode()).as(fail.stderr()).isZero();
        assertThat(fail.stdout().trim()).isEqualTo(target.get("pipelineExecutionArn").asText());
        assertThat(fail.stderr()).isEmpty();
        assertThat(failureCalls()).isEqualTo(callsBefore + 1);
        assertThat(history()).singleElement().satisfies(entry -> {
            assertThat(entry.submission().token().value()).isEqualTo(token);
            assertThat(entry.outcome()).isInstanceOf(Outcome.Accepted.class);
        });
        assertThat(pendingJson()).extracting(c -> c.get("token").asText()).doesNotContain(token);
    }

    @Test
    void aReasonOf257CharactersIsRefusedBeforeAnythingIsSentOrJournaled() throws Exception {
        int callsBefore = failureCalls();
        Run fail = run("fail", "Aa1Bb2Cc3D", "--reason", "x".repeat(257), "--yes");
        assertThat(fail.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fail.stderr()).contains("257 characters").contains("at most 256");
        assertThat(fail.stdout()).isEmpty();
        assertThat(failureCalls()).isEqualTo(callsBefore);
        assertThat(dataDir.resolve("history.db")).doesNotExist();
    }

    @Test
    void aNineCharacterTokenIsRefusedBeforeAnythingIsSent() throws Exception {
        int callsBefore = failureCalls();
        Run fail = run("fail", "Aa1Bb2Cc3", "--reason", "x", "--yes");
        assertThat(fail.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fail.stderr()).contains("exactly 10").contains("has 9");
        assertThat(failureCalls()).isEqualTo(callsBefore);
        assertThat(dataDir.resolve("history.db")).doesNotExist();
    }

    @Test
    void anUnknownTokenIsRefusedByAwsAndRecorded() throws Exception {
        Run fail = run("fail", "Zz9Yy8Xx7W", "--reason", "no such token", "--yes");
        assertThat(fail.exitCode()).isEqualTo(ExitCodes.AWS_REFUSED);
        assertThat(fail.stdout()).isEmpty();
        assertThat(fail.stderr()).contains("ResourceNotFound").containsPattern("request id [0-9a-f-]{36}");
        assertThat(fail.stderr().strip().lines()).hasSize(1);
        assertThat(history()).singleElement().satisfies(entry -> {
            assertThat(entry.submission().executionArn()).isNull();
            assertThat(entry.outcome()).isInstanceOf(Outcome.Refused.class);
            assertThat(((Outcome.Refused) entry.outcome()).errorCode()).isEqualTo("ResourceNotFound");
        });
    }

    @Test
    void withoutATerminalAndWithoutYesNothingIsSent() throws Exception {
        String token = pendingJson().get(0).get("token").asText();
        int callsBefore = failureCalls();
        Run fail = run("fail", token, "--reason", "x");
        assertThat(fail.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(fail.stderr()).contains("--yes");
        assertThat(failureCalls()).isEqualTo(callsBefore);
    }

    @Test
    void theAwsCliStartsAnExecutionThatTheConsoleFails() throws Exception {
        assumeThat(Path.of("/usr/bin/aws")).as("the AWS CLI (Debian package awscli)").exists();
        Map<String, String> awsEnv = Map.of("AWS_ACCESS_KEY_ID", "sandbox", "AWS_SECRET_ACCESS_KEY", "sandbox",
                "AWS_REGION", sandbox.region(), "AWS_EC2_METADATA_DISABLED", "true", "AWS_PAGER", "");
        String started = aws(awsEnv, "sagemaker", "start-pipeline-execution", "--pipeline-name", "two-gates",
                "--client-request-token", "cli-e2e-" + "0".repeat(32));
        String executionArn = JSON.readTree(started).get("PipelineExecutionArn").asText();

        JsonNode callback = pendingJson().stream()
                .filter(c -> c.get("pipelineExecutionArn").asText().equals(executionArn)).findFirst().orElseThrow();
        Run fail = run("fail", callback.get("token").asText(), "--reason", "Stopped by the AWS CLI e2e test", "--yes");
        assertThat(fail.exitCode()).as(fail.stderr()).isZero();
        assertThat(fail.stdout().trim()).isEqualTo(executionArn);

        JsonNode described = JSON.readTree(aws(awsEnv, "sagemaker", "describe-pipeline-execution",
                "--pipeline-execution-arn", executionArn));
        assertThat(described.get("PipelineExecutionStatus").asText()).isEqualTo("Failed");
        assertThat(described.get("FailureReason").asText()).contains("Stopped by the AWS CLI e2e test");
    }

    @Test
    void pendingJsonCarriesTheStepAndMarksAStaleToken() throws Exception {
        String executionArn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(executionArn, "ManualReview");
        sandbox.simulator().finishCallbackStep(token, "Succeeded");

        JsonNode stale = pendingJson().stream().filter(c -> c.get("token").asText().equals(token)).findFirst()
                .orElseThrow();
        assertThat(stale.get("stepName").asText()).isEqualTo("ManualReview");
        assertThat(stale.get("stale").asBoolean()).isTrue();
        assertThat(stale.get("staleReason").asText()).contains("Succeeded");

        Run dismissed = run("fail", "--all-stale", "--reason", "cleanup after the step finished on its own", "--yes");
        assertThat(dismissed.exitCode()).as(dismissed.stderr()).isZero();
        assertThat(dismissed.stdout()).contains(token + "  dismissed");
        assertThat(pendingJson()).extracting(c -> c.get("token").asText()).doesNotContain(token);
        assertThat(history()).anySatisfy(e -> {
            assertThat(e.submission().token().value()).isEqualTo(token);
            assertThat(e.submission().action().name()).isEqualTo("DISMISS");
        });
    }

    @Test
    void approveChecksOutputsAgainstTheStepsDeclarationBeforeSending() throws Exception {
        String executionArn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(executionArn, "ManualReview");
        int successCalls = sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess").size();

        Run wrongType = run("approve", token, "--output", "approved=perhaps", "--yes");
        assertThat(wrongType.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrongType.stderr()).contains("approved").contains("Boolean");
        Run undeclared = run("approve", token, "--output", "colour=blue", "--yes");
        assertThat(undeclared.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(undeclared.stderr()).contains("declares no output named colour");
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess")).hasSize(successCalls);

        Run approve = run("approve", token, "--output", "approved=true", "--output", "reviewer=alice", "--yes");
        assertThat(approve.exitCode()).as(approve.stderr()).isZero();
        assertThat(approve.stdout().trim()).isEqualTo(executionArn);
        List<RecordedCallView> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepSuccess").stream()
                .map(c -> new RecordedCallView(c.requestBody())).toList();
        assertThat(calls).hasSize(successCalls + 1);
        assertThat(calls.get(calls.size() - 1).body()).contains(token).contains("reviewer").contains("alice");
    }

    record RecordedCallView(String body) {
    }

    @Test
    void discoveryFindsATokenWhoseMessageIsGone() throws Exception {
        String executionArn = sandbox.simulator().startExecution("manual-approval", Map.of());
        String token = sandbox.simulator().callbackToken(executionArn, "ManualReview");
        // Another consumer took the message.
        String queue = sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst().orElseThrow();
        sandbox.sqs().receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).visibilityTimeout(0)).messages()
                .stream().filter(m -> m.body().contains(token))
                .forEach(m -> sandbox.sqs().deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));

        assertThat(pendingJson()).extracting(c -> c.get("token").asText()).doesNotContain(token);
        Run discovered = run("pending", "--json", "--discover");
        assertThat(discovered.exitCode()).as(discovered.stderr()).isZero();
        JsonNode found = discovered.stdout().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(c -> c.get("token").asText().equals(token)).findFirst().orElseThrow();
        assertThat(found.get("foundViaSageMaker").asBoolean()).isTrue();
        assertThat(found.get("pipelineExecutionArn").asText()).isEqualTo(executionArn);
    }

    @Test
    void historyExportsCsvThatReadsBackAndVerifyCatchesATamperedRow() throws Exception {
        String token = pendingJson().get(0).get("token").asText();
        Run fail = run("fail", token, "--reason", "Audited, with a comma", "--yes");
        assertThat(fail.exitCode()).as(fail.stderr()).isZero();

        Run csv = run("history", "--events", "--format", "csv", "--search", token);
        assertThat(csv.exitCode()).as(csv.stderr()).isZero();
        List<String> lines = csv.stdout().lines().toList();
        assertThat(lines.get(0)).as("header record").contains("row_count=2").contains("chain_head_hash=");
        List<String> columns = List.of(lines.get(1).split(","));
        assertThat(columns).contains("callback_token", "reason", "outcome", "hash");
        assertThat(lines).hasSize(4);
        String intent = lines.stream().filter(l -> l.contains("INTENT")).findFirst().orElseThrow();
        assertThat(intent).contains(token).contains("\"Audited, with a comma\"");

        Run table = run("history", "--pipeline", "no-such-pipeline");
        assertThat(table.exitCode()).isZero();
        assertThat(table.stdout().lines()).hasSize(1); // the column titles only

        Run verified = run("verify");
        assertThat(verified.exitCode()).as(verified.stderr()).isZero();
        assertThat(verified.stdout()).containsPattern("\\d+ rows verified, head \\d+:[0-9a-f]{64}");

        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("history.db"));
             java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_update");
            s.execute("UPDATE submission_event SET reason = 'nothing to see here' WHERE kind = 'INTENT'");
        }
        Run broken = run("verify");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.AUDIT_FAILED);
        assertThat(broken.stderr()).isNotBlank();
        assertThat(broken.stdout()).isEmpty();

        Run badFilter = run("history", "--since", "yesterday-ish");
        assertThat(badFilter.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(badFilter.stderr()).contains("--since");
    }

    String aws(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url",
                sandbox.sageMakerEndpoint().toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
