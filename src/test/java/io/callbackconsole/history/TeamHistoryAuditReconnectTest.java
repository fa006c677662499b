package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import io.callbackconsole.testing.CommitCutProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The auditor's reads of a team history come from a small pool of reading connections: the History view keeps
 * working after the server dropped them (a restart, a fail-over, an administrator), and however many reads run at
 * once, the console holds no more than the pool's connections.
 */
class TeamHistoryAuditReconnectTest {

    @Test
    void readsAfterTheServerDroppedTheReadingConnectionsConnectAgain() throws Exception {
        String database = filledDatabase(3);
        try (AuditLog audit = TeamHistories.openAuditAsSuperuser(database)) {
            assertThat(audit.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 10)).hasSize(6);
            assertThat(audit.count(AuditFilter.everything())).isEqualTo(6);

            assertThat(terminateReaders(database)).as("reading sessions ended by the server").isPositive();

            assertThat(audit.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 10)).hasSize(6);
            assertThat(audit.count(AuditFilter.everything())).isEqualTo(6);
            assertThat(audit.decisionPage(AuditFilter.everything(), DecisionSort.NEWEST_FIRST, 0, 10)).hasSize(3);
            assertThat(audit.verify().intact()).isTrue();
        }
    }

    @Test
    void manyReadsAtOnceShareThePoolsConnections() throws Exception {
        String database = filledDatabase(50);
        int readers = 4;
        ExecutorService threads = Executors.newFixedThreadPool(readers * 3);
        try (AuditLog audit = TeamHistories.openAuditAsSuperuser(database)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < readers * 3; i++) {
                int kind = i % 3;
                work.add(threads.submit(() -> {
                    start.await();
                    for (int round = 0; round < 5; round++) {
                        switch (kind) {
                            case 0 -> audit.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, ExportFormat.CSV,
                                    new ByteArrayOutputStream(), MORNING);
                            case 1 -> audit.verify();
                            default -> audit.count(AuditFilter.everything());
                        }
                        assertThat(sessions(database)).isLessThanOrEqualTo(readers);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(sessions(database)).isBetween(1, readers);
        } finally {
            threads.shutdownNow();
        }
        // The server ends a backend a moment after its client closed it.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sessions(database) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(sessions(database)).as("closing the audit closes its connections").isZero();
    }

    @Test
    void anAuditorsWrongPasswordIsRefusedAtOnceAsASignInProblem() {
        String database = filledDatabase(1);
        long start = System.nanoTime();

        assertThatThrownBy(() -> AuditLog.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                TeamHistories.withPassword("not-the-password")))
                .isInstanceOfSatisfying(HistoryUnavailableException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.AUTHENTICATION))
                .hasMessageNotContaining("not-the-password");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("one attempt, not the pool's wait")
                .isLessThan(Duration.ofMillis(TeamHistoryReadPool.BORROW_TIMEOUT_MILLIS / 2));
    }

    @Test
    void readsWhileTheServerIsAwayFailAsUnreachableAndComeBackWithIt() throws Exception {
        String database = filledDatabase(2);
        try (CommitCutProxy proxy = CommitCutProxy.start(TestPostgres.shared().port());
             AuditLog audit = AuditLog.openTeam(TeamHistories.location(
                     proxy.jdbcUrl(database.substring(database.lastIndexOf('/') + 1)), TestPostgres.SUPERUSER),
                     TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD))) {
            assertThat(audit.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 10)).hasSize(4);

            proxy.refuseConnections(true);
            proxy.cutOpenConnections();
            for (int read = 1; read <= 2; read++) {
                assertThatThrownBy(() -> audit.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 10))
                        .as("read %d while the server is away", read)
                        .isInstanceOfSatisfying(HistoryUnavailableException.class,
                                e -> assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE))
                        .hasMessageContaining("cannot be reached")
                        .as("a read sends nothing").hasMessageNotContaining("SageMaker");
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> audit.count(AuditFilter.everything())).isInstanceOf(HistoryUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a read after a failed attempt is told soon")
                    .isLessThan(Duration.ofMillis(TeamHistoryReadPool.BORROW_TIMEOUT_AFTER_FAILURE_MILLIS + 1_000));

            proxy.refuseConnections(false);
            // The pool tries again after a back-off of up to 5 s: a read or two may still fail.
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            List<AuditRecord> rows = null;
            while (rows == null && System.nanoTime() < deadline) {
                try {
                    rows = audit.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 10);
                } catch (HistoryUnavailableException stillAway) {
                    Thread.sleep(200);
                }
            }
            assertThat(rows).as("reads once the server is back").hasSize(4);
        }
    }

    private static String filledDatabase(int decisions) {
        String database = TeamHistories.freshDatabase();
        try (HistoryStore store = TeamHistories.openAsOwner(database)) {
            for (int i = 0; i < decisions; i++) {
                Submission s = decision(String.format("Reconnec%02d", i),
                        String.format("request-reconnect-%02d-0123456789abcdef", i), MORNING.plusSeconds(i));
                store.recordIntent(s);
                store.recordOutcome(s.requestToken(), new Outcome.Accepted(s.executionArn().value(), "req-" + i), MORNING.plusSeconds(i));
            }
        }
        return database;
    }

    private static int terminateReaders(String database) throws SQLException {
        return query(database, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = 'Callback Console'");
    }

    private static int sessions(String database) throws SQLException {
        return query(database, "SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND application_name = 'Callback Console'");
    }

    private static int query(String database, String sql) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); PreparedStatement s = c.prepareStatement(sql);
             ResultSet result = s.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
