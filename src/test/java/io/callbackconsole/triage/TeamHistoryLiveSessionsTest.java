package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.testing.TestPollerSettings;
import io.callbackconsole.testing.TestPostgres;
import io.callbackconsole.wording.FrontEnd;
import io.callbackconsole.wording.ResultWords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two consoles on one team history (a real PostgreSQL) and one sandbox: what one decides shows in the other's history
 * and leaves its Pending, a token one is deciding shows "being decided by" in the other, and two deciding one token
 * at once send it once.
 */
class TeamHistoryLiveSessionsTest {
    private static final String FAILURE = "SendPipelineExecutionStepFailure";

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    private final List<ConsoleSession> sessions = new ArrayList<>();
    private final List<AtomicReference<PendingSnapshot>> latest = new ArrayList<>();
    private String database;
    private Sandbox sandbox;

    @BeforeEach
    void openTwoConsoles() {
        sandbox = sandboxSession.sandbox();
        database = TestPostgres.freshDatabase();
        TeamHistoryLocation location = TeamHistoryLocation.parse(database + "?user=" + TestPostgres.SUPERUSER);
        Supplier<HistoryStore> opener = () -> HistoryStore.openTeam(location, "test",
                Map.of("PGPASSWORD", TestPostgres.SUPERUSER_PASSWORD));
        for (int i = 0; i < 2; i++) {
            ConsoleSession session = ConsoleSession.open(sandboxSession.connection(), opener, TestPollerSettings.FAST);
            sessions.add(session);
            AtomicReference<PendingSnapshot> newest = new AtomicReference<>();
            latest.add(newest);
            session.pending().addSnapshotListener(newest::set);
            session.start();
        }
    }

    @AfterEach
    void closeThem() {
        sessions.forEach(ConsoleSession::close);
    }

    /** Both consoles list every waiting token: one holds the messages, the other finds the steps in SageMaker. */
    private CallbackToken aTokenBothList() throws InterruptedException {
        for (ConsoleSession session : sessions) {
            session.discovery().findWaitingCallbacks(Duration.ofHours(1), p -> { }, () -> false);
        }
        PendingSnapshot first = await(0, s -> s.pending().size() == 3);
        CallbackToken token = first.pending().get(0).token();
        await(1, s -> s.pending().stream().anyMatch(p -> p.token().equals(token)));
        return token;
    }

    @Test
    void aDecisionInOneConsoleShowsInTheOthersHistoryAndLeavesItsPending() throws Exception {
        CallbackToken token = aTokenBothList();
        AtomicInteger historyChanges = new AtomicInteger();
        sessions.get(1).history().addChangeListener(historyChanges::incrementAndGet);

        SubmissionResult failed = sessions.get(0).decisions().submitFailure(token, FailureReason.of("done elsewhere"));
        assertThat(failed.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);

        await(1, s -> s.pending().stream().noneMatch(p -> p.token().equals(token)));
        assertThat(historyChanges.get()).isPositive();
        assertThat(sessions.get(1).history().recent(5)).extracting(HistoryEntry::submission)
                .anySatisfy(s -> assertThat(s.token()).isEqualTo(token));
    }

    @Test
    void aTokenAnotherConsoleIsDecidingShowsWhoAndIsNotDecidedTwice() throws Exception {
        CallbackToken token = aTokenBothList();
        // The winner's answer takes a while, so the other console meets its intent, not its outcome.
        sandbox.simulator().faults().latency(FAILURE, Duration.ofMillis(1500), Duration.ZERO);
        List<SubmissionResult> results = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (ConsoleSession session : sessions) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    results.add(session.decisions().submitFailure(token, FailureReason.of("raced")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(results).extracting(SubmissionResult::status)
                .containsExactlyInAnyOrder(SubmissionResult.Status.ACCEPTED, SubmissionResult.Status.NOT_SENT);
        SubmissionResult refused = results.stream().filter(SubmissionResult::notSent).findFirst().orElseThrow();
        assertThat(refused.detail()).isInstanceOf(ResultDetail.BeingDecidedElsewhere.class);
        assertThat(new ResultWords(FrontEnd.WINDOW).of(refused))
                .startsWith("Token " + token + " is being decided by " + System.getProperty("user.name"));
        assertThat(sandbox.simulator().callsTo(FAILURE)).as("one call to SageMaker").hasSize(1);
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event WHERE kind = 'INTENT'"
                     + " AND callback_token = '" + token + "'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("one intent").isEqualTo(1);
        }
    }

    @Test
    void whileAnotherConsoleDecidesTheTokenItShowsWhoAndCannotBeDecidedHere() throws Exception {
        CallbackToken token = aTokenBothList();
        sandbox.simulator().faults().latency(FAILURE, Duration.ofSeconds(3), Duration.ZERO);
        Thread deciding = new Thread(() -> sessions.get(0).decisions().submitFailure(token, FailureReason.of("slow")));
        deciding.start();

        PendingSnapshot shown = await(1, s -> s.beingDecidedBy(token) != null);
        assertThat(shown.beingDecidedBy(token)).isEqualTo(System.getProperty("user.name"));
        SubmissionResult here = sessions.get(1).decisions().submitFailure(token, FailureReason.of("too late"));
        assertThat(here.detail()).isInstanceOf(ResultDetail.BeingDecidedElsewhere.class);
        assertThat(sessions.get(1).decisions().dismiss(token, "too late").detail())
                .isInstanceOf(ResultDetail.BeingDecidedElsewhere.class);

        deciding.join(TimeUnit.SECONDS.toMillis(30));
        await(1, s -> s.beingDecidedBy(token) == null && s.pending().stream().noneMatch(p -> p.token().equals(token)));
        assertThat(sandbox.simulator().callsTo(FAILURE)).hasSize(1);
    }

    private PendingSnapshot await(int session, Predicate<PendingSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            PendingSnapshot snapshot = latest.get(session).get();
            if (snapshot != null && condition.test(snapshot)) {
                return snapshot;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("condition not met within 20 s in console " + session + "; last snapshot: "
                + latest.get(session).get());
    }
}
