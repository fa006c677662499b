package io.callbackconsole.testing;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.triage.CallbackPoller.PollerSettings;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.SessionOpener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox (ElasticMQ and the SageMaker simulator on loopback), a history in a temp dir and console sessions on them,
 * for tests. Registered with {@code @RegisterExtension}: on an instance field, everything lives for one test; on a
 * static field, the sandbox lives for the class and sessions and histories still for one test. Everything is made on
 * first use, so a test's {@code @BeforeEach} can inject faults before the session opens (and a TestFX {@code @Start},
 * which runs before this extension's callbacks, can use it too); everything made is closed after the test, after the
 * test's own {@code @AfterEach}.
 */
public final class SandboxSessionExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    private final SandboxOptions options;
    private final PollerSettings settings;
    private boolean classScoped;
    private Sandbox sandbox;
    private Path dataDir;
    private ConsoleSession session;
    private final AtomicReference<PendingSnapshot> latest = new AtomicReference<>();
    /** Sessions opened for the current test, closed after it (closing twice is harmless). */
    private final List<ConsoleSession> opened = new ArrayList<>();

    private SandboxSessionExtension(SandboxOptions options, PollerSettings settings) {
        this.options = options;
        this.settings = settings;
    }

    /** The default sandbox (its pipelines started), sessions polling with {@link TestPollerSettings#FAST}. */
    public static SandboxSessionExtension sandboxSession() {
        return new SandboxSessionExtension(SandboxOptions.defaults(), TestPollerSettings.FAST);
    }

    public SandboxSessionExtension withSandbox(SandboxOptions sandboxOptions) {
        return new SandboxSessionExtension(sandboxOptions, settings);
    }

    public SandboxSessionExtension withPoller(PollerSettings pollerSettings) {
        return new SandboxSessionExtension(options, pollerSettings);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
    }

    public synchronized Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = Sandbox.start(options);
        }
        return sandbox;
    }

    /** A folder of this test's own (0700), removed after it. */
    public synchronized Path dataDir() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("sandbox-session-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dataDir;
    }

    /** The history file the sessions of this test share. */
    public Path historyFile() {
        return dataDir().resolve("history.db");
    }

    /** The sandbox as the launcher connects to it: its SQS, SageMaker, STS and IAM endpoints. */
    public ConnectionSettings connection() {
        Sandbox running = sandbox();
        return new ConnectionSettings(true, null, running.region(), running.queueUrls(), running.sqsEndpoint(),
                running.sageMakerEndpoint(), running.stsEndpoint()).withIamEndpoint(running.iamEndpoint());
    }

    /** As {@link #connection()}, with SageMaker reached at {@code sageMaker} (a fault proxy in front of it). */
    public ConnectionSettings connectionVia(URI sageMaker) {
        Sandbox running = sandbox();
        return new ConnectionSettings(true, null, running.region(), running.queueUrls(), running.sqsEndpoint(),
                sageMaker, running.stsEndpoint()).withIamEndpoint(running.iamEndpoint());
    }

    /** The session of this test (opened on first use, not started), on {@link #historyFile()}. */
    public synchronized ConsoleSession session() {
        if (session == null) {
            session = open();
        }
        return session;
    }

    /** {@link #session()} started, with its snapshots kept for {@link #awaitSnapshot}. */
    public synchronized ConsoleSession startedSession() {
        ConsoleSession started = session();
        started.pending().addSnapshotListener(latest::set);
        started.start();
        return started;
    }

    /** The newest snapshot {@link #startedSession()} published, or null before its first. */
    public PendingSnapshot latest() {
        return latest.get();
    }

    /** The newest snapshot {@link #startedSession()} published that meets {@code condition}; waits up to 20 s. */
    public PendingSnapshot awaitSnapshot(Predicate<PendingSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            PendingSnapshot snapshot = latest.get();
            if (snapshot != null && condition.test(snapshot)) {
                return snapshot;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("condition not met within 20 s; last snapshot: " + latest.get());
    }

    /** Another session on the sandbox and {@link #historyFile()} (a restart, a second run); closed after the test. */
    public ConsoleSession open() {
        return open(connection(), historyFile());
    }

    /** A session on {@code connection} and {@code history}, with this extension's poller settings; closed after. */
    public synchronized ConsoleSession open(ConnectionSettings connection, Path history) {
        ConsoleSession fresh = ConsoleSession.open(connection, history, "test", settings);
        opened.add(fresh);
        return fresh;
    }

    /**
     * For a window's environment: opens a sandbox connection (the one to start with, or one the window reconnects to)
     * on this sandbox, any other as asked, each on {@link #historyFile()}.
     */
    public SessionOpener opener() {
        return requested -> open(requested.sandbox() ? connection() : requested, historyFile());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<ConsoleSession> toClose;
        Path folder;
        synchronized (this) {
            toClose = new ArrayList<>(opened);
            opened.clear();
            session = null;
            latest.set(null);
            folder = dataDir;
            dataDir = null;
        }
        try {
            for (ConsoleSession each : toClose) {
                each.close();
            }
        } finally {
            if (!classScoped) {
                closeSandbox();
            }
            delete(folder);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeSandbox();
    }

    private synchronized void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    private static void delete(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
