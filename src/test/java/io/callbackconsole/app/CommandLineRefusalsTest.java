package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line says when it refuses a line before it connects anywhere (bad flags, a missing history, no
 * terminal to confirm on), byte for byte as it said it when the sentences were in the code
 * ({@code refusals-golden.txt} was written by the code before they moved into {@code cli/messages.properties}).
 */
class CommandLineRefusalsTest {
    private static final String TOKEN = "26vcYbeWsZ";
    private static final String TEAM = "postgresql://auditor@db.example.com/callback_history";

    @TempDir
    Path dataDir;

    @Test
    void everyRefusalReadsAsBefore() throws IOException {
        String data = dataDir.toString();
        List<List<String>> lines = List.of(
                List.of("fail", "--reason", "Rolled back", "--data-dir", data),
                List.of("fail", TOKEN, "--pipeline", "nightly", "--reason", "Rolled back", "--data-dir", data),
                List.of("fail", "--pipeline", "nightly", "--reason", "Rolled back", "--concurrency", "0"),
                List.of("fail", TOKEN, "--reason", "Rolled back", "--data-dir", data),
                List.of("pending", "--wait", "-1"),
                List.of("pending", "--discover-days", "0"),
                List.of("pending", "--visibility-timeout", "50000"),
                List.of("pending", "--call-attempts", "0"),
                List.of("pending", "--call-timeout", "1ms"),
                List.of("pending", "--call-timeout", "soon"),
                List.of("pending", "--history", TEAM, "--sandbox", "--data-dir", data),
                List.of("history", "--since", "yesterday-ish", "--data-dir", data),
                List.of("history", "--data-dir", data),
                List.of("history", "--sandbox", "--data-dir", data),
                List.of("history", "--history", TEAM, "--sandbox"),
                List.of("verify", "--data-dir", data),
                List.of("verify", "--history", TEAM, "--immutable"),
                List.of("approve", TOKEN, "--output", "=yes", "--data-dir", data),
                List.of("approve", TOKEN, "--output", "approved=true", "--output", "approved=false", "--data-dir",
                        data),
                List.of("sandbox", "--start", "101"),
                List.of("sandbox", "--pipeline", dataDir.resolve("absent.json").toString()));
        StringBuilder now = new StringBuilder();
        for (List<String> line : lines) {
            now.append(("$ callback-console " + String.join(" ", line) + "\n" + run(line)).replace(data, "DATA"));
        }
        String before;
        try (InputStream golden = CommandLineRefusalsTest.class.getResourceAsStream("refusals-golden.txt")) {
            before = golden == null ? "" : new String(golden.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!now.toString().equals(before)) {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/refusals-now.txt"), now, StandardCharsets.UTF_8);
        }
        assertThat(now.toString()).isEqualTo(before);
    }

    private static String run(List<String> args) {
        CommandHelpTest.Printed printed = CommandHelpTest.printed(args);
        return "[exit " + printed.exitCode() + "]\n[stdout]\n" + printed.out() + "[stderr]\n" + printed.err();
    }
}
