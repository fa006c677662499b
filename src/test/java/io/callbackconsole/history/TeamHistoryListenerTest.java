package io.callbackconsole.history;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live updates of a team history: a commit by one console wakes another's listener (the insert trigger's NOTIFY), a
 * notification lost with a killed connection is caught up once the listener connects again, and two consoles racing
 * on one token journal one intent.
 */
class TeamHistoryListenerTest {
    /** Long enough that only a notification (or a reconnect) can have woken the catch-up in these tests. */
    private static final Duration NO_PERIODIC_CATCH_UP = Duration.ofHours(1);
    private static final long AWAIT_MILLIS = 10_000;

    private final String database = TeamHistories.freshDatabase();
    private final HistoryStore writer = TeamHistories.openAsOwner(database);
    private final HistoryStore reader = TeamHistories.openAsOwner(database);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    /** The highest seq the reader's catch-up saw. */
    private final AtomicLong seen = new AtomicLong();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        writer.close();
        reader.close();
    }

    private TeamHistoryListener listen() {
        TeamHistoryListener listener = reader.listenForChanges(head -> {
                    // The head it is given is the one the store reads too.
                    assertThat(head).isLessThanOrEqualTo(reader.head().seq());
                    seen.set(head);
                },
                NO_PERIODIC_CATCH_UP, Duration.ofMillis(100)).orElseThrow();
        toClose.add(listener);
        return listener;
    }

    @Test
    void aCommitByAnotherConsoleWakesTheListener() throws Exception {
        TeamHistoryListener listener = listen();
        await(() -> listener.connects() == 1);

        writer.recordIntent(SampleSubmissions.decision("LiveTok001", SampleSubmissions.MORNING));

        await(() -> seen.get() == 1);
    }

    @Test
    void aNotificationLostWithAKilledConnectionIsCaughtUpAfterTheListenerConnectsAgain() throws Exception {
        TeamHistoryListener listener = listen();
        await(() -> listener.connects() == 1);

        TestPostgres.execute(database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = '"
                + TeamHistoryListener.APPLICATION_NAME + "'");
        // Appended while nobody listens: its notification reaches nobody.
        writer.recordIntent(SampleSubmissions.decision("LostTok001", SampleSubmissions.MORNING));

        await(() -> listener.connects() == 2);
        await(() -> seen.get() == 1);
        writer.recordIntent(SampleSubmissions.decision("LiveTok002", SampleSubmissions.MORNING));
        await(() -> seen.get() == 2);
    }

    @Test
    void aFileHasNoListener() {
        assertThat(HistoryStore.open(java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                "listener-" + System.nanoTime(), "history.db"), "test")
                .listenForChanges(head -> { }, NO_PERIODIC_CATCH_UP, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void twoConsolesRacingOnOneTokenJournalOneIntent() throws Exception {
        writer.attributeTo(new Attribution(new Operator("alice"), null, null, "us-east-2"));
        reader.attributeTo(new Attribution(new Operator("bob"), null, null, "us-east-2"));
        CallbackToken token = CallbackToken.of("RaceTok001");
        List<Object> results = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (HistoryStore store : List.of(writer, reader)) {
            Submission decision = SampleSubmissions.decision(token.value(),
                    "racing-request-" + threads.size() + "-0123456789abcdef0123", SampleSubmissions.MORNING);
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    store.append(new JournalBatch().refusingTokensBeingDecided().intent(decision, null));
                    results.add(decision);
                } catch (Throwable e) {
                    results.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertThat(results).hasSize(2);
        assertThat(results).filteredOn(Submission.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(TokenBeingDecidedException.class::isInstance).singleElement()
                .satisfies(refused -> {
                    Submission first = (Submission) results.stream().filter(Submission.class::isInstance)
                            .findFirst().orElseThrow();
                    assertThat(((TokenBeingDecidedException) refused).underWay()).isEqualTo(first);
                    assertThat(((TokenBeingDecidedException) refused).getMessage())
                            .contains("Token RaceTok001 is being decided by");
                });
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event WHERE callback_token = 'RaceTok001'")) {
            rows.next();
            assertThat(rows.getLong(1)).as("one intent").isEqualTo(1);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + AWAIT_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }
}
