package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the decision view counts and finds, on an SQLite file and on a team history holding the same rows: decisions,
 * not rows (a search that matches an intent and its outcomes, or several attempts, counts one decision), the latest
 * outcome of a decision with several (its earlier attempts' outcomes are not its own), and a word of an intent's
 * reason found alike with one of an outcome's error message. A search with no other filter is counted from the search
 * index's matches and an outcome filter with another is read from the latest outcome's index (schema 7): the same
 * answers as before, here for every way of counting (exact, up to a limit, a page).
 */
class DecisionCountsTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/ex1";

    @TempDir
    static Path dir;
    private static AuditLog file;
    private static AuditLog team;

    /**
     * Decision 1 (alice): reason "drift in amount", an attempt with no answer ("kaboom upstream"), then ACCEPTED.
     * Decision 2 (alice): an attempt ("kaboom again") and nothing since: UNKNOWN. Decision 3 (bob): reason "drift
     * upstream", REFUSED. Decision 4 (alice): REFUSED. Decision 5 (alice): reason "drift", in flight.
     */
    @BeforeAll
    static void writeTheSameRowsToBoth() {
        String database = TeamHistories.freshDatabase();
        Path path = dir.resolve("history.db");
        try (HistoryStore sqlite = HistoryStore.open(path, CONSOLE_VERSION);
             HistoryStore postgres = TeamHistories.openAsOwner(database)) {
            for (HistoryStore store : List.of(sqlite, postgres)) {
                Submission one = decide(store, 1, "DriftTok01", "alice", "drift in amount");
                store.recordOutcome(one.requestToken(), new Outcome.Unknown("Timeout", "kaboom upstream", "Retry."),
                        at(1).plusSeconds(1));
                Submission two = decide(store, 2, "ModelTok02", "alice", "model looks fine");
                store.recordOutcome(two.requestToken(), new Outcome.Unknown("Timeout", "kaboom again", "Retry."),
                        at(2).plusSeconds(1));
                store.recordOutcome(one.requestToken(), new Outcome.Accepted(ARN, "req-1"), at(2).plusSeconds(2));
                Submission three = decide(store, 3, "BobToken03", "bob", "drift upstream");
                store.recordOutcome(three.requestToken(), new Outcome.Refused("ResourceNotFound", "Callback token not"
                        + " found", "The step no longer waits.", "req-3"), at(3).plusSeconds(1));
                Submission four = decide(store, 4, "AliceTok04", "alice", "owner asked");
                store.recordOutcome(four.requestToken(), new Outcome.Refused("ResourceNotFound", "Callback token not"
                        + " found", "The step no longer waits.", "req-4"), at(4).plusSeconds(1));
                decide(store, 5, "FlightTk05", "alice", "drift");
            }
            assertThat(postgres.head()).as("the same rows").isEqualTo(sqlite.head());
        }
        file = AuditLog.open(path);
        team = AuditLog.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD));
    }

    @AfterAll
    static void close() {
        file.close();
        team.close();
    }

    static Stream<String> backends() {
        return Stream.of("SQLite", "team");
    }

    private static AuditLog on(String backend) {
        return backend.equals("SQLite") ? file : team;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aSearchCountsDecisionsNotTheirRows(String backend) {
        AuditLog log = on(backend);
        AuditFilter token = text("DriftTok01");
        assertThat(log.count(token)).as("the intent and its two outcomes").isEqualTo(3);
        assertDecisions(log, token, 1);

        AuditFilter attempts = text("kaboom");
        assertThat(log.count(attempts)).as("two attempts' outcome rows").isEqualTo(2);
        assertDecisions(log, attempts, 2, 1);

        AuditFilter reasons = text("drift");
        assertDecisions(log, reasons, 5, 3, 1);
        assertThat(log.countDecisionsUpTo(reasons, 2)).as("counted no further than asked").isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aWordOfAnIntentsReasonAndOfAnOutcomesMessageFindsBothDecisions(String backend) {
        // "upstream": decision 3's reason, and decision 1's first outcome's error message.
        assertDecisions(on(backend), text("upstream"), 3, 1);
        // "found": only outcomes (both REFUSED decisions' error message).
        assertDecisions(on(backend), text("found"), 4, 3);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void anOutcomeFilterAsksForEachDecisionsLatestOutcome(String backend) {
        AuditLog log = on(backend);
        assertDecisions(log, outcome(null, "UNKNOWN"), 2);
        assertDecisions(log, outcome("alice", "UNKNOWN"), 2);
        assertDecisions(log, outcome("alice", "ACCEPTED"), 1);
        assertDecisions(log, outcome("alice", "REFUSED"), 4);
        assertDecisions(log, outcome("bob", "REFUSED"), 3);
        assertDecisions(log, outcome(null, "REFUSED"), 4, 3);
        assertDecisions(log, outcome("bob", "ACCEPTED"));
        assertDecisions(log, outcome("alice", "UNKNOWN").withText("kaboom"), 2);
        assertThat(log.count(outcome(null, "UNKNOWN"))).as("the raw rows hold both attempts").isEqualTo(2);
    }

    /** Every count of the filter's decisions is the number given, and its page holds those decisions, newest first. */
    private static void assertDecisions(AuditLog log, AuditFilter filter, long... decisionNumbers) {
        assertThat(log.countDecisions(filter)).as(filter.describe()).isEqualTo(decisionNumbers.length);
        assertThat(log.countDecisionsUpTo(filter, 100)).as(filter.describe()).isEqualTo(decisionNumbers.length);
        assertThat(log.decisionPage(filter, DecisionSort.NEWEST_FIRST, 0, 100))
                .extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN)).as(filter.describe())
                .containsExactly(java.util.Arrays.stream(decisionNumbers).mapToObj(DecisionCountsTest::tokenOf)
                        .toArray(String[]::new));
    }

    private static String tokenOf(long decision) {
        return List.of("DriftTok01", "ModelTok02", "BobToken03", "AliceTok04", "FlightTk05").get((int) decision - 1);
    }

    private static Submission decide(HistoryStore store, int n, String token, String operator, String reason) {
        Submission s = new Submission(new ClientRequestToken("request-token-" + n + "-0123456789abcdef0123456789"),
                Action.FAIL, CallbackToken.of(token), PipelineExecutionArn.of(ARN), FailureReason.of(reason),
                new Operator(operator), ConnectionId.sandbox(), at(n));
        store.recordIntent(s, "ManualReview", null);
        return s;
    }

    private static Instant at(int n) {
        return MORNING.plusSeconds(60L * n);
    }

    private static AuditFilter text(String text) {
        return AuditFilter.everything().withText(text);
    }

    private static AuditFilter outcome(String operator, String outcome) {
        return new AuditFilter(null, null, null, operator, null, outcome, null);
    }
}
