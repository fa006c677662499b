package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static io.callbackconsole.history.SampleSubmissions.rawConnection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal's contract; {@link TeamHistoryJournalTest} runs the same tests on a team history (PostgreSQL). */
class HistoryStoreJournalTest {

    private static final String RETURNED_ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";

    @TempDir
    Path dir;
    private Path file;
    private HistoryStore store;

    @BeforeEach
    void openStore() {
        file = dir.resolve("history.db");
        store = open();
    }

    /** The store under test: a history file here; a team history in the subclass. */
    HistoryStore open() {
        return HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION);
    }

    /** A plain connection to the same database, independent of the store under test. */
    Connection independentConnection() throws SQLException {
        return rawConnection(file);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void acceptedOutcomeRoundTripsWithEveryField() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        Instant answeredAt = MORNING.plusMillis(840);
        store.recordOutcome(submission.requestToken(), new Outcome.Accepted(RETURNED_ARN, "req-0001"), answeredAt);

        HistoryEntry entry = store.find(submission.requestToken()).orElseThrow();

        assertThat(entry.submission()).isEqualTo(submission);
        assertThat(entry.outcome()).isEqualTo(new Outcome.Accepted(RETURNED_ARN, "req-0001"));
        assertThat(entry.outcomeRecordedAt()).isEqualTo(answeredAt);
        assertThat(entry.inFlight()).isFalse();
    }

    @Test
    void refusedOutcomeRoundTripsWithEveryField() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        Outcome refused = new Outcome.Refused("ResourceNotFound", "Callback token not found",
                "The step is no longer waiting; refresh the list.", "req-0002");
        store.recordOutcome(submission.requestToken(), refused, MORNING.plusSeconds(1));

        HistoryEntry entry = store.find(submission.requestToken()).orElseThrow();

        assertThat(entry.submission()).isEqualTo(submission);
        assertThat(entry.outcome()).isEqualTo(refused);
        assertThat(entry.outcomeRecordedAt()).isEqualTo(MORNING.plusSeconds(1));
    }

    @Test
    void refusedOutcomeWithoutMessageOrRequestIdKeepsTheNulls() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        Outcome refused = new Outcome.Refused("ThrottlingException", null, "Too many calls; try again.", null);
        store.recordOutcome(submission.requestToken(), refused, MORNING.plusSeconds(1));

        assertThat(store.find(submission.requestToken()).orElseThrow().outcome()).isEqualTo(refused);
    }

    @Test
    void unknownOutcomeRoundTripsWithEveryField() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        Outcome unknown = new Outcome.Unknown("SocketTimeout", "Read timed out",
                "No answer came; sending again with the same request token settles it.");
        store.recordOutcome(submission.requestToken(), unknown, MORNING.plusSeconds(30));

        HistoryEntry entry = store.find(submission.requestToken()).orElseThrow();

        assertThat(entry.submission()).isEqualTo(submission);
        assertThat(entry.outcome()).isEqualTo(unknown);
        assertThat(entry.outcomeRecordedAt()).isEqualTo(MORNING.plusSeconds(30));
    }

    @Test
    void latestOutcomeWins() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        store.recordOutcome(submission.requestToken(),
                new Outcome.Unknown("SocketTimeout", "Read timed out", "Retry."), MORNING.plusSeconds(30));
        store.recordOutcome(submission.requestToken(), new Outcome.Accepted(RETURNED_ARN, "req-0003"),
                MORNING.plusSeconds(60));

        HistoryEntry entry = store.find(submission.requestToken()).orElseThrow();

        assertThat(entry.outcome()).isEqualTo(new Outcome.Accepted(RETURNED_ARN, "req-0003"));
        assertThat(entry.outcomeRecordedAt()).isEqualTo(MORNING.plusSeconds(60));
        assertThat(store.recentSubmissions(10)).singleElement()
                .extracting(HistoryEntry::outcome).isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void unsettledDecisionsAreListedOldestFirstUntilAnAnswerArrives() {
        Submission first = decision("AAAAAAAAA1", MORNING);
        Submission second = decision("AAAAAAAAA2", MORNING.plusSeconds(5));
        Submission answered = decision("AAAAAAAAA3", MORNING.plusSeconds(10));
        store.recordIntent(second);
        store.recordIntent(first);
        store.recordIntent(answered);
        store.recordOutcome(answered.requestToken(), new Outcome.Accepted(RETURNED_ARN, null), MORNING.plusSeconds(11));

        assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(first, second);
        assertThat(store.find(first.requestToken()).orElseThrow().inFlight()).isTrue();

        store.recordOutcome(first.requestToken(), new Outcome.Unknown("SocketTimeout", null, "Retry."),
                MORNING.plusSeconds(20));
        assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).as("no answer yet").containsExactly(first, second);
        store.recordOutcome(first.requestToken(), new Outcome.Accepted(RETURNED_ARN, null), MORNING.plusSeconds(30));
        assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(second);
    }

    @Test
    void recentSubmissionsAreNewestDecisionFirstAndLimited() {
        Submission oldest = decision("AAAAAAAAA1", MORNING);
        Submission middle = decision("AAAAAAAAA2", MORNING.plusSeconds(5));
        Submission newest = decision("AAAAAAAAA3", MORNING.plusSeconds(10));
        // Journaled out of decision order: the decision time orders the list, not the insertion.
        store.recordIntent(middle);
        store.recordIntent(newest);
        store.recordIntent(oldest);
        store.recordOutcome(oldest.requestToken(), new Outcome.Accepted(RETURNED_ARN, "r"), MORNING.plusSeconds(99));

        List<HistoryEntry> entries = store.recentSubmissions(2);

        assertThat(entries).extracting(HistoryEntry::submission).containsExactly(newest, middle);
        assertThat(store.recentSubmissions(10)).extracting(HistoryEntry::submission)
                .containsExactly(newest, middle, oldest);
        assertThat(store.recentSubmissions(0)).isEmpty();
    }

    @Test
    void aSecondIntentWithTheSameRequestTokenIsRefused() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        Submission sameToken = decision("ZZZZZZZZZZ", submission.requestToken().value(), MORNING.plusSeconds(1));

        assertThatThrownBy(() -> store.recordIntent(sameToken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(submission.requestToken().value())
                .hasMessageContaining("already in the history");
        assertThat(store.recentSubmissions(10)).extracting(HistoryEntry::submission).containsExactly(submission);
    }

    @Test
    void anOutcomeWithoutAnIntentIsRefused() {
        ClientRequestToken stranger = new ClientRequestToken("never-journaled-0123456789abcdef-xyz");

        assertThatThrownBy(() -> store.recordOutcome(stranger, new Outcome.Accepted(RETURNED_ARN, "r"), MORNING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(stranger.value())
                .hasMessageContaining("Journal the intent before calling SageMaker");
        assertThat(store.find(stranger)).isEmpty();
    }

    @Test
    void aConsoleCatchesUpFromTheLastHeadItSawWithEveryDecisionThatGotARowSince() {
        Submission first = decision("First12345", MORNING);
        Submission second = decision("Second1234", MORNING.plusSeconds(1));
        store.recordIntent(first);
        store.recordIntent(second);
        ChainHead seen = store.head();
        assertThat(seen.seq()).isEqualTo(2);
        assertThat(store.decisionsWithRowsAfter(seen.seq(), 10)).isEmpty();

        // Another row for the first decision, and a new third one.
        store.recordOutcome(first.requestToken(), new Outcome.Accepted(RETURNED_ARN, "r1"), MORNING.plusSeconds(2));
        Submission third = decision("Third12345", MORNING.plusSeconds(3));
        store.recordIntent(third);

        List<HistoryEntry> caughtUp = store.decisionsWithRowsAfter(seen.seq(), 10);
        assertThat(caughtUp).extracting(HistoryEntry::submission).containsExactly(first, third);
        assertThat(caughtUp.get(0).outcome()).isInstanceOf(Outcome.Accepted.class);
        assertThat(store.decisionsWithRowsAfter(0, 10)).hasSize(3);
        assertThat(store.decisionsWithRowsAfter(0, 1)).extracting(HistoryEntry::submission).containsExactly(first);
        assertThat(store.head().seq()).isEqualTo(4);
    }

    @Test
    void aTokenIsAnsweredOnlyOnceAnOutcomeIsAccepted() {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        CallbackToken token = submission.token();
        store.recordIntent(submission);
        assertThat(store.answered(token, ConnectionId.sandbox())).isFalse();

        store.recordOutcome(submission.requestToken(), new Outcome.Refused("ThrottlingException", "slow down",
                "Try again.", "r1"), MORNING.plusSeconds(1));
        assertThat(store.answered(token, ConnectionId.sandbox())).isFalse();

        store.recordOutcome(submission.requestToken(), new Outcome.Accepted(RETURNED_ARN, "r2"), MORNING.plusSeconds(2));
        assertThat(store.answered(token, ConnectionId.sandbox())).isTrue();
        assertThat(store.answered(CallbackToken.of("otherToken"), ConnectionId.sandbox())).isFalse();
    }

    @Test
    void anIntentIsVisibleToAnIndependentConnectionOnceRecordIntentReturns() throws SQLException {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);

        try (Connection other = independentConnection(); Statement s = other.createStatement();
             ResultSet row = s.executeQuery("SELECT kind, client_request_token, callback_token, pipeline_name,"
                     + " recorded_at, console_version, operator, connection FROM submission_event")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString("kind")).isEqualTo("INTENT");
            assertThat(row.getString("client_request_token")).isEqualTo(submission.requestToken().value());
            assertThat(row.getString("callback_token")).isEqualTo("26vcYbeWsZ");
            assertThat(row.getString("pipeline_name")).isEqualTo("callback-pipeline");
            assertThat(row.getString("recorded_at")).isEqualTo("2025-03-01T09:15:30.123Z");
            assertThat(row.getString("console_version")).isEqualTo(SampleSubmissions.CONSOLE_VERSION);
            assertThat(row.getString("operator")).isEqualTo("alice");
            assertThat(row.getString("connection")).isEqualTo("sandbox");
            assertThat(row.next()).isFalse();
        }
    }

    @Test
    void anOutcomeIsANewRowThatNamesItsIntentAndToken() throws SQLException {
        Submission submission = decision("26vcYbeWsZ", MORNING);
        store.recordIntent(submission);
        store.recordOutcome(submission.requestToken(), new Outcome.Accepted(RETURNED_ARN, "r"), MORNING.plusSeconds(1));

        try (Connection other = independentConnection(); Statement s = other.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq, kind, intent_seq, callback_token, outcome, reason"
                     + " FROM submission_event ORDER BY seq")) {
            assertThat(rows.next()).isTrue();
            long intentSeq = rows.getLong("seq");
            assertThat(rows.getString("outcome")).isNull();
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("kind")).isEqualTo("OUTCOME");
            assertThat(rows.getLong("intent_seq")).isEqualTo(intentSeq);
            assertThat(rows.getString("callback_token")).isEqualTo("26vcYbeWsZ");
            assertThat(rows.getString("outcome")).isEqualTo("ACCEPTED");
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void theDecisionTimeIsKeptToTheMillisecond() {
        Submission precise = decision("26vcYbeWsZ", MORNING.plusNanos(456_789));
        store.recordIntent(precise);

        assertThat(store.find(precise.requestToken()).orElseThrow().submission().decidedAt()).isEqualTo(MORNING);
    }

    @Test
    void intentsFromSeveralThreadsAreAllKept() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        store.recordIntent(decision("Thread" + thread + "xy" + (char) ('a' + i),
                                MORNING.plusSeconds(thread * 100L + i)));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(failures).isEmpty();
        assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).hasSize(100);
    }

    @Test
    void aClosedStoreSaysSo() {
        store.close();

        assertThatThrownBy(() -> store.recentSubmissions(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
