package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox with no pipelines started and a data folder of one test's, with the commands' environment on them
 * ({@link InProcessCommands#on}), for tests of what {@code recover} settles. Registered with {@code @RegisterExtension}
 * on an instance field: both are made before each test and removed after it, after the test's own {@code @AfterEach}.
 */
final class CommandSandbox implements BeforeEachCallback, AfterEachCallback {
    private Sandbox sandbox;
    private Path dataDir;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("command-sandbox-");
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            sandbox.close();
        } finally {
            delete(dataDir);
        }
    }

    Sandbox sandbox() {
        return sandbox;
    }

    /** The history file every command and session of this test shares. */
    Path historyFile() {
        return dataDir.resolve("history.db");
    }

    /** The environment a command runs in: the sandbox as its connection, {@link #historyFile()} as its history. */
    CommandEnvironment environment() {
        return InProcessCommands.on(sandbox, historyFile());
    }

    /** {@code recover} ends well, says {@code token}'s decision was accepted, and the history holds it so, alone. */
    void assertRecoverRecordsAccepted(String token) throws Exception {
        InProcessCommands.Run recovered = InProcessCommands.run(new RecoverCommand(environment()));

        assertThat(recovered.exitCode()).as(recovered.stdout() + recovered.stderr()).isEqualTo(ExitCodes.OK);
        assertThat(recovered.stdout()).contains(token).contains("accepted");
        try (HistoryStore history = HistoryStore.open(historyFile(), "test")) {
            assertThat(history.recentSubmissions(10)).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        }
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
