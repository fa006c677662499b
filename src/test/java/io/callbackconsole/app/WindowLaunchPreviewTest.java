package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowLaunchPreviewTest {
    @TempDir
    Path dataDir;

    boolean opens(String... args) {
        return WindowLaunchPreview.certainlyOpensWindow(args);
    }

    @Test
    void theConsolesOwnFlagsAndTextOptionsOpenTheWindow() {
        String dir = dataDir.toString();
        assertThat(opens("--data-dir", dir)).isTrue();
        assertThat(opens("--sandbox", "--smoke", "--data-dir", dir)).isTrue();
        assertThat(opens("--data-dir=" + dir, "--peek", "--profile", "ops", "--region", "us-east-2",
                "--queue", "https://sqs.us-east-2.amazonaws.com/1/a", "--queue", "https://sqs.us-east-2.amazonaws.com/1/b"))
                .isTrue();
    }

    @Test
    void helpVersionCommandsAndUnknownFlagsTakeTheUsualPath() {
        String dir = dataDir.toString();
        for (String[] args : new String[][] {
                {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"pending", "--data-dir", dir}, {"sandbox"},
                {"--bogus", "--data-dir", dir}, {"--data-dir", dir, "extra"}, {"--", "--data-dir", dir}}) {
            assertThat(opens(args)).as(String.join(" ", args)).isFalse();
        }
    }

    @Test
    void valuesPicocliMayRefuseTakeTheUsualPath() {
        String dir = dataDir.toString();
        for (String[] args : new String[][] {
                {"--data-dir", dir, "--smoke-timeout", "5"}, {"--data-dir", dir, "--visibility-timeout", "60"},
                {"--data-dir", dir, "--endpoint-sqs", "http://localhost:9324"}, {"--data-dir", dir, "--region"},
                {"--data-dir", dir, "--region", "a", "--region", "b"}, {"--data-dir", dir, "--profile", "pending"},
                {"--data-dir", dir, "--profile", "--sandbox"}, {"--data-dir", dir, "--sandbox=true"},
                {"--data-dir", dir, "--data-dir", dir}, {"--data-dir", "a\u0000b", "--sandbox"}}) {
            assertThat(opens(args)).as(String.join(" ", args)).isFalse();
        }
    }

    @Test
    void aSavedSettingsFileIsReadFirstUnlessTheSandboxIsAskedFor() throws Exception {
        Files.writeString(dataDir.resolve("settings.json"), "{}");
        String dir = dataDir.toString();
        assertThat(opens("--data-dir", dir)).as("the file may be broken").isFalse();
        assertThat(opens("--data-dir", dir, "--sandbox")).isTrue();
        assertThat(opens("--data-dir", dir, "--smoke")).isTrue();
    }

    @Test
    void theSandboxStartsFromMainOnlyForALineCertainlyOnIt() {
        String dir = dataDir.toString();
        assertThat(WindowLaunchPreview.certainlyOnSandbox(new String[] {"--sandbox", "--data-dir", dir})).isTrue();
        assertThat(WindowLaunchPreview.certainlyOnSandbox(new String[] {"--smoke", "--data-dir", dir})).isTrue();
        // No settings saved here, but the flags name an AWS connection.
        assertThat(WindowLaunchPreview.certainlyOnSandbox(new String[] {"--data-dir", dir, "--profile", "ops"}))
                .isFalse();
        // Not certainly a window: picocli reads it first.
        assertThat(WindowLaunchPreview.certainlyOnSandbox(new String[] {"--sandbox", "--call-timeout", "5s"}))
                .isFalse();
        assertThat(WindowLaunchPreview.certainlyOnSandbox(new String[] {"sandbox"})).isFalse();
    }
}
