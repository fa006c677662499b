package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On a team history each statement is a round trip to the server, made while the chain lock is held, so it is what
 * a bulk run's every commit waits on: one round of a bulk run (the outcomes that came in and the next intents, in one
 * transaction) must cost as few as the rules allow — the chain lock with the head and the batch's look-ups read once
 * it is held, then one INSERT for all its rows carrying the COMMIT.
 */
class TeamHistoryRoundTripsTest {

    @Test
    void aBulkRoundOfOutcomesAndIntentsCostsOneInsertAndNoSecondReadOfTheHead() throws Exception {
        String url = TeamHistories.freshDatabase();
        List<Submission> sent = new ArrayList<>();
        JournalBatch first = new JournalBatch().refusingTokensBeingDecided();
        for (int i = 0; i < 4; i++) {
            Submission s = decision(String.format("Sent%06d", i), String.format("request-sent-%06d-0123456789abcdef", i),
                    MORNING.plusMillis(i));
            sent.add(s);
            first.intent(s, "ManualReview");
        }
        try (HistoryStore store = TeamHistories.openAsOwner(url)) {
            store.append(first);
        }
        JournalBatch round = new JournalBatch().refusingTokensBeingDecided();
        for (Submission s : sent) {
            round.outcome(s.requestToken(), new Outcome.Accepted(s.executionArn().value(), "req-" + s.token().value()),
                    MORNING.plusSeconds(1));
        }
        for (int i = 0; i < 8; i++) {
            round.intent(decision(String.format("Next%06d", i), String.format("request-next-%06d-0123456789abcdef", i),
                    MORNING.plusSeconds(2).plusMillis(i)), i % 2 == 0 ? "ManualReview" : null);
        }
        JournalWriter writer = new JournalWriter(new PostgresDialect(
                TeamHistories.location(url, TestPostgres.SUPERUSER), TestPostgres.SUPERUSER), null,
                SampleSubmissions.CONSOLE_VERSION);
        RoundTripCounter counter = new RoundTripCounter();
        ChainHead written;
        Connection c = TestPostgres.superuserOn(url);
        try (c) {
            written = writer.append(counter.counting(c), round, Attribution.osUserOnly());
            assertThat(c.getAutoCommit()).as("the connection after the write").isTrue();
            // Committed by the message: another connection sees every row while this one is still open.
            try (HistoryStore other = TeamHistories.openAsOwner(url)) {
                assertThat(other.head()).isEqualTo(written);
            }
        }

        // The lock with the head and the batch's two look-ups, then one INSERT carrying the COMMIT: 2 (5 with the
        // look-ups and the COMMIT apart; 9 with the lock and the head apart too, an INSERT per row shape, and the
        // head read twice more).
        assertThat(counter.sent()).as("round trips of one bulk round").hasSize(2);
        assertThat(counter.sent().get(0)).contains("pg_advisory_xact_lock").contains(JournalQueries.HEAD)
                .contains("client_request_token IN").contains("callback_token IN");
        assertThat(counter.sent().get(1)).startsWith("INSERT").endsWith("; COMMIT");
        try (HistoryStore store = TeamHistories.openAsOwner(url)) {
            assertThat(store.head()).isEqualTo(written);
            assertThat(written.seq()).isEqualTo(16);
            ChainVerification verification = store.verify();
            assertThat(verification.intact()).isTrue();
            assertThat(verification.rowsVerified()).isEqualTo(16);
            assertThat(store.find(sent.get(3).requestToken()).orElseThrow().outcome().kind()).isEqualTo("ACCEPTED");
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).hasSize(8);
        }
    }
}
