package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ClientTuning;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launch on the sandbox starts it beside the window: the first sandbox session takes that sandbox, with its seed
 * executions already waiting, instead of starting one of its own; a failed early start or pipelines added since make
 * the session start its own.
 */
class EarlySandboxTest {
    private static final CallbackPoller.PollerSettings NO_SCHEDULE = new CallbackPoller.PollerSettings(
            Duration.ofMinutes(5), Duration.ofMinutes(5), 0);

    @TempDir
    Path dataDir;

    /** Starts real sandboxes and keeps each start's options. */
    private final List<SandboxOptions> starts = new CopyOnWriteArrayList<>();
    private final Function<SandboxOptions, Sandbox> counting = options -> {
        starts.add(options);
        return Sandbox.start(options);
    };

    @Test
    void theFirstSessionTakesTheSandboxStartedEarlyWithItsSeedsWaiting() throws Exception {
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test",
                NO_SCHEDULE, counting);
        sessions.startSandboxEarly();
        sessions.startSandboxEarly(); // a second call starts nothing more
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            // Seeded before the session existed: the very first poll finds them.
            assertThat(session.pending().pollOnce().pending()).isNotEmpty();
        }
        assertThat(starts).hasSize(1);
        // Taken: the next sandbox session starts its own.
        try (ConsoleSession again = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(again.history().file()).isNotNull();
        }
        assertThat(starts).hasSize(2);
    }

    @Test
    void aFailedEarlyStartIsTriedOnceMoreByTheSession() {
        AtomicInteger calls = new AtomicInteger();
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test",
                NO_SCHEDULE, options -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("port taken");
                    }
                    return counting.apply(options);
                });
        sessions.startSandboxEarly();
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(session.history().file()).isNotNull();
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void pipelinesAddedAfterTheEarlyStartGetASandboxThatRunsThem() throws Exception {
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test",
                NO_SCHEDULE, counting);
        sessions.startSandboxEarly();
        Path definition = dataDir.resolve("my-gate.json");
        try (var bundled = Sandbox.class.getResourceAsStream(
                "/io/callbackconsole/sandbox/pipelines/manual-approval.json")) {
            Files.writeString(definition, new String(bundled.readAllBytes(), StandardCharsets.UTF_8));
        }
        sessions.add(definition);
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(session.history().file()).isNotNull();
        }
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).ownPipelines()).extracting(own -> own.name()).containsExactly("my-gate");
    }

    @Test
    void aSandboxStartedBeforeTheSessionsExistedIsTakenByTheFirstSession() throws Exception {
        // As main starts it for a line certainly on the sandbox, before picocli has read the line.
        var starting = SandboxOrAwsSessions.startSandbox(counting);
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test",
                NO_SCHEDULE, counting);
        sessions.adoptEarlySandbox(starting, ClientTuning.DEFAULT, true);
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(session.pending().pollOnce().pending()).isNotEmpty();
            assertThat(session.connection().sqsEndpoint()).isEqualTo(starting.get().sqsEndpoint());
        }
        assertThat(starts).hasSize(1);
    }

    @Test
    void aSandboxStartFromMainThatFailedIsTriedOnceMoreByTheSession() {
        var failed = SandboxOrAwsSessions.startSandbox(options -> {
            throw new IllegalStateException("port taken");
        });
        SandboxOrAwsSessions sessions = new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test",
                NO_SCHEDULE, counting);
        sessions.adoptEarlySandbox(failed, ClientTuning.DEFAULT, true);
        try (ConsoleSession session = sessions.open(ConnectionSettings.sandboxToStart())) {
            assertThat(session.history().file()).isNotNull();
        }
        assertThat(starts).hasSize(1);
    }
}
