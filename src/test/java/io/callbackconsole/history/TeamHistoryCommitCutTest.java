package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import io.callbackconsole.testing.CommitCutProxy;
import io.callbackconsole.testing.CommitCutProxy.Cut;
import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The connection to the team history breaks at the COMMIT of a decision's intent, so the console cannot know
 * whether the server kept it. It did not send the decision (an intent must be durable first) and says so; an intent
 * the server did keep is then settled as NOT_SENT, never left unsettled for a recovery to send a decision its
 * operator was told was dropped. The cut is made by a TCP proxy in front of the real server.
 */
class TeamHistoryCommitCutTest {
    private final Submission before = decision("BeforeCut2", "request-before-the-commit-cut-0123456789", MORNING);
    private final Submission during = decision("DuringCut2", "request-during-the-commit-cut-0123456789",
            MORNING.plusSeconds(1));
    private String database;
    private CommitCutProxy proxy;

    @BeforeEach
    void startProxy() {
        database = TeamHistories.freshDatabase();
        proxy = CommitCutProxy.start(TestPostgres.shared().port());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void anIntentTheServerKeptBeforeTheAnswerWasLostIsSettledAsNotSent() throws SQLException {
        try (HistoryStore store = openThroughProxy()) {
            store.recordIntent(before);
            proxy.cutNextCommit(Cut.AFTER_THE_SERVER_ANSWERED);

            assertThatThrownBy(() -> store.recordIntent(during))
                    .isInstanceOfSatisfying(HistoryUnavailableException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE))
                    .hasMessageContaining("Nothing was sent to SageMaker")
                    .hasMessageContaining("it had kept it, now recorded as not sent (NOT_SENT CommitNotConfirmed),"
                            + " so no recovery sends it.");
            assertThat(proxy.cuts()).isEqualTo(1);

            assertThat(outcomesOf(during)).containsExactly("NOT_SENT CommitNotConfirmed");
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(before);
            assertThat(store.find(during.requestToken()).orElseThrow().outcome().kind()).isEqualTo("NOT_SENT");
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @Test
    void anIntentTheServerNeverGotIsNotRecordedAndCanBeJournaledAgain() throws SQLException {
        try (HistoryStore store = openThroughProxy()) {
            store.recordIntent(before);
            proxy.cutNextCommit(Cut.BEFORE_THE_SERVER_HAS_IT);

            assertThatThrownBy(() -> store.recordIntent(during))
                    .isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("Nothing was sent to SageMaker")
                    .hasMessageContaining("it had not kept it.");

            assertThat(intents()).containsExactly(before.requestToken().value());
            store.recordIntent(during);
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(before, during);
            assertThat(outcomesOf(during)).isEmpty();
        }
    }

    @Test
    void whileTheServerStaysAwayTheKeptIntentIsSettledBeforeAnythingElseReadsTheHistory() throws SQLException {
        try (HistoryStore store = openThroughProxy()) {
            store.recordIntent(before);
            proxy.cutNextCommit(Cut.AFTER_THE_SERVER_ANSWERED);
            proxy.refuseConnections(true);

            assertThatThrownBy(() -> store.recordIntent(during))
                    .isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("Nothing was sent to SageMaker")
                    .hasMessageContaining("so it may hold it: the console looks when the history answers again");
            assertThat(outcomesOf(during)).as("kept by the server, not yet settled").isEmpty();
            assertThatThrownBy(() -> store.unsettledSubmissions(ConnectionId.sandbox()))
                    .isInstanceOf(HistoryUnavailableException.class);

            proxy.refuseConnections(false);

            assertThat(store.unsettledSubmissions(ConnectionId.sandbox()))
                    .as("a recovery listing it would send it").containsExactly(before);
            assertThat(outcomesOf(during)).containsExactly("NOT_SENT CommitNotConfirmed");
        }
    }

    @Test
    void aBatchWhoseCommitWentUnansweredSettlesEveryIntentItKept() throws SQLException {
        Submission second = decision("DuringCut3", "request-during-the-commit-cut-2-0123456789",
                MORNING.plusSeconds(2));
        try (HistoryStore store = openThroughProxy()) {
            proxy.cutNextCommit(Cut.AFTER_THE_SERVER_ANSWERED);

            assertThatThrownBy(() -> store.append(new JournalBatch().intent(during, null, null)
                    .intent(second, null, null)))
                    .isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("the 2 decisions of the batch; it had kept 2 of them, now recorded as not"
                            + " sent");

            assertThat(outcomesOf(during)).containsExactly("NOT_SENT CommitNotConfirmed");
            assertThat(outcomesOf(second)).containsExactly("NOT_SENT CommitNotConfirmed");
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).isEmpty();
        }
    }

    @Test
    void aChainLockHeldPastTheLookUpsWaitLeavesTheIntentAwaitedUntilTheNextUseFindsIt() throws Exception {
        ExecutorService holding = Executors.newSingleThreadExecutor();
        try (HistoryStore store = openThroughProxy(); Connection holder = TestPostgres.superuserOn(database)) {
            store.recordIntent(before);
            holder.setAutoCommit(false);
            int holderPid = pid(holder);
            Future<?>[] lock = new Future<?>[1];
            // Another writer asks for the chain while the cut transaction still holds it, so it is granted the chain
            // first once the commit ends, and keeps it past the look-up's wait.
            proxy.atCut(() -> {
                lock[0] = holding.submit(() -> {
                    try (PreparedStatement take = holder.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        take.setLong(1, PostgresDialect.CHAIN_LOCK);
                        take.execute();
                    }
                    return null;
                });
                awaitWaitingForTheChain(holderPid);
            });
            proxy.cutNextCommit(Cut.AFTER_THE_SERVER_ANSWERED);
            long start = System.nanoTime();

            assertThatThrownBy(() -> store.recordIntent(during))
                    .isInstanceOf(HistoryUnavailableException.class)
                    .hasMessageContaining("Nothing was sent to SageMaker")
                    .hasMessageContaining("so it may hold it: the console looks when the history answers again");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the look-up waited for the chain")
                    .isGreaterThanOrEqualTo(UnconfirmedIntents.LOCK_WAIT);
            lock[0].get(10, TimeUnit.SECONDS);
            assertThat(intents()).as("the server kept the intent")
                    .containsExactly(before.requestToken().value(), during.requestToken().value());
            assertThat(outcomesOf(during)).as("not settled while the chain was held").isEmpty();

            holder.rollback(); // the other writer lets go of the chain

            assertThat(store.unsettledSubmissions(ConnectionId.sandbox()))
                    .as("a recovery listing it would send it").containsExactly(before);
            assertThat(outcomesOf(during)).containsExactly("NOT_SENT CommitNotConfirmed");
            assertThat(store.verify().intact()).isTrue();
        } finally {
            holding.shutdownNow();
        }
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Until the session {@code pid} waits for the chain's advisory lock. */
    private void awaitWaitingForTheChain(int pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = TestPostgres.superuserOn(database); PreparedStatement waiting = c.prepareStatement(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = ?")) {
            waiting.setInt(1, pid);
            while (System.nanoTime() < deadline) {
                try (ResultSet r = waiting.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("session " + pid + " never waited for the chain");
    }

    private HistoryStore openThroughProxy() {
        // The driver names a statement it has run five times and then sends no SQL text for it; the proxy knows a
        // COMMIT by its text.
        String url = proxy.jdbcUrl(database.substring(database.lastIndexOf('/') + 1));
        return HistoryStore.openTeam(TeamHistoryLocation.parse(url + "?user=" + TestPostgres.SUPERUSER
                        + "&prepareThreshold=0"), SampleSubmissions.CONSOLE_VERSION,
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD), TeamHistorySchema.MIGRATIONS);
    }

    private List<String> outcomesOf(Submission submission) throws SQLException {
        return strings("SELECT outcome || ' ' || error_code FROM submission_event WHERE kind = 'OUTCOME'"
                + " AND client_request_token = '" + submission.requestToken().value() + "' ORDER BY seq");
    }

    private List<String> intents() throws SQLException {
        return strings("SELECT client_request_token FROM submission_event WHERE kind = 'INTENT' ORDER BY seq");
    }

    private List<String> strings(String query) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }
}
