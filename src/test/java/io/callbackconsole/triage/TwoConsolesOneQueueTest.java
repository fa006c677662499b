package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two consoles (two sessions, two SQS inboxes, two histories) poll the same queues of one ElasticMQ with a visibility
 * timeout shorter than the test: only lease extension keeps a token from being pending in both at once.
 */
class TwoConsolesOneQueueTest {
    static final CallbackPoller.PollerSettings SHORT_LEASE = new CallbackPoller.PollerSettings(Duration.ofSeconds(2),
            Duration.ofMillis(150), 0);

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession().withPoller(SHORT_LEASE);

    Sandbox sandbox;
    ConsoleSession first;
    ConsoleSession second;
    /** What each console showed last, and every moment both showed one token; guarded by {@code this}. */
    final Map<String, Set<CallbackToken>> shown = new java.util.HashMap<>();
    final Map<String, Set<CallbackToken>> everShown = new java.util.HashMap<>();
    final List<String> heldByBoth = new CopyOnWriteArrayList<>();
    volatile boolean checking = true;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        first = open("first");
        second = open("second");
    }

    @AfterEach
    void stop() {
        checking = false;
    }

    ConsoleSession open(String name) {
        ConsoleSession session = sandboxSession.open(sandboxSession.connection(),
                sandboxSession.dataDir().resolve(name + ".db"));
        String other = name.equals("first") ? "second" : "first";
        session.pending().addSnapshotListener(snapshot -> {
            Set<CallbackToken> tokens = new HashSet<>();
            snapshot.pending().stream().filter(p -> !p.onlyFoundViaSageMaker()).map(PendingCallback::token)
                    .forEach(tokens::add);
            synchronized (this) {
                shown.put(name, tokens);
                everShown.computeIfAbsent(name, n -> new HashSet<>()).addAll(tokens);
                if (!checking) {
                    return;
                }
                for (CallbackToken token : tokens) {
                    if (shown.getOrDefault(other, Set.of()).contains(token)) {
                        heldByBoth.add(token + " at " + snapshot.takenAt());
                    }
                }
            }
        });
        return session;
    }

    synchronized Set<CallbackToken> shownBy(String name) {
        return Set.copyOf(shown.getOrDefault(name, Set.of()));
    }

    synchronized Set<CallbackToken> everShownBy(String name) {
        return Set.copyOf(everShown.getOrDefault(name, Set.of()));
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void noTokenIsPendingInBothAndWhatOneReleasesOrClosesOnTheOtherGets() throws InterruptedException {
        first.start();
        second.start();
        // More tokens arrive while both poll, so both get some.
        for (int i = 0; i < 8; i++) {
            sandbox.simulator().startExecution("manual-approval", Map.of());
            Thread.sleep(150);
        }
        await("both consoles hold tokens", () -> !shownBy("first").isEmpty() && !shownBy("second").isEmpty());
        // Three visibility timeouts: without extended leases the messages would reappear and change hands.
        Thread.sleep(6_000);
        assertThat(heldByBoth).as("tokens pending in both consoles at once").isEmpty();
        synchronized (this) {
            assertThat(everShown.get("first")).doesNotContainAnyElementsOf(everShown.get("second"));
        }
        Set<CallbackToken> all = new HashSet<>(shownBy("first"));
        all.addAll(shownBy("second"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(11); // 3 seeded executions, one with two gates, and 8 more

        // The first releases one row: it leaves the first console and is received again by one of the two.
        CallbackToken released = shownBy("first").iterator().next();
        assertThat(first.decisions().release(released).accepted()).isTrue();
        assertThat(shownBy("first")).doesNotContain(released);
        await("the released token is received again",
                () -> shownBy("first").contains(released) || shownBy("second").contains(released));

        // The first closes: it hands back everything, and the second gets all of it.
        checking = false;
        first.close();
        await("the second console holds every token", () -> shownBy("second").containsAll(all));
        assertThat(heldByBoth).isEmpty();
    }
}
