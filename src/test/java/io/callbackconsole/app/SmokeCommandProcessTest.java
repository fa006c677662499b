package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.testing.ConsoleProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code --smoke} as its own process, headless under Monocle (the packaged launcher's smoke test runs under Xvfb
 * in .ci/run): it must open the window on the sandbox, see the first poll, and exit 0 with its log in the data
 * directory.
 */
class SmokeCommandProcessTest {
    @TempDir
    Path dataDir;

    static ProcessBuilder headlessLauncher(String... args) {
        return ConsoleProcess.main(ConsoleProcess.LAUNCHER, List.of("-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dprism.text=t2k"), List.of(args)).processBuilder();
    }

    @Test
    void smokeOpensTheWindowOnTheSandboxWaitsForThePollAndExitsZero() throws Exception {
        Path output = dataDir.resolve("output.txt");
        Process process = headlessLauncher("--smoke", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("the smoke test ends by itself").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(printed).isZero();
        assertThat(printed).containsPattern("Smoke test passed: window shown \\d+ ms after the process started, "
                + "first poll finished \\d+ ms after it; \\d+ pending");

        Path logFile = dataDir.resolve("logs").resolve("callback-console.log");
        assertThat(logFile).exists();
        assertThat(Files.readString(logFile, StandardCharsets.UTF_8))
                .contains("Callback Console ", "data in " + dataDir)
                .contains("Smoke test passed");
        assertThat(dataDir.resolve("sandbox").resolve("history.db")).as("the sandbox's own history").exists();
        assertThat(dataDir.resolve("history.db")).as("the AWS connections' history is not touched").doesNotExist();
    }

    @Test
    void smokeThatTimesOutExitsNonZeroAndSaysWhy() throws Exception {
        Process process = headlessLauncher("--smoke", "--smoke-timeout", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(printed).isEqualTo(3);
        assertThat(printed).contains("Smoke test failed: no poll finished within 0 s");
    }
}
