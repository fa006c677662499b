package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.ConsoleProcess;
import io.callbackconsole.testing.ConsoleProcess.Run;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fail --pipeline} goes through the bulk use case: bounded concurrency, one line per token, exactly once. */
class FailPipelineCommandTest {
    @TempDir
    Path dataDir;

    Run run(Sandbox sandbox, String... args) throws Exception {
        return ConsoleProcess.console(args).args("--data-dir", dataDir.toString()).sandboxConnection(sandbox)
                .sandboxCredentials().run(dataDir, Duration.ofSeconds(60));
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
