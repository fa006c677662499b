package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher starts JavaFX early, but only once the command line is known to open the window: help, unknown flags
 * and refused values behave as they always did, and JavaFX (which would announce itself on stderr when loaded from
 * the class path) never starts for them.
 */
class WindowLaunchRefusalProcessTest {
    @TempDir
    Path dataDir;

    record Run(int exitCode, String stdout, String stderr) {
    }

    Run launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString()));
        Path out = Files.createTempFile(dataDir, "stdout", ".txt");
        Path err = Files.createTempFile(dataDir, "stderr", ".txt");
        Process process = SmokeCommandProcessTest.headlessLauncher(command.toArray(String[]::new))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends by itself").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsTheUsageWithEveryCommandAndExitsZero() throws Exception {
        Run run = launch("--help");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("Usage: callback-console")
                .contains("pending", "fail", "approve", "history", "verify", "recover", "sandbox", "Exit codes");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void anUnknownFlagIsUsageErrorTwoWithoutJavaFx() throws Exception {
        Run run = launch("--sandbox", "--bogus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith("Unknown option: '--bogus'").contains("Usage: callback-console")
                .doesNotContain("JavaFX");
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aRefusedValueIsOneSentenceAndExitTwoWithoutJavaFx() throws Exception {
        Run run = launch("--sandbox", "--visibility-timeout", "50000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("--visibility-timeout takes 0 to 43200 seconds (12 hours)."
                + System.lineSeparator());
    }

    @Test
    void anUnreadableSettingsFileIsSetAsideAndNoLongerStopsTheStart() throws Exception {
        Files.writeString(dataDir.resolve("settings.json"), "[1, 2]");
        // A value refused after the settings are read ends the run before the window: what stops it is that value.
        Run run = launch("--sandbox", "--visibility-timeout", "50000");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("--visibility-timeout takes 0 to 43200 seconds (12 hours)."
                + System.lineSeparator());
        assertThat(dataDir.resolve("settings.json")).doesNotExist();
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("kept for the operator")
                    .anySatisfy(name -> assertThat(name).startsWith("settings.json.damaged-"));
        }
        assertThat(Files.readString(Files.list(dataDir).filter(f -> f.getFileName().toString()
                .startsWith("settings.json.damaged-")).findFirst().orElseThrow())).isEqualTo("[1, 2]");
    }
}
