package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {
    private static final String CHURN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";
    private static final String FRAUD = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/fraud-detector/execution/zz9plural9z";

    @TempDir
    Path dir;
    private AuditLog log;

    /**
     * Four decisions: alice fails two churn steps (accepted, refused), bob fails a fraud step (accepted) and one more
     * fraud step still in flight. 7 rows, seq 1..7, one minute apart.
     */
    @BeforeEach
    void fill() {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            decide(store, 0, "ChurnTok01", CHURN, "Data drift, \"amount\" column\nsee OPS-42", "alice",
                    new Outcome.Accepted(CHURN, "req-a"));
            decide(store, 2, "ChurnTok02", CHURN, "Threshold too low", "alice",
                    new Outcome.Refused("ResourceNotFound", "Callback token not found", "Refresh.", "req-b"));
            decide(store, 4, "FraudTok01", FRAUD, "Manual review rejected the model", "bob",
                    new Outcome.Accepted(FRAUD, "req-c"));
            decide(store, 6, "FraudTok02", FRAUD, "Second opinion: drift", "bob", null);
        }
        log = AuditLog.open(file);
    }

    @AfterEach
    void close() {
        log.close();
    }

    /** Reasons as an older console stored them: some hold line breaks, which the exports must quote. */
    private static void decide(HistoryStore store, int minute, String token, String arn, String reason, String operator,
                               Outcome outcome) {
        Instant at = MORNING.plusSeconds(minute * 60L);
        Submission s = new Submission(new ClientRequestToken("request-" + token + "-0123456789abcdefghij"), Action.FAIL,
                CallbackToken.of(token), PipelineExecutionArn.of(arn), new FailureReason(reason), new Operator(operator),
                ConnectionId.sandbox(), at);
        store.attributeTo(new Attribution(new Operator(operator), null, null, "us-east-2"));
        store.recordIntent(s, "ManualReview", null);
        if (outcome != null) {
            store.recordOutcome(s.requestToken(), outcome, at.plusSeconds(60));
        }
    }

    private List<String> seqs(AuditFilter filter, AuditSort sort) {
        return log.page(filter, sort, 0, 100).stream().map(r -> r.get(AuditColumn.SEQ)).toList();
    }

    @Test
    void everythingNewestFirstWithEveryColumn() {
        assertThat(log.count(AuditFilter.everything())).isEqualTo(7);
        List<AuditRecord> rows = log.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, 0, 100);
        assertThat(rows).extracting(AuditRecord::seq).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        AuditRecord outcome = rows.get(1);
        assertThat(outcome.get(AuditColumn.KIND)).isEqualTo("OUTCOME");
        assertThat(outcome.get(AuditColumn.RETURNED_EXECUTION_ARN)).isEqualTo(FRAUD);
        assertThat(outcome.get(AuditColumn.STEP_NAME)).isEqualTo("ManualReview");
        assertThat(outcome.get(AuditColumn.OPERATOR)).isEqualTo("bob");
        assertThat(outcome.get(AuditColumn.INTENT_SEQ)).isEqualTo("5");
        assertThat(outcome.get(AuditColumn.HASH)).hasSize(64);
    }

    @Test
    void filtersCombine() {
        assertThat(seqs(new AuditFilter(null, null, "churn-model", null, null, null, null), AuditSort.NEWEST_FIRST))
                .containsExactly("4", "3", "2", "1");
        assertThat(seqs(new AuditFilter(null, null, null, "bob", "fail", null, null), AuditSort.NEWEST_FIRST))
                .containsExactly("7", "6", "5");
        assertThat(seqs(new AuditFilter(null, null, null, null, null, "accepted", null), AuditSort.NEWEST_FIRST))
                .containsExactly("6", "2");
        // The range is [from, to): minute 2 is row 3's time, minute 6 is row 7's.
        assertThat(seqs(new AuditFilter(MORNING.plusSeconds(120), MORNING.plusSeconds(360), null, null, null, null,
                null), AuditSort.NEWEST_FIRST)).containsExactly("6", "5", "4", "3");
        assertThat(log.count(new AuditFilter(null, null, "no-such-pipeline", null, null, null, null))).isZero();
    }

    @Test
    void freeTextFindsReasonsTokensAndArnsWithoutCaringForCaseOrPunctuation() {
        assertThat(seqs(AuditFilter.everything().withText("drift"), AuditSort.NEWEST_FIRST)).containsExactly("7", "1");
        assertThat(seqs(AuditFilter.everything().withText("DRIFT ops-42"), AuditSort.NEWEST_FIRST)).containsExactly("1");
        // A token matches its intent and its outcome; a prefix is enough.
        assertThat(seqs(AuditFilter.everything().withText("churntok0"), AuditSort.NEWEST_FIRST))
                .containsExactly("4", "3", "2", "1");
        assertThat(seqs(AuditFilter.everything().withText(FRAUD), AuditSort.NEWEST_FIRST)).containsExactly("7", "6", "5");
        assertThat(seqs(AuditFilter.everything().withText("zz9plural9z"), AuditSort.NEWEST_FIRST))
                .containsExactly("7", "6", "5");
        assertThat(seqs(AuditFilter.everything().withText("\"not found\""), AuditSort.NEWEST_FIRST)).containsExactly("4");
        // FTS5 syntax is taken literally, never as a query.
        assertThat(log.count(AuditFilter.everything().withText("drift OR NEAR(a b) *"))).isZero();
        assertThat(seqs(new AuditFilter(null, null, "fraud-detector", null, null, null, "drift"), AuditSort.NEWEST_FIRST))
                .containsExactly("7");
    }

    @Test
    void aTextCountAgreesWithTheRowsItCounts() {
        // Counts with free text start from the text index; they must count exactly the rows a page lists.
        List<AuditFilter> filters = List.of(AuditFilter.everything().withText("drift"),
                AuditFilter.everything().withText("churntok0"),
                new AuditFilter(null, null, "fraud-detector", null, null, null, "drift"),
                new AuditFilter(null, null, null, "bob", "FAIL", null, "zz9plural9z"),
                new AuditFilter(MORNING.plusSeconds(120), MORNING.plusSeconds(360), null, null, null, "ACCEPTED", "churntok0"),
                AuditFilter.everything().withText("nothing-matches-this"));
        for (AuditFilter filter : filters) {
            assertThat(log.count(filter)).as(filter.describe()).isEqualTo(seqs(filter, AuditSort.NEWEST_FIRST).size());
        }
    }

    @Test
    void badFiltersSayWhatIsWrong() {
        assertThatThrownBy(() -> new AuditFilter(MORNING, MORNING, null, null, null, null, null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be before");
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, null, "MAYBE", null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ACCEPTED, REFUSED, UNKNOWN or NOT_SENT");
        assertThatThrownBy(() -> AuditFilter.everything().withText(":: --"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no letters or digits");
        assertThat(AuditFilter.everything().withText("   ").isEverything()).isTrue();
    }

    @Test
    void sortsByAnyColumnAndPagesThroughTheResult() {
        assertThat(seqs(AuditFilter.everything(), new AuditSort(AuditColumn.CALLBACK_TOKEN, true)))
                .containsExactly("1", "2", "3", "4", "5", "6", "7");
        assertThat(seqs(AuditFilter.everything(), new AuditSort(AuditColumn.OPERATOR, false)))
                .containsExactly("7", "6", "5", "4", "3", "2", "1");
        assertThat(seqs(AuditFilter.everything(), new AuditSort(AuditColumn.OUTCOME, true)))
                .containsExactly("1", "3", "5", "7", "2", "6", "4"); // NULLs (intents) first in SQLite, then by seq
        List<String> pages = new ArrayList<>();
        for (int offset = 0; offset < 7; offset += 3) {
            log.page(AuditFilter.everything(), AuditSort.NEWEST_FIRST, offset, 3).forEach(r -> pages.add(r.get(AuditColumn.SEQ)));
        }
        assertThat(pages).containsExactly("7", "6", "5", "4", "3", "2", "1");
        assertThat(log.distinctValues(AuditColumn.PIPELINE_NAME)).containsExactly("churn-model", "fraud-detector");
        assertThat(log.distinctValues(AuditColumn.OPERATOR)).containsExactly("alice", "bob");
    }

    @Test
    void csvExportHoldsExactlyTheFilteredRowsWithAHeaderRecord() {
        AuditFilter filter = new AuditFilter(null, null, "churn-model", null, null, null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant now = Instant.parse("2025-04-01T00:00:00Z");

        ExportSummary summary = log.export(filter, new AuditSort(AuditColumn.SEQ, true), ExportFormat.CSV, out, now);

        assertThat(summary.rows()).isEqualTo(4);
        assertThat(summary.chainHeadSeq()).isEqualTo(7);
        assertThat(summary.chainHeadHash()).isEqualTo(log.verify().headHash());
        String csv = out.toString(StandardCharsets.UTF_8);
        List<List<String>> records = parseCsv(csv);
        assertThat(records.get(0)).containsExactly("#callback-console-audit-export", "filter=pipeline = churn-model",
                "sort=seq ascending", "exported_at=2025-04-01T00:00:00Z", "row_count=4", "chain_head_seq=7",
                "chain_head_hash=" + summary.chainHeadHash(), "formula_cells=quoted");
        assertThat(records.get(1)).hasSize(AuditColumn.values().length).startsWith("seq", "recorded_at", "kind");
        assertThat(records).hasSize(2 + 4);
        assertThat(records.subList(2, 6)).extracting(r -> r.get(0)).containsExactly("1", "2", "3", "4");
        int reason = AuditColumn.REASON.ordinal();
        assertThat(records.get(2).get(reason)).isEqualTo("Data drift, \"amount\" column\nsee OPS-42");
        assertThat(csv).contains("\"Data drift, \"\"amount\"\" column\nsee OPS-42\"").endsWith("\r\n");
        assertThat(csv.replace("\r\n", "").replace("\n", "")).doesNotContain("\r"); // records end in CRLF only
    }

    @Test
    void jsonLinesExportStartsWithAHeaderObject() throws Exception {
        AuditFilter filter = AuditFilter.everything().withText("fraudtok01");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        log.export(filter, AuditSort.NEWEST_FIRST, ExportFormat.JSON_LINES, out, Instant.parse("2025-04-01T00:00:00Z"));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(3);
        ObjectMapper mapper = new ObjectMapper();
        JsonNode header = mapper.readTree(lines[0]);
        assertThat(header.get("record").asText()).isEqualTo("header");
        assertThat(header.get("filter").get("text").asText()).isEqualTo("fraudtok01");
        assertThat(header.get("rowCount").asLong()).isEqualTo(2);
        assertThat(header.get("chainHead").get("seq").asLong()).isEqualTo(7);
        assertThat(header.get("exportedAt").asText()).isEqualTo("2025-04-01T00:00:00Z");
        JsonNode first = mapper.readTree(lines[1]);
        assertThat(first.get("seq").asLong()).isEqualTo(6);
        assertThat(first.get("intent_seq").asLong()).isEqualTo(5);
        assertThat(first.get("outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(first.get("caller_arn").isNull()).isTrue();
        assertThat(mapper.readTree(lines[2]).get("intent_seq").isNull()).isTrue();
    }

    /** A small RFC 4180 reader, independent of the writer under test. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(record).as("the last record ends in CRLF").isEmpty();
        return records;
    }
}
