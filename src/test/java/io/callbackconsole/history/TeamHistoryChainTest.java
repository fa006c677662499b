package io.callbackconsole.history;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One hash chain over every console's rows: appended under the chain lock, never forked, never edited. */
class TeamHistoryChainTest {
    private static final int CONSOLES = 2;
    private static final int DECISIONS_EACH = 1_000;
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";

    @Test
    void twoConsolesAppendingAThousandDecisionsEachAtOnceLeaveOneUnbrokenChain() throws Exception {
        String database = TeamHistories.freshDatabase();
        List<HistoryStore> stores = new ArrayList<>();
        for (int i = 0; i < CONSOLES; i++) {
            HistoryStore store = TeamHistories.openAsOwner(database);
            store.attributeTo(new Attribution(new Operator("operator-" + i), null, null, "us-east-2"));
            stores.add(store);
        }
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < CONSOLES; i++) {
                int console = i;
                HistoryStore store = stores.get(i);
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int d = 0; d < DECISIONS_EACH; d++) {
                            Submission s = decision(console, d);
                            store.recordIntent(s);
                            store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + d),
                                    MORNING.plusMillis(d));
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "console-" + i));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread thread : threads) {
                thread.join();
            }

            assertThat(failures).isEmpty();
            int rows = CONSOLES * DECISIONS_EACH * 2;
            try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
                 ResultSet numbers = s.executeQuery("SELECT count(*), min(seq), max(seq), count(DISTINCT seq),"
                         + " count(DISTINCT operator) FROM submission_event")) {
                numbers.next();
                assertThat(numbers.getLong(1)).isEqualTo(rows);
                assertThat(numbers.getLong(2)).as("first seq").isEqualTo(1);
                assertThat(numbers.getLong(3)).as("no gaps: the last seq is the number of rows").isEqualTo(rows);
                assertThat(numbers.getLong(4)).isEqualTo(rows);
                assertThat(numbers.getLong(5)).as("every console's operator").isEqualTo(CONSOLES);
            }
            ChainVerification verification = stores.get(0).verify();
            assertThat(verification.intact()).as(verification.summary()).isTrue();
            assertThat(verification.rowsVerified()).isEqualTo(rows);
            assertThat(verification.head()).isEqualTo(stores.get(1).head());
            assertThat(stores.get(1).unsettledSubmissions(ConnectionId.sandbox())).isEmpty();
        } finally {
            stores.forEach(HistoryStore::close);
        }
    }

    @Test
    void aRowThatDoesNotExtendTheLogIsRefusedByTheDatabase() throws SQLException {
        String database = TeamHistories.freshDatabase();
        try (HistoryStore store = TeamHistories.openAsOwner(database)) {
            store.recordIntent(decision(0, 0));
            store.recordIntent(decision(0, 1));
        }
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement()) {
            // A copy of row 1 with seq 5: a gap, as a writer that did not take the chain lock might leave.
            assertThatThrownBy(() -> s.execute("INSERT INTO submission_event SELECT 5, recorded_at, kind, intent_seq,"
                    + " 'other-request-token-0123456789abcdef', action, callback_token, pipeline_name, execution_arn,"
                    + " step_name, reason, output_parameters, operator, caller_arn, caller_account, profile, region,"
                    + " connection, connection_account, connection_region, connection_endpoint, console_version,"
                    + " outcome, returned_execution_arn, error_code, error_message, explanation, request_id, hash"
                    + " FROM submission_event WHERE seq = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must extend the log");
        }
    }

    @Test
    void aStatementOfRowsWithAGapAmongThemIsRefusedAndTheLogIsCheckedOnceAStatement() throws SQLException {
        String database = TeamHistories.freshDatabase();
        try (HistoryStore store = TeamHistories.openAsOwner(database)) {
            store.recordIntent(decision(0, 0));
            store.recordIntent(decision(0, 1));
        }
        String copy = "SELECT %d, recorded_at, kind, intent_seq, '%s', action, callback_token, pipeline_name,"
                + " execution_arn, step_name, reason, output_parameters, operator, caller_arn, caller_account, profile,"
                + " region, connection, connection_account, connection_region, connection_endpoint, console_version,"
                + " outcome, returned_execution_arn, error_code, error_message, explanation, request_id, hash"
                + " FROM submission_event WHERE seq = 1";
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement()) {
            // Seqs 3 and 5 in one statement: the first follows the head, the second leaves a gap.
            assertThatThrownBy(() -> s.execute("INSERT INTO submission_event " + copy.formatted(3,
                    "third-request-token-0123456789abcdef") + " UNION ALL " + copy.formatted(5,
                    "fifth-request-token-0123456789abcdef")))
                    .isInstanceOf(SQLException.class).hasMessageContaining("must extend the log");
            s.execute("INSERT INTO submission_event " + copy.formatted(3, "third-request-token-0123456789abcdef")
                    + " UNION ALL " + copy.formatted(4, "fourth-request-token-0123456789abcdef"));
            // No trigger runs for every inserted row: a bulk commit's INSERT is checked once (team schema 8).
            try (ResultSet rowTriggers = s.executeQuery("SELECT count(*) FROM pg_trigger"
                    + " WHERE tgrelid = 'submission_event'::regclass AND NOT tgisinternal"
                    + " AND (tgtype & 1) = 1 AND (tgtype & 4) = 4")) {
                rowTriggers.next();
                assertThat(rowTriggers.getLong(1)).as("row-level INSERT triggers").isZero();
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*), max(seq) FROM submission_event")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(4);
                assertThat(rows.getLong(2)).isEqualTo(4);
            }
        }
    }

    @Test
    void rowsCannotBeChangedOrRemovedEvenByTheOwner() throws SQLException {
        String database = TeamHistories.freshDatabase();
        try (HistoryStore store = TeamHistories.openAsOwner(database)) {
            store.recordIntent(decision(0, 0));
        }
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement()) {
            for (String change : List.of("UPDATE submission_event SET reason = 'nothing happened'",
                    "DELETE FROM submission_event", "TRUNCATE submission_event")) {
                assertThatThrownBy(() -> s.execute(change)).as(change)
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void verifyNamesARowChangedBehindTheTriggersBack() throws SQLException {
        String database = TeamHistories.freshDatabase();
        try (HistoryStore store = TeamHistories.openAsOwner(database)) {
            store.recordIntent(decision(0, 0));
            store.recordIntent(decision(0, 1));
            assertThat(store.verify().intact()).isTrue();
            // An owner who drops the guard can edit a row; the chain still tells.
            TestPostgres.execute(database,
                    "ALTER TABLE submission_event DISABLE TRIGGER submission_event_no_change",
                    "UPDATE submission_event SET reason = 'nothing happened' WHERE seq = 1",
                    "ALTER TABLE submission_event ENABLE TRIGGER submission_event_no_change");

            ChainVerification verification = store.verify();
            assertThat(verification.intact()).isFalse();
            assertThat(verification.firstBadSeq()).isEqualTo(1);
            assertThat(verification.problem()).contains("does not match its hash");
        }
    }

    private static Submission decision(int console, int d) {
        String token = String.format("C%dT%07d", console, d);
        return new Submission(new ClientRequestToken("request-" + token + "-0123456789abcdef"), Action.FAIL,
                CallbackToken.of(token), null, FailureReason.of("bad data " + d), new Operator("operator-" + console),
                ConnectionId.sandbox(), Instant.parse("2025-03-01T09:15:30.123Z").plusSeconds(d));
    }
}
