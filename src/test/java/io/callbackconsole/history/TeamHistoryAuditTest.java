package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
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
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's reads on a team history give what they give on an SQLite file for the same rows: the same decisions
 * are written to both, and every filter (free text included), count, page and export — CSV and JSON Lines, raw rows
 * and decisions — is compared, exports byte for byte (there is no backend-specific header line).
 */
class TeamHistoryAuditTest {
    private static final Instant EXPORTED_AT = Instant.parse("2025-04-01T00:00:00Z");
    private static final Instant START = Instant.parse("2025-03-01T09:00:00.000Z");
    private static final String[] PIPELINES = {"nightly-retrain", "callback-pipeline", "fraud-scoring"};
    private static final String[] OPERATORS = {"alice", "bob", "carol"};
    private static final String[] REASONS = {
            "Data quality check failed: 12 % nulls in column \"amount\" — see ticket OPS-42",
            "Model drift above threshold, rolled back",
            "Rejected, by the runbook; owner: ünïcödé Straße",
            "Drifting features: see OPS-4217 and the line below",
            "Approved after review, ends with alpha",
            "Stopped: upstream job fraud-scoring-v2 failed",
    };

    @TempDir
    static Path dir;
    private static AuditLog file;
    private static AuditLog team;

    @BeforeAll
    static void writeTheSameDecisionsToBoth() {
        Path path = dir.resolve("history.db");
        String database = TeamHistories.freshDatabase();
        try (HistoryStore sqlite = HistoryStore.open(path, CONSOLE_VERSION);
             HistoryStore postgres = TeamHistories.openAsOwner(database)) {
            for (HistoryStore store : List.of(sqlite, postgres)) {
                fill(store);
            }
            assertThat(postgres.head()).as("the same rows, so the same chain").isEqualTo(sqlite.head());
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

    /** 60 decisions: fails and approvals, accepted, refused, retried after no answer, in flight, not sent. */
    private static void fill(HistoryStore store) {
        for (int i = 0; i < 60; i++) {
            Instant at = START.plusSeconds(37L * i);
            String token = i == 10 ? String.format("Beta%06d", i) : String.format("Tk%08d", i);
            Action action = i % 5 == 4 ? Action.APPROVE : Action.FAIL;
            PipelineExecutionArn arn = PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/"
                    + PIPELINES[i % 3] + "/execution/exec" + i);
            Submission decision = new Submission(new ClientRequestToken("request-token-" + i + "-0123456789abcdef0123"),
                    action, CallbackToken.of(token), arn, FailureReason.of(REASONS[i % REASONS.length]),
                    new Operator(OPERATORS[i % 3]), ConnectionId.sandbox(), at);
            store.recordIntent(decision, "Step" + (i % 4), null);
            String returned = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/" + PIPELINES[i % 3]
                    + "/execution/exec" + i;
            switch (i % 6) {
                case 0 -> store.recordOutcome(decision.requestToken(), new Outcome.Accepted(returned, "req-" + i),
                        at.plusMillis(250));
                case 1 -> store.recordOutcome(decision.requestToken(), new Outcome.Refused("ResourceNotFound",
                        "Callback token not found, step drift-check", "The step no longer waits.", "req-" + i),
                        at.plusMillis(300));
                case 2 -> {
                    store.recordOutcome(decision.requestToken(), new Outcome.Unknown("Timeout", "Read timed out",
                            "Retry."), at.plusSeconds(1));
                    store.recordOutcome(decision.requestToken(), new Outcome.Accepted(returned, "req-" + i),
                            at.plusSeconds(3));
                }
                case 3 -> store.recordOutcome(decision.requestToken(), new Outcome.Unknown("ConnectionLost",
                        "Connection reset", "Retry."), at.plusSeconds(1));
                case 4 -> store.recordOutcome(decision.requestToken(), new Outcome.NotSent("CircuitOpen",
                        "Not sent: the circuit breaker opened."), at.plusSeconds(1));
                default -> {
                    // in flight: no outcome
                }
            }
        }
    }

    private static List<AuditFilter> filters() {
        Instant from = START.plusSeconds(300);
        Instant to = START.plusSeconds(1500);
        return List.of(AuditFilter.everything(),
                text("drift"), text("DRIFT check"), text("OPS-42"), text("ops-4217"), text("quality check"),
                text("Tk00001"), text("us-east"), text("straße"), text("exec1"), text("req"),
                // A phrase from the end of one column into the next: FTS5 finds nothing, nor may PostgreSQL.
                text("alpha-beta000010"),
                text("nothing-like-this"),
                new AuditFilter(null, null, null, null, null, "REFUSED", null),
                new AuditFilter(null, null, null, null, null, "UNKNOWN", null),
                new AuditFilter(null, null, "nightly-retrain", null, null, null, null),
                new AuditFilter(null, null, null, "bob", "APPROVE", null, null),
                new AuditFilter(from, to, null, null, null, null, null),
                new AuditFilter(from, null, "callback-pipeline", null, null, "ACCEPTED", "drift"));
    }

    private static AuditFilter text(String text) {
        return new AuditFilter(null, null, null, null, null, null, text);
    }

    @Test
    void everyExportIsTheSameBytesOnBothBackends() {
        int nonEmpty = 0;
        for (AuditFilter filter : filters()) {
            for (ExportFormat format : ExportFormat.values()) {
                String events = export(file, filter, format, false);
                assertThat(export(team, filter, format, false)).as("raw rows, " + format + ", " + filter.describe())
                        .isEqualTo(events);
                assertThat(export(team, filter, format, true)).as("decisions, " + format + ", " + filter.describe())
                        .isEqualTo(export(file, filter, format, true));
                if (events.lines().count() > (format == ExportFormat.CSV ? 2 : 1)) {
                    nonEmpty++;
                }
            }
        }
        assertThat(nonEmpty).as("most filters match rows, so equal exports say something")
                .isGreaterThanOrEqualTo(2 * (filters().size() - 4));
    }

    @Test
    void freeTextSearchFindsWhatFts5Finds() {
        assertThat(team.count(text("drift"))).isEqualTo(file.count(text("drift"))).isGreaterThan(10);
        assertThat(team.count(text("ops-4217"))).isEqualTo(file.count(text("ops-4217"))).isPositive();
        assertThat(team.count(text("ops-42"))).as("a prefix of the last part")
                .isEqualTo(file.count(text("ops-42"))).isGreaterThan(team.count(text("ops-4217")));
        assertThat(team.count(text("alpha-beta000010"))).as("no phrase across columns")
                .isEqualTo(file.count(text("alpha-beta000010"))).isZero();
        assertThat(team.countDecisions(text("timed"))).as("a word of an outcome finds its decision")
                .isEqualTo(file.countDecisions(text("timed"))).isEqualTo(10);
    }

    @Test
    void countsAndPagesInEveryOrderAreTheSame() {
        for (AuditFilter filter : filters()) {
            assertThat(team.count(filter)).as(filter.describe()).isEqualTo(file.count(filter));
            assertThat(team.countUpTo(filter, 5)).as(filter.describe()).isEqualTo(file.countUpTo(filter, 5));
            assertThat(team.countDecisions(filter)).as(filter.describe()).isEqualTo(file.countDecisions(filter));
            assertThat(team.countDecisionsUpTo(filter, 5)).isEqualTo(file.countDecisionsUpTo(filter, 5));
            for (AuditColumn column : List.of(AuditColumn.RECORDED_AT, AuditColumn.SEQ, AuditColumn.OPERATOR,
                    AuditColumn.OUTCOME, AuditColumn.REASON)) {
                for (boolean ascending : new boolean[] {true, false}) {
                    AuditSort sort = new AuditSort(column, ascending);
                    assertThat(values(team.page(filter, sort, 3, 20)))
                            .as(filter.describe() + ", " + sort.describe())
                            .isEqualTo(values(file.page(filter, sort, 3, 20)));
                }
            }
            for (DecisionColumn column : List.of(DecisionColumn.DECIDED_AT, DecisionColumn.OUTCOME,
                    DecisionColumn.ATTEMPTS, DecisionColumn.EVENT_SEQS, DecisionColumn.ERROR_CODE)) {
                for (boolean ascending : new boolean[] {true, false}) {
                    DecisionSort sort = new DecisionSort(column, ascending);
                    assertThat(decisionValues(team.decisionPage(filter, sort, 2, 15)))
                            .as(filter.describe() + ", " + sort.describe())
                            .isEqualTo(decisionValues(file.decisionPage(filter, sort, 2, 15)));
                }
            }
        }
        assertThat(team.distinctValues(AuditColumn.PIPELINE_NAME)).isEqualTo(file.distinctValues(AuditColumn.PIPELINE_NAME));
    }

    @Test
    void verifyWalksTheSameChain() {
        ChainVerification onFile = file.verify(List.of());
        ChainVerification onTeam = team.verify(List.of(onFile.head()));
        assertThat(onTeam.intact()).as(onTeam.summary()).isTrue();
        assertThat(onTeam.head()).isEqualTo(onFile.head());
        assertThat(onTeam.rowsVerified()).isEqualTo(onFile.rowsVerified());
    }

    private static String export(AuditLog log, AuditFilter filter, ExportFormat format, boolean decisions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (decisions) {
            log.exportDecisions(filter, DecisionSort.NEWEST_FIRST, format, out, EXPORTED_AT);
        } else {
            log.export(filter, AuditSort.NEWEST_FIRST, format, out, EXPORTED_AT);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<List<String>> values(List<AuditRecord> records) {
        List<List<String>> all = new ArrayList<>();
        for (AuditRecord record : records) {
            List<String> row = new ArrayList<>();
            for (AuditColumn column : AuditColumn.values()) {
                row.add(record.get(column));
            }
            all.add(row);
        }
        return all;
    }

    private static List<List<String>> decisionValues(List<DecisionRecord> records) {
        List<List<String>> all = new ArrayList<>();
        for (DecisionRecord record : records) {
            List<String> row = new ArrayList<>();
            for (DecisionColumn column : DecisionColumn.values()) {
                row.add(record.get(column));
            }
            row.add(values(record.events()).toString());
            all.add(row);
        }
        return all;
    }
}
