package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision view: one record per intent, joined with its latest outcome; the outcomes before it (background
 * retries of an unanswered decision) are attempts of that one decision, never decisions of their own.
 */
class DecisionViewTest {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";
    private static final ConnectionId PROD = ConnectionId.aws("111111111111", "us-east-2", null, "prod@us-east-2");

    @TempDir
    Path dir;
    private Path file;
    private HistoryStore store;
    private AuditLog log;

    @BeforeEach
    void open() {
        file = dir.resolve("history.db");
        store = HistoryStore.open(file, CONSOLE_VERSION);
    }

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        store.close();
    }

    private AuditLog audit() {
        if (log == null) {
            log = AuditLog.open(file);
        }
        return log;
    }

    private List<DecisionRecord> all() {
        return audit().decisionPage(AuditFilter.everything(), DecisionSort.NEWEST_FIRST, 0, 100);
    }

    private Submission decide(String token, int minute) {
        Submission s = SampleSubmissions.decision(token, MORNING.plusSeconds(60L * minute));
        store.recordIntent(s, "ManualReview", null);
        return s;
    }

    @Test
    void anIntentWithoutOutcomeIsOneDecisionInFlight() {
        decide("FlightTok1", 0);

        List<DecisionRecord> decisions = all();

        assertThat(decisions).hasSize(1);
        DecisionRecord d = decisions.get(0);
        assertThat(d.inFlight()).isTrue();
        assertThat(d.get(DecisionColumn.OUTCOME)).isEqualTo(DecisionRecord.IN_FLIGHT);
        assertThat(d.attempts()).isZero();
        assertThat(d.get(DecisionColumn.OUTCOME_SEQ)).isNull();
        assertThat(d.get(DecisionColumn.STEP_NAME)).isEqualTo("ManualReview");
        assertThat(d.get(DecisionColumn.DECIDED_AT)).isEqualTo("2025-03-01T09:15:30.123Z");
        assertThat(d.events()).extracting(r -> r.get(AuditColumn.KIND)).containsExactly("INTENT");
        assertThat(audit().countDecisions(AuditFilter.everything())).isEqualTo(1);
    }

    @Test
    void unknownAttemptsThenAcceptedAreOneDecisionWithItsAttempts() {
        Submission s = decide("RetryTok01", 0);
        store.recordOutcome(s.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out", "No answer."),
                MORNING.plusSeconds(5));
        store.recordOutcome(s.requestToken(), new Outcome.Unknown("InternalFailure", "HTTP 500", "No answer."),
                MORNING.plusSeconds(9));
        store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-3"), MORNING.plusSeconds(17));
        decide("OtherTok01", 1);

        List<DecisionRecord> decisions = all();

        assertThat(decisions).as("one record per decision, however many outcome rows").hasSize(2);
        assertThat(audit().count(AuditFilter.everything())).isEqualTo(5);
        assertThat(audit().countDecisions(AuditFilter.everything())).isEqualTo(2);
        DecisionRecord retried = decisions.get(1);
        assertThat(retried.get(DecisionColumn.CALLBACK_TOKEN)).isEqualTo("RetryTok01");
        assertThat(retried.get(DecisionColumn.OUTCOME)).isEqualTo("ACCEPTED");
        assertThat(retried.attempts()).isEqualTo(3);
        assertThat(retried.get(DecisionColumn.RETURNED_EXECUTION_ARN)).isEqualTo(ARN);
        assertThat(retried.get(DecisionColumn.REQUEST_ID)).isEqualTo("req-3");
        assertThat(retried.get(DecisionColumn.ERROR_CODE)).as("the latest outcome's, not an attempt's").isNull();
        assertThat(retried.get(DecisionColumn.OUTCOME_RECORDED_AT)).isEqualTo("2025-03-01T09:15:47.123Z");
        assertThat(retried.events()).extracting(r -> r.get(AuditColumn.OUTCOME))
                .containsExactly(null, "UNKNOWN", "UNKNOWN", "ACCEPTED");
        assertThat(retried.get(DecisionColumn.EVENT_SEQS)).isEqualTo("1 2 3 4");
        assertThat(retried.get(DecisionColumn.OUTCOME_SEQ)).isEqualTo("4");

        // The outcome filter asks about the decision's latest outcome: its attempts were UNKNOWN, it is not.
        AuditFilter unknown = new AuditFilter(null, null, null, null, null, "UNKNOWN", null);
        assertThat(audit().countDecisions(unknown)).isZero();
        assertThat(audit().count(unknown)).as("the raw rows still hold both attempts").isEqualTo(2);
        AuditFilter accepted = new AuditFilter(null, null, null, null, null, "ACCEPTED", null);
        assertThat(audit().decisionPage(accepted, DecisionSort.NEWEST_FIRST, 0, 10))
                .extracting(DecisionRecord::intentSeq).containsExactly(1L);
    }

    @Test
    void givingUpIsTheOutcomeButNotAnAttempt() {
        Submission s = decide("GiveUpTok1", 0);
        store.recordOutcome(s.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out", "No answer."),
                MORNING.plusSeconds(5));
        store.recordOutcome(s.requestToken(), new Outcome.Unknown("GaveUp", "Retries stopped by alice",
                "Gave up retrying."), MORNING.plusSeconds(9));

        DecisionRecord d = all().get(0);

        assertThat(d.get(DecisionColumn.OUTCOME)).isEqualTo("UNKNOWN");
        assertThat(d.get(DecisionColumn.ERROR_CODE)).isEqualTo("GaveUp");
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.events()).hasSize(3);
    }

    @Test
    void aRefusedDecisionCarriesItsErrorAndANotSentOneWasNeverAttempted() {
        Submission refused = decide("RefuseTok1", 0);
        store.recordOutcome(refused.requestToken(), new Outcome.Refused("ResourceNotFound", "Callback token not found",
                "The step is no longer waiting.", "req-r"), MORNING.plusSeconds(61));
        Submission notSent = decide("NotSentTo1", 2);
        store.recordOutcome(notSent.requestToken(), new Outcome.NotSent("CircuitOpen", "Several calls in a row had"
                + " no answer; not sent."), MORNING.plusSeconds(121));

        List<DecisionRecord> decisions = all();

        DecisionRecord n = decisions.get(0);
        assertThat(n.get(DecisionColumn.OUTCOME)).isEqualTo("NOT_SENT");
        assertThat(n.get(DecisionColumn.ERROR_CODE)).isEqualTo("CircuitOpen");
        assertThat(n.attempts()).isZero();
        DecisionRecord r = decisions.get(1);
        assertThat(r.get(DecisionColumn.OUTCOME)).isEqualTo("REFUSED");
        assertThat(r.get(DecisionColumn.ERROR_CODE)).isEqualTo("ResourceNotFound");
        assertThat(r.get(DecisionColumn.ERROR_MESSAGE)).isEqualTo("Callback token not found");
        assertThat(r.get(DecisionColumn.REQUEST_ID)).isEqualTo("req-r");
        assertThat(r.attempts()).isEqualTo(1);
    }

    @Test
    void decisionsOfTwoConnectionsInOneHistoryEachReadOnceWithTheirConnection() {
        Submission onSandbox = decide("SandboxTok", 0);
        Submission onProd = SampleSubmissions.decision("ProdTok001", "request-token-for-ProdTok001-on-prod-0123",
                MORNING.plusSeconds(60));
        onProd = new Submission(onProd.requestToken(), onProd.action(), onProd.token(), onProd.executionArn(),
                onProd.reason(), onProd.operator(), PROD, onProd.decidedAt());
        store.recordIntent(onProd);
        store.recordOutcome(onSandbox.requestToken(), new Outcome.Accepted(ARN, null), MORNING.plusSeconds(70));
        store.recordOutcome(onProd.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out", "No answer."),
                MORNING.plusSeconds(80));

        List<DecisionRecord> decisions = all();

        assertThat(decisions).extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN), d -> d.get(DecisionColumn.OUTCOME),
                d -> d.get(DecisionColumn.CONNECTION)).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ProdTok001", "UNKNOWN", "prod@us-east-2"),
                org.assertj.core.groups.Tuple.tuple("SandboxTok", "ACCEPTED", "sandbox"));
        assertThat(decisions.get(0).events()).allSatisfy(e ->
                assertThat(e.get(AuditColumn.CONNECTION_ACCOUNT)).isEqualTo("111111111111"));
        assertThat(decisions.get(1).events()).allSatisfy(e ->
                assertThat(e.get(AuditColumn.CONNECTION)).isEqualTo("sandbox"));
    }

    @Test
    void aWordOfTheReasonOrOfAnOutcomeFindsTheDecisionWithAllItsRows() {
        Submission s = decide("SearchTok1", 0);
        store.recordOutcome(s.requestToken(), new Outcome.Unknown("InternalFailure", "upstream kaboom", "No answer."),
                MORNING.plusSeconds(5));
        store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-9"), MORNING.plusSeconds(9));
        decide("Unrelated1", 1);
        store.recordOutcome(SampleSubmissions.decision("Unrelated1", MORNING).requestToken(),
                new Outcome.Accepted(ARN, "req-u"), MORNING.plusSeconds(70));

        AuditFilter reasonWord = AuditFilter.everything().withText("nulls SearchTok1");
        assertThat(audit().countDecisions(reasonWord)).isEqualTo(1);
        assertThat(audit().countDecisionsUpTo(reasonWord, 10)).isEqualTo(1);
        List<DecisionRecord> found = audit().decisionPage(reasonWord, DecisionSort.NEWEST_FIRST, 0, 10);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).events()).as("the decision, not only its intent row").hasSize(3);
        assertThat(found.get(0).get(DecisionColumn.OUTCOME)).isEqualTo("ACCEPTED");

        // Only an attempt's outcome row holds this word: the search still lands on the decision.
        AuditFilter attemptWord = AuditFilter.everything().withText("kaboom");
        assertThat(audit().count(attemptWord)).isEqualTo(1);
        assertThat(audit().decisionPage(attemptWord, DecisionSort.NEWEST_FIRST, 0, 10))
                .extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN)).containsExactly("SearchTok1");
    }

    @Test
    void pagesFollowTheSortAndStopWhereAsked() {
        for (int i = 0; i < 7; i++) {
            Submission s = decide(String.format("PageTok%03d", i), i);
            store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + i), MORNING.plusSeconds(60L * i + 1));
        }

        assertThat(audit().decisionPage(AuditFilter.everything(), DecisionSort.NEWEST_FIRST, 2, 3))
                .extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN)).containsExactly("PageTok004", "PageTok003",
                        "PageTok002");
        assertThat(audit().decisionPage(AuditFilter.everything(),
                new DecisionSort(DecisionColumn.CALLBACK_TOKEN, true), 0, 2))
                .extracting(d -> d.get(DecisionColumn.CALLBACK_TOKEN)).containsExactly("PageTok000", "PageTok001");
        assertThat(audit().countDecisionsUpTo(AuditFilter.everything(), 4)).isEqualTo(4);
        AuditFilter since = new AuditFilter(MORNING.plusSeconds(60 * 5), null, null, null, null, null, null);
        assertThat(audit().countDecisions(since)).isEqualTo(2);
        assertThat(audit().decisionPage(since, DecisionSort.NEWEST_FIRST, 0, 10)).allSatisfy(d ->
                assertThat(d.events()).hasSize(2));
    }

    @Test
    void decisionExportsCarryTheChainHeadInCsvAndJsonLines() throws Exception {
        Submission s = decide("ExportTok1", 0);
        store.recordOutcome(s.requestToken(), new Outcome.Unknown("RequestTimeout", "timed out", "No answer."),
                MORNING.plusSeconds(5));
        store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-e"), MORNING.plusSeconds(9));
        decide("ExportTok2", 1);
        ChainVerification chain = audit().verify();
        java.time.Instant at = java.time.Instant.parse("2025-03-02T00:00:00Z");

        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        ExportSummary csvSummary = audit().exportDecisions(AuditFilter.everything(), DecisionSort.NEWEST_FIRST,
                ExportFormat.CSV, csv, at);
        List<String> lines = csv.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertThat(csvSummary.rows()).isEqualTo(2);
        assertThat(csvSummary.chainHeadSeq()).isEqualTo(4);
        assertThat(csvSummary.chainHeadHash()).isEqualTo(chain.headHash());
        assertThat(lines.get(0)).startsWith("#callback-console-decision-export,").contains("row_count=2",
                "chain_head_seq=4", "chain_head_hash=" + chain.headHash(), "formula_cells=quoted");
        assertThat(lines.get(1)).isEqualTo(String.join(",", java.util.Arrays.stream(DecisionColumn.values())
                .map(DecisionColumn::exportName).toList()));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).startsWith("2025-03-01T09:16:30.123Z,alice,FAIL,ExportTok2,").contains(",IN_FLIGHT,0,");
        assertThat(lines.get(3)).contains(",ExportTok1,").contains(",ACCEPTED,2,").contains(",req-e,")
                .endsWith(",1,3,1 2 3");

        java.io.ByteArrayOutputStream jsonl = new java.io.ByteArrayOutputStream();
        audit().exportDecisions(AuditFilter.everything().withText("ExportTok1"), DecisionSort.NEWEST_FIRST,
                ExportFormat.JSON_LINES, jsonl, at);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> records = jsonl.toString(java.nio.charset.StandardCharsets.UTF_8)
                .lines().map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("format").asText()).isEqualTo("callback-console-decision-export");
        assertThat(records.get(0).get("rowCount").asLong()).isEqualTo(1);
        assertThat(records.get(0).get("chainHead").get("seq").asLong()).isEqualTo(4);
        assertThat(records.get(0).get("chainHead").get("hash").asText()).isEqualTo(chain.headHash());
        com.fasterxml.jackson.databind.JsonNode decision = records.get(1);
        assertThat(decision.get("callback_token").asText()).isEqualTo("ExportTok1");
        assertThat(decision.get("attempts").isNumber()).isTrue();
        assertThat(decision.get("attempts").asInt()).isEqualTo(2);
        assertThat(decision.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(decision.get("error_code").isNull()).isTrue();
        assertThat(decision.get("event_seqs").asText()).isEqualTo("1 2 3");
    }
}
