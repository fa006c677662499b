package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.sandbox.SimulatorFaults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Many tokens, one reason, through the bulk pipeline: intents durable before their calls, outcomes durable before
 * their messages go, one hash chain, bounded concurrency, honest cancel, a history that stops being writable, faults.
 */
class BulkSubmissionTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern CALLBACK_TOKEN = Pattern.compile("\"CallbackToken\"\\s*:\\s*\"([^\"]+)\"");
    static final FailureReason REASON = FailureReason.of("bulk test");

    @TempDir
    Path dataDir;

    Sandbox sandbox;
    ConsoleSession session;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        session = ConsoleSession.open(new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null), historyFile(), "test",
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0));
    }

    @AfterEach
    void stop() {
        session.close();
        sandbox.close();
    }

    Path historyFile() {
        return dataDir.resolve("history.db");
    }

    List<CallbackToken> waitingTokens(int count) {
        return WaitingCallbacks.start(sandbox, session, count);
    }

    Connection secondConnection() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + historyFile());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }

    static long count(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    static String field(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as("%s in %s", pattern, body).isTrue();
        return m.group(1);
    }

    /** Each callback token's calls, by the client request tokens they carried. */
    Map<String, Set<String>> requestTokensByCallbackToken() {
        return sandbox.simulator().callsTo(FAILURE).stream().collect(Collectors.groupingBy(
                c -> field(CALLBACK_TOKEN, c.requestBody()),
                Collectors.mapping(c -> field(CLIENT_REQUEST_TOKEN, c.requestBody()), Collectors.toSet())));
    }

    /** Messages on the sandbox's queues, visible or held (received and not deleted). */
    long messagesOnQueues() {
        long total = 0;
        for (String queue : sandbox.queueUrls()) {
            Map<QueueAttributeName, String> attributes = sandbox.sqs().getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            total += Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
        return total;
    }

    ChainVerification verifyChain() {
        try (AuditLog log = AuditLog.open(historyFile())) {
            return log.verify();
        }
    }

    @Test
    void everyIntentIsDurableBeforeItsCallGroupCommitsFormOneChainAndCallsStayWithinTheConcurrency()
            throws Exception {
        List<CallbackToken> tokens = waitingTokens(40);
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicLong intentsAtFirstCall = new AtomicLong(-1);
        try (Connection reader = secondConnection()) {
            sandbox.simulator().faults().beforeApply(FAILURE, body -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    String requestToken = field(CLIENT_REQUEST_TOKEN, body);
                    synchronized (reader) {
                        // Another connection sees only committed rows: committed with synchronous=FULL is durable.
                        if (count(reader, "SELECT count(*) FROM submission_event WHERE kind = 'INTENT'"
                                + " AND client_request_token = ?", requestToken) != 1) {
                            violations.add("called before its intent was durable: " + requestToken);
                        }
                        intentsAtFirstCall.compareAndSet(-1, count(reader,
                                "SELECT count(*) FROM submission_event WHERE kind = 'INTENT'"));
                    }
                    Thread.sleep(20); // long enough for every sender to be in a call at once
                } catch (SQLException | InterruptedException e) {
                    violations.add(e.toString());
                } finally {
                    inFlight.decrementAndGet();
                }
            });

            BulkSubmission.Summary summary = session.decisions().submitFailures(tokens, REASON, 2, o -> { },
                    () -> false);

            assertThat(violations).isEmpty();
            assertThat(summary.allAccepted()).as(summary.toString()).isTrue();
            assertThat(mostInFlight.get()).as("never more calls in flight than the concurrency, and it is reached")
                    .isEqualTo(2);
            assertThat(intentsAtFirstCall.get()).as("intents are journaled ahead of the calls, many per commit")
                    .isGreaterThan(2);
        }
        ChainVerification chain = verifyChain();
        assertThat(chain.intact()).as(chain.problem()).isTrue();
        assertThat(chain.rowsVerified()).isEqualTo(2L * tokens.size());
        assertThat(requestTokensByCallbackToken()).hasSize(tokens.size())
                .allSatisfy((token, requestTokens) -> assertThat(requestTokens).hasSize(1));
        // Group commits index their rows for free-text search: each token's intent and outcome are found by it.
        try (AuditLog log = AuditLog.open(historyFile())) {
            for (CallbackToken token : tokens) {
                assertThat(log.count(AuditFilter.everything().withText(token.value()))).as(token.value()).isEqualTo(2);
            }
        }
        try (Connection c = secondConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO submission_event_fts (submission_event_fts, rank) VALUES ('integrity-check', 1)");
        }
    }

    @Test
    void aMessageIsDeletedOnlyOnceItsOutcomeIsDurable() throws Exception {
        List<CallbackToken> tokens = waitingTokens(100);
        sandbox.simulator().faults().latency(FAILURE, Duration.ofMillis(5), Duration.ZERO);
        long held = messagesOnQueues();
        assertThat(held).isEqualTo(tokens.size());
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> violations = new CopyOnWriteArrayList<>();
        AtomicInteger samples = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            try (Connection reader = secondConnection()) {
                while (running.get()) {
                    // Deletions first, outcomes after: if every delete follows its outcome, this never inverts.
                    long deleted = held - messagesOnQueues();
                    long accepted = count(reader, "SELECT count(*) FROM submission_event WHERE kind = 'OUTCOME'"
                            + " AND outcome = 'ACCEPTED'");
                    if (deleted > accepted) {
                        violations.add(deleted + " messages deleted with only " + accepted + " outcomes on record");
                    }
                    samples.incrementAndGet();
                }
            } catch (SQLException e) {
                violations.add(e.toString());
            }
        });
        watcher.start();
        BulkSubmission.Summary summary;
        try {
            summary = session.decisions().submitFailures(tokens, REASON, 4, o -> { }, () -> false);
        } finally {
            running.set(false);
            watcher.join();
        }

        assertThat(summary.allAccepted()).as(summary.toString()).isTrue();
        assertThat(violations).isEmpty();
        assertThat(samples.get()).as("the watcher looked while the run went on").isGreaterThan(5);
        assertThat(messagesOnQueues()).isZero();
        assertThat(session.pending().pollOnce().pending()).isEmpty();
    }

    @Test
    void cancellingStopsJournalingAndEveryDecisionJournaledIsSentOnceAndRecorded() throws Exception {
        List<CallbackToken> tokens = waitingTokens(150);
        sandbox.simulator().faults().latency(FAILURE, Duration.ofMillis(5), Duration.ZERO);
        AtomicBoolean cancel = new AtomicBoolean();
        AtomicLong outcomesAtCancel = new AtomicLong(-1);
        try (Connection reader = secondConnection()) {
            BulkSubmission.Summary summary = session.decisions().submitFailures(tokens, REASON, 2, outcome -> {
                if (!cancel.getAndSet(true)) {
                    try {
                        outcomesAtCancel.set(count(reader, "SELECT count(*) FROM submission_event"
                                + " WHERE kind = 'OUTCOME'"));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, cancel::get);

            List<HistoryEntry> decisions = session.history().recent(1000);
            Set<CallbackToken> journaled = decisions.stream().map(e -> e.submission().token())
                    .collect(Collectors.toSet());
            assertThat(summary.cancelled()).isTrue();
            assertThat(summary.notSent()).as("the tokens after the cancel").isPositive();
            assertThat(journaled.size()).as("journaling stopped").isLessThan(tokens.size())
                    .as("at most the look-ahead more than had their outcome when cancelled")
                    .isLessThanOrEqualTo((int) outcomesAtCancel.get() + 2 * BulkSubmission.LOOK_AHEAD_PER_SENDER);
            assertThat(decisions).as("every journaled decision was sent and its answer recorded")
                    .allSatisfy(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
            assertThat(session.recovery().unsettledSubmissions()).isEmpty();
            assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).isEqualTo(journaled.size());
            assertThat(summary.notSent()).isEqualTo(tokens.size() - journaled.size());
            assertThat(summary.outcomes()).allSatisfy(o -> assertThat(o.sent()).isEqualTo(journaled.contains(o.token())));

            Map<String, Set<String>> calls = requestTokensByCallbackToken();
            assertThat(calls.keySet()).as("only journaled decisions were sent")
                    .isEqualTo(journaled.stream().map(CallbackToken::value).collect(Collectors.toSet()));
            assertThat(calls.values()).allSatisfy(requestTokens -> assertThat(requestTokens).hasSize(1));
            assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .as("the rest stay pending")
                    .containsExactlyInAnyOrderElementsOf(tokens.stream().filter(t -> !journaled.contains(t)).toList());
        }
    }

    @Test
    void aHistoryLockedMidRunKeepsTheMessagesOfAnswersNotOnRecordAndTheNextRunRepeatsTheSameRequests()
            throws Exception {
        // Background retries would settle the answers not on record as soon as the lock goes; this test repeats them.
        session.decisions().retryUnknownOutcomes(Duration.ofMinutes(10), Duration.ofMinutes(10));
        List<CallbackToken> tokens = waitingTokens(12);
        AtomicReference<Connection> lockHolder = new AtomicReference<>();
        sandbox.simulator().faults().beforeApply(FAILURE, body -> {
            synchronized (lockHolder) {
                if (lockHolder.get() == null) {
                    try {
                        // Another program takes the write lock: no outcome can be written from now on.
                        Connection c = secondConnection();
                        try (Statement s = c.createStatement()) {
                            s.execute("BEGIN EXCLUSIVE");
                        }
                        lockHolder.set(c);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        });

        BulkSubmission.Summary locked;
        try {
            locked = session.decisions().submitFailures(tokens, REASON, 4, o -> { }, () -> false);
        } finally {
            sandbox.simulator().faults().clear();
            synchronized (lockHolder) {
                lockHolder.get().close(); // rolls back: the lock is let go
            }
        }

        // Intents journaled before the lock were sent, and their answers could not be recorded; the later ones
        // could not be journaled, so they were not sent.
        Map<SubmissionResult.Status, List<BulkSubmission.RowOutcome>> byStatus = locked.outcomes().stream()
                .collect(Collectors.groupingBy(o -> o.result().status()));
        assertThat(byStatus.keySet()).isSubsetOf(SubmissionResult.Status.ANSWERED_NOT_RECORDED,
                SubmissionResult.Status.NOT_JOURNALED);
        assertThat(byStatus.get(SubmissionResult.Status.ANSWERED_NOT_RECORDED)).as("the lock came mid-run")
                .isNotEmpty()
                .allSatisfy(o -> {
                    assertThat(o.result().outcome()).as("SageMaker's answer is known")
                            .isInstanceOf(Outcome.Accepted.class);
                    assertThat(o.result().detail()).isInstanceOfSatisfying(ResultDetail.AnsweredNotRecorded.class,
                            d -> assertThat(d.why()).contains("is locked"));
                });
        Set<String> called = requestTokensByCallbackToken().keySet();
        assertThat(byStatus.getOrDefault(SubmissionResult.Status.NOT_JOURNALED, List.of()))
                .allSatisfy(o -> assertThat(called).doesNotContain(o.token().value()));
        assertThat(messagesOnQueues()).as("no message deleted without its outcome on record").isEqualTo(tokens.size());
        assertThat(session.recovery().unsettledSubmissions())
                .hasSize(byStatus.get(SubmissionResult.Status.ANSWERED_NOT_RECORDED).size());

        BulkSubmission.Summary again = session.decisions().submitFailures(tokens, REASON, 4, o -> { }, () -> false);

        assertThat(again.allAccepted()).as(again.toString()).isTrue();
        assertThat(requestTokensByCallbackToken()).as("each token's calls carried its one decision's request token")
                .hasSize(tokens.size()).allSatisfy((token, requestTokens) -> assertThat(requestTokens).hasSize(1));
        assertThat(session.history().recent(100)).hasSize(tokens.size())
                .allSatisfy(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        assertThat(session.recovery().unsettledSubmissions()).isEmpty();
        assertThat(messagesOnQueues()).isZero();
        assertThat(verifyChain().intact()).isTrue();
    }

    @Test
    void aHistoryLockedBeforeTheRunSendsNothing() throws Exception {
        List<CallbackToken> tokens = waitingTokens(5);
        BulkSubmission.Summary summary;
        try (Connection lock = secondConnection(); Statement s = lock.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            summary = session.decisions().submitFailures(tokens, REASON, 4, o -> { }, () -> false);
        }
        assertThat(summary.outcomes()).allSatisfy(o -> {
            assertThat(o.result().status()).isEqualTo(SubmissionResult.Status.NOT_JOURNALED);
            assertThat(o.result().detail()).isInstanceOfSatisfying(ResultDetail.NotJournaled.class,
                    d -> assertThat(d.why()).contains("is locked"));
        });
        assertThat(summary.notSent()).isEqualTo(tokens.size());
        assertThat(sandbox.simulator().callsTo(FAILURE)).isEmpty();
        assertThat(session.history().recent(10)).isEmpty();
        assertThat(messagesOnQueues()).isEqualTo(tokens.size());
    }

    @Test
    void faultsMidRunAreAbsorbedOrReportedAndNoDecisionIsAppliedTwice() {
        List<CallbackToken> tokens = waitingTokens(30);
        SimulatorFaults faults = sandbox.simulator().faults();
        faults.inject(FAILURE, SimulatorFaults.Kind.THROTTLE, 3);
        faults.inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 2);
        faults.inject(FAILURE, SimulatorFaults.Kind.SERVER_ERROR, 2);
        faults.inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 1);

        BulkSubmission.Summary summary = session.decisions().submitFailures(tokens, REASON, 4, o -> { }, () -> false);

        assertThat(summary.count(SubmissionResult.Status.ACCEPTED) + summary.count(SubmissionResult.Status.REFUSED)
                + summary.count(SubmissionResult.Status.UNKNOWN)).as(summary.toString()).isEqualTo(tokens.size());
        List<RecordedCall> calls = sandbox.simulator().callsTo(FAILURE);
        assertThat(calls).extracting(RecordedCall::errorCode).as("every fault was met")
                .contains("ThrottlingException", "InternalFailure", "ConnectionDropped")
                .doesNotContain("ConflictException");
        Map<CallbackToken, HistoryEntry> decisions = session.history().recent(100).stream()
                .collect(Collectors.toMap(e -> e.submission().token(), e -> e));
        assertThat(decisions).hasSize(tokens.size());
        Map<String, Set<String>> requestTokens = requestTokensByCallbackToken();
        for (CallbackToken token : tokens) {
            assertThat(requestTokens.get(token.value())).as("token %s: one decision, one request token", token)
                    .containsExactly(decisions.get(token).submission().requestToken().value());
        }
        for (BulkSubmission.RowOutcome row : summary.outcomes()) {
            if (row.result().accepted()) {
                assertThat(decisions.get(row.token()).outcome()).isInstanceOf(Outcome.Accepted.class);
            } else {
                // Refused or unanswered: the row stays for the operator (or the background retry).
                assertThat(row.result().submission().requestToken())
                        .isEqualTo(decisions.get(row.token()).submission().requestToken());
            }
        }
        assertThat(verifyChain().intact()).isTrue();
    }

    @Test
    void aSessionFailsManyTokensOnceEachAndReportsTheOneThatWasNotPending() {
        List<CallbackToken> pending = new ArrayList<>(waitingTokens(10));
        pending.add(CallbackToken.of("NotPendin9"));
        List<BulkSubmission.RowOutcome> progress = new CopyOnWriteArrayList<>();

        BulkSubmission.Summary summary = session.decisions().submitFailures(pending, REASON, 4, progress::add,
                () -> false);

        assertThat(progress).hasSize(pending.size());
        assertThat(summary.outcomes()).extracting(BulkSubmission.RowOutcome::token).containsExactlyElementsOf(pending);
        assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).isEqualTo(pending.size() - 1);
        assertThat(summary.notSent()).isEqualTo(1);
        assertThat(summary.outcomes().get(pending.size() - 1).result().detail())
                .isEqualTo(new ResultDetail.NotPending(CallbackToken.of("NotPendin9")));
        assertThat(sandbox.simulator().callsTo(FAILURE)).hasSize(pending.size() - 1);
        assertThat(session.history().recent(100)).hasSize(pending.size() - 1)
                .allSatisfy(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        assertThat(session.pending().pollOnce().pending()).isEmpty();
    }
}
