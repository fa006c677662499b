package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fail --pipeline} goes through the bulk use case: bounded concurrency, one line per token, exactly once. */
class FailPipelineCommandTest {
    @TempDir
    Path dataDir;

    record Run(int exitCode, String stdout, String stderr) {
    }

    Run run(Sandbox sandbox, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.callbackconsole.app.CallbackConsole"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--region", sandbox.region(),
                "--endpoint-sqs", sandbox.sqsEndpoint().toString(),
                "--endpoint-sagemaker", sandbox.sageMakerEndpoint().toString()));
        sandbox.queueUrls().forEach(q -> command.addAll(List.of("--queue", q)));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "sandbox");
        env.put("AWS_SECRET_ACCESS_KEY", "sandbox");
        env.remove("AWS_PROFILE");
        Path out = Files.createTempFile(dataDir, "stdout", ".txt");
        Path err = Files.createTempFile(dataDir, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command ends by itself").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void failsEveryPendingCallbackOfThePipelineOnceEach() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            for (int i = 0; i < 6; i++) {
                sandbox.simulator().startExecution("manual-approval", Map.of());
            }

            Run bad = run(sandbox, "fail", "--pipeline", "manual-approval", "--reason", "r", "--yes",
                    "--concurrency", "0");
            assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(bad.stderr()).contains("--concurrency takes 1 to 32");

            Run fail = run(sandbox, "fail", "--pipeline", "manual-approval", "--reason", "bulk from a runbook",
                    "--yes", "--concurrency", "3");

            assertThat(fail.exitCode()).as(fail.stderr()).isZero();
            List<String> arns = Arrays.stream(fail.stdout().split("\n")).filter(l -> !l.isBlank()).toList();
            assertThat(arns).hasSizeGreaterThanOrEqualTo(8).doesNotHaveDuplicates()
                    .allSatisfy(arn -> assertThat(arn).contains(":pipeline/manual-approval/execution/"));
            assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).hasSize(arns.size());
            try (HistoryStore store = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
                assertThat(store.recentSubmissions(100)).hasSize(arns.size())
                        .allSatisfy(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
            }
        }
    }
}
