package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first poll shows its rows while SageMaker is still asked about their executions, and the contexts follow in one
 * snapshot: through the real SDK, ElasticMQ and the simulator, with the simulator holding every
 * DescribePipelineExecution until the test lets it answer.
 */
class RowsBeforeContextSandboxTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    /** Opened by the test once the rows were seen; until then every execution look-up waits in the simulator. */
    final CountDownLatch sageMakerAnswers = new CountDownLatch(1);
    final List<PendingSnapshot> published = new CopyOnWriteArrayList<>();

    @AfterEach
    void letGo() {
        sageMakerAnswers.countDown();
    }

    @Test
    void rowsArePublishedBeforeTheirContextsWhichFollowInOneSnapshot() throws Exception {
        Sandbox sandbox = sandboxSession.sandbox();
        sandbox.simulator().faults().beforeApply("DescribePipelineExecution", body -> {
            try {
                sageMakerAnswers.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ConsoleSession session = sandboxSession.session();
        session.pending().addSnapshotListener(published::add);
        session.start();

        // The cache waits up to 20 s for its look-ups (Settings.defaults()): rows that waited for it would not be here.
        PendingSnapshot rows = awaitPublished(s -> s.pending().size() == 3, Duration.ofSeconds(10));
        assertThat(rows.pending()).allSatisfy(p -> assertThat(rows.contextOf(p.token()).lookup())
                .as("the context of %s while SageMaker has not answered", p.token())
                .isEqualTo(CallbackContext.Lookup.PENDING));
        assertThat(sandbox.simulator().callsTo("DescribePipelineExecution")).as("no look-up has been answered")
                .isEmpty();

        sageMakerAnswers.countDown();
        PendingSnapshot filledIn = awaitPublished(s -> s.pending().size() == 3 && s.pending().stream()
                .allMatch(p -> s.contextOf(p.token()).lookup() == CallbackContext.Lookup.FOUND), Duration.ofSeconds(20));
        PendingCallback any = filledIn.pending().get(0);
        assertThat(filledIn.contextOf(any.token()).step()).as("the step holding the token").isNotNull();
        // Coalesced: each snapshot before it shows no context at all, none shows only some of the three.
        List<PendingSnapshot> before = published.subList(0, published.indexOf(filledIn));
        assertThat(before).isNotEmpty().allSatisfy(s -> assertThat(s.pending())
                .allMatch(p -> s.contextOf(p.token()).lookup() == CallbackContext.Lookup.PENDING));
    }

    PendingSnapshot awaitPublished(Predicate<PendingSnapshot> condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (PendingSnapshot snapshot : published) {
                if (condition.test(snapshot)) {
                    return snapshot;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no snapshot met the condition within " + within + "; published: " + published);
    }
}
