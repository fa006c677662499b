package io.callbackconsole.history;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A history where a word matches more rows than the view counts first ({@link AuditLog#ROWS_COUNTED_FIRST}), so its
 * pages are read by walking the time index rather than by sorting the matches, and where the time order is not the
 * order rows were written in (clocks differ between machines and threads), so a walk in seq order would show.
 */
class AuditLogManyMatchesTest {
    private static final int ROWS = 2_600;
    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    Path dir;
    private AuditLog log;
    /** seq, recorded_at and reason of every row, as written. */
    private final List<Row> written = new ArrayList<>();

    private record Row(long seq, Instant recordedAt, String reason, String pipeline) {
    }

    @BeforeEach
    void fill() throws SQLException {
        Path file = dir.resolve("history.db");
        HistoryStore.open(file, CONSOLE_VERSION).close();
        List<Integer> minutes = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            minutes.add(i / 2); // two rows share each minute: the order then falls back on seq
        }
        Collections.shuffle(minutes, new Random(5));
        try (Connection c = SampleSubmissions.rawConnection(file); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            JournalRows.Appending journal = new JournalRows().appending(c);
            for (int i = 0; i < ROWS; i++) {
                Instant at = START.plusSeconds(60L * minutes.get(i));
                String reason = i % 10 == 9 ? "threshold too low" : "data drift in column " + i;
                String pipeline = i % 2 == 0 ? "churn-model" : "fraud-detector";
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("recorded_at", at.toString().replace("Z", ".000Z"));
                row.put("kind", "INTENT");
                row.put("client_request_token", "request-" + i + "-0123456789abcdefghijklmnopqrstuv");
                row.put("action", "FAIL");
                row.put("callback_token", String.format("Tok%07d", i));
                row.put("pipeline_name", pipeline);
                row.put("reason", reason);
                row.put("operator", "alice");
                row.put("connection", "sandbox");
                row.put("console_version", CONSOLE_VERSION);
                long seq = journal.append(row);
                written.add(new Row(seq, at, reason, pipeline));
            }
            journal.close();
            s.execute("COMMIT");
        }
        log = AuditLog.open(file);
    }

    @AfterEach
    void close() {
        log.close();
    }

    private List<String> expectedSeqs(AuditFilter filter, AuditSort sort) {
        Comparator<Row> byTime = Comparator.comparing(Row::recordedAt).thenComparing(Row::seq);
        return written.stream()
                .filter(r -> filter.text() == null || r.reason().contains(filter.text()))
                .filter(r -> filter.pipeline() == null || r.pipeline().equals(filter.pipeline()))
                .filter(r -> filter.from() == null || !r.recordedAt().isBefore(filter.from()))
                .filter(r -> filter.to() == null || r.recordedAt().isBefore(filter.to()))
                .sorted(sort.ascending() ? byTime : byTime.reversed())
                .map(r -> Long.toString(r.seq()))
                .toList();
    }

    private List<String> everyPage(AuditFilter filter, AuditSort sort) {
        List<String> seqs = new ArrayList<>();
        for (long offset = 0; ; offset += 200) {
            List<AuditRecord> page = log.page(filter, sort, offset, 200);
            page.forEach(r -> seqs.add(r.get(AuditColumn.SEQ)));
            if (page.size() < 200) {
                return seqs;
            }
        }
    }

    @Test
    void pagesOfACommonWordFollowTheTimeOrderToTheLastRow() {
        AuditFilter drift = AuditFilter.everything().withText("drift");
        Instant from = START.plusSeconds(60L * 100);
        Instant to = START.plusSeconds(60L * 1_200);
        List<AuditFilter> filters = List.of(drift, new AuditFilter(from, to, null, null, null, null, "drift"),
                new AuditFilter(null, null, "churn-model", null, null, null, "drift"),
                AuditFilter.everything().withText("threshold"));
        assertThat(expectedSeqs(drift, AuditSort.NEWEST_FIRST)).hasSizeGreaterThan((int) AuditLog.ROWS_COUNTED_FIRST);
        for (AuditFilter filter : filters) {
            // First as the view asks (a first count, then pages), then with nothing asked before.
            log.countUpTo(filter, AuditLog.ROWS_COUNTED_FIRST + 1);
            for (AuditSort sort : List.of(AuditSort.NEWEST_FIRST, new AuditSort(AuditColumn.RECORDED_AT, true))) {
                assertThat(everyPage(filter, sort)).as(filter.describe() + ", " + sort.describe())
                        .containsExactlyElementsOf(expectedSeqs(filter, sort));
            }
        }
        try (AuditLog fresh = AuditLog.open(log.databaseFile())) {
            assertThat(fresh.page(drift, AuditSort.NEWEST_FIRST, 2_000, 200))
                    .extracting(r -> r.get(AuditColumn.SEQ))
                    .containsExactlyElementsOf(expectedSeqs(drift, AuditSort.NEWEST_FIRST).subList(2_000, 2_200));
        }
    }

    @Test
    void aCountUpToALimitIsTheExactCountOrTheLimit() {
        List<AuditFilter> filters = List.of(AuditFilter.everything(), AuditFilter.everything().withText("drift"),
                AuditFilter.everything().withText("threshold"), AuditFilter.everything().withText("nowhere"),
                new AuditFilter(null, null, "churn-model", null, null, null, null),
                new AuditFilter(null, null, "fraud-detector", null, null, null, "drift"));
        for (AuditFilter filter : filters) {
            long exact = log.count(filter);
            assertThat(exact).as(filter.describe()).isEqualTo(expectedSeqs(filter, AuditSort.NEWEST_FIRST).size());
            for (long limit : new long[] {0, 1, 259, 260, 261, 2_000, 2_001, 10_000}) {
                assertThat(log.countUpTo(filter, limit)).as(filter.describe() + ", up to " + limit)
                        .isEqualTo(Math.min(exact, limit));
            }
        }
    }

    @Test
    void anExportOfACommonWordHoldsItsRowsInTheTimeOrder() {
        AuditFilter drift = AuditFilter.everything().withText("drift");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        log.export(drift, AuditSort.NEWEST_FIRST, ExportFormat.CSV, out, Instant.parse("2025-04-01T00:00:00Z"));

        List<List<String>> records = AuditLogTest.parseCsv(out.toString(StandardCharsets.UTF_8));
        assertThat(records.subList(2, records.size())).extracting(r -> r.get(0))
                .containsExactlyElementsOf(expectedSeqs(drift, AuditSort.NEWEST_FIRST));
    }
}
