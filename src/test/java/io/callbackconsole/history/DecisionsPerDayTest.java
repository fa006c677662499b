package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.DecisionsPerDay.DayCount;
import io.callbackconsole.history.DecisionsPerDay.SplitBy;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The History chart's counts: decisions per UTC day by latest outcome or by operator, under the table's filter, capped
 * to the days before the newest match; the same answers from an SQLite file and a team history on PostgreSQL holding
 * the same decisions.
 */
class DecisionsPerDayTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/%s/execution/exec%d";
    private static final LocalDate MARCH_1 = LocalDate.parse("2025-03-01");
    private static final LocalDate MARCH_2 = LocalDate.parse("2025-03-02");
    private static final LocalDate MARCH_4 = LocalDate.parse("2025-03-04");

    @TempDir
    static Path dir;
    private static AuditLog file;
    private static AuditLog team;
    private static int made;

    @BeforeAll
    static void writeTheSameDecisionsToBoth() {
        Path path = dir.resolve("history.db");
        String database = TeamHistories.freshDatabase();
        try (HistoryStore sqlite = HistoryStore.open(path, CONSOLE_VERSION);
             HistoryStore postgres = TeamHistories.openAsOwner(database)) {
            for (HistoryStore store : List.of(sqlite, postgres)) {
                made = 0;
                fill(store);
            }
        }
        file = AuditLog.open(path);
        team = TeamHistories.openAuditAsSuperuser(database);
    }

    @AfterAll
    static void close() {
        file.close();
        team.close();
    }

    /**
     * 1 March: alice 2 accepted, bob 1 refused; 2 March: alice 1 unknown then accepted on retry (counts once, as
     * accepted), bob 1 in flight; 23:59:59.999 on 2 March is still the 2nd, 00:00 on 4 March the 4th (nothing on the
     * 3rd); 4 March: carol 1 not sent, on another pipeline.
     */
    private static void fill(HistoryStore store) {
        accepted(store, "alice", "nightly", "2025-03-01T08:00:00.000Z");
        accepted(store, "alice", "nightly", "2025-03-01T17:30:00.000Z");
        Submission refused = decide(store, "bob", "nightly", "2025-03-01T12:00:00.000Z");
        store.recordOutcome(refused.requestToken(), new Outcome.Refused("ResourceNotFound", "gone", "The step no"
                + " longer waits.", "req"), refused.decidedAt().plusSeconds(1));
        Submission retried = decide(store, "alice", "nightly", "2025-03-02T23:59:59.999Z");
        store.recordOutcome(retried.requestToken(), new Outcome.Unknown("Timeout", "timed out", "Retry."),
                retried.decidedAt().plusSeconds(1));
        store.recordOutcome(retried.requestToken(), new Outcome.Accepted(arn("nightly"), "req"),
                retried.decidedAt().plusSeconds(5));
        decide(store, "bob", "nightly", "2025-03-02T10:00:00.000Z");
        Submission notSent = decide(store, "carol", "fraud-scoring", "2025-03-04T00:00:00.000Z");
        store.recordOutcome(notSent.requestToken(), new Outcome.NotSent("CircuitOpen", "Not sent."),
                notSent.decidedAt().plusSeconds(1));
    }

    private static void accepted(HistoryStore store, String operator, String pipeline, String at) {
        Submission s = decide(store, operator, pipeline, at);
        store.recordOutcome(s.requestToken(), new Outcome.Accepted(arn(pipeline), "req"), s.decidedAt().plusSeconds(1));
    }

    private static Submission decide(HistoryStore store, String operator, String pipeline, String at) {
        int n = made++;
        Submission s = new Submission(new ClientRequestToken("request-token-" + n + "-0123456789abcdef0123456789"),
                Action.FAIL, CallbackToken.of(String.format("Tok%07d", n)), PipelineExecutionArn.of(arn(pipeline)),
                FailureReason.of("Rejected " + (operator.equals("bob") ? "drifting" : "routine") + " run"),
                new Operator(operator), ConnectionId.sandbox(), Instant.parse(at));
        store.recordIntent(s);
        return s;
    }

    private static String arn(String pipeline) {
        return String.format(ARN, pipeline, 1);
    }

    static Stream<String> backends() {
        return Stream.of("sqlite", "postgres");
    }

    private static AuditLog log(String backend) {
        return backend.equals("sqlite") ? file : team;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void everyDecisionCountsOnceOnItsUtcDayUnderItsLatestOutcome(String backend) {
        DecisionsPerDay perDay = log(backend).decisionsPerDay(AuditFilter.everything(), SplitBy.OUTCOME, 30);

        assertThat(perDay.firstDay()).as("30 days back from the newest decision's day").isEqualTo(
                LocalDate.parse("2025-02-03"));
        assertThat(perDay.lastDay()).isEqualTo(MARCH_4);
        assertThat(perDay.counts()).containsExactly(
                new DayCount(MARCH_1, "ACCEPTED", 2), new DayCount(MARCH_1, "REFUSED", 1),
                new DayCount(MARCH_2, "ACCEPTED", 1), new DayCount(MARCH_2, "IN_FLIGHT", 1),
                new DayCount(MARCH_4, "NOT_SENT", 1));
        assertThat(perDay.total()).isEqualTo(6);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void byOperatorSplitsTheSameDays(String backend) {
        DecisionsPerDay perDay = log(backend).decisionsPerDay(AuditFilter.everything(), SplitBy.OPERATOR, 30);

        assertThat(perDay.counts()).containsExactly(
                new DayCount(MARCH_1, "alice", 2), new DayCount(MARCH_1, "bob", 1),
                new DayCount(MARCH_2, "alice", 1), new DayCount(MARCH_2, "bob", 1),
                new DayCount(MARCH_4, "carol", 1));
        assertThat(perDay.keys()).containsExactly("alice", "bob", "carol");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theTablesFilterNarrowsTheCounts(String backend) {
        AuditLog log = log(backend);
        AuditFilter bobs = new AuditFilter(null, null, null, "bob", null, null, null);
        assertThat(log.decisionsPerDay(bobs, SplitBy.OUTCOME, 30).counts()).containsExactly(
                new DayCount(MARCH_1, "REFUSED", 1), new DayCount(MARCH_2, "IN_FLIGHT", 1));

        // The latest outcome is what an outcome filter matches: the retried decision is ACCEPTED, not UNKNOWN.
        AuditFilter accepted = new AuditFilter(null, null, null, null, null, "ACCEPTED", null);
        DecisionsPerDay acceptedPerDay = log.decisionsPerDay(accepted, SplitBy.OPERATOR, 30);
        assertThat(acceptedPerDay.counts()).containsExactly(
                new DayCount(MARCH_1, "alice", 2), new DayCount(MARCH_2, "alice", 1));
        assertThat(acceptedPerDay.lastDay()).as("the newest match's day, not the newest decision's").isEqualTo(MARCH_2);
        assertThat(log.decisionsPerDay(new AuditFilter(null, null, null, null, null, "UNKNOWN", null),
                SplitBy.OUTCOME, 30).isEmpty()).isTrue();

        AuditFilter words = new AuditFilter(null, null, "nightly", null, null, null, "drifting");
        assertThat(log.decisionsPerDay(words, SplitBy.OPERATOR, 30).counts()).containsExactly(
                new DayCount(MARCH_1, "bob", 1), new DayCount(MARCH_2, "bob", 1));

        AuditFilter secondOfMarch = new AuditFilter(Instant.parse("2025-03-02T00:00:00Z"),
                Instant.parse("2025-03-03T00:00:00Z"), null, null, null, null, null);
        DecisionsPerDay oneDay = log.decisionsPerDay(secondOfMarch, SplitBy.OUTCOME, 30);
        assertThat(oneDay.firstDay()).as("the filter's own start").isEqualTo(MARCH_2);
        assertThat(oneDay.lastDay()).isEqualTo(MARCH_2);
        assertThat(oneDay.counts()).containsExactly(new DayCount(MARCH_2, "ACCEPTED", 1),
                new DayCount(MARCH_2, "IN_FLIGHT", 1));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theRangeIsCappedToTheDaysEndingOnTheNewestMatch(String backend) {
        DecisionsPerDay threeDays = log(backend).decisionsPerDay(AuditFilter.everything(), SplitBy.OUTCOME, 3);

        assertThat(threeDays.firstDay()).isEqualTo(MARCH_2);
        assertThat(threeDays.lastDay()).isEqualTo(MARCH_4);
        assertThat(threeDays.counts()).as("1 March is outside the 3 days").extracting(DayCount::day)
                .containsOnly(MARCH_2, MARCH_4);
        assertThat(threeDays.total()).isEqualTo(3);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void nothingMatchingIsAnEmptyChartNotAnError(String backend) {
        AuditFilter nobody = new AuditFilter(null, null, null, "mallory", null, null, null);

        DecisionsPerDay perDay = log(backend).decisionsPerDay(nobody, SplitBy.OUTCOME, 30);

        assertThat(perDay.isEmpty()).isTrue();
        assertThat(perDay.firstDay()).isNull();
        assertThat(perDay.lastDay()).isNull();
        assertThatThrownBy(() -> log(backend).decisionsPerDay(nobody, SplitBy.OUTCOME, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
