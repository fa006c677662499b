package io.callbackconsole.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Submission;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV cells a spreadsheet would run as formulas are neutralised with a leading quote; JSON Lines stays exact. */
class FormulaCellExportTest {
    static final List<String> FORMULAS = List.of("=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\t=1", "\r=1",
            "'=1 already quoted");

    @TempDir
    Path dir;

    static String csvCell(String value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvOutput csv = new CsvOutput(out);
        csv.field(value.getBytes(StandardCharsets.UTF_8));
        csv.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aCellThatStartsLikeAFormulaGetsALeadingQuoteInsideItsRfc4180Quoting() throws IOException {
        assertThat(csvCell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(csvCell("+1")).isEqualTo("'+1");
        assertThat(csvCell("-1")).isEqualTo("'-1");
        assertThat(csvCell("@SUM(1)")).isEqualTo("'@SUM(1)");
        assertThat(csvCell("\t=1")).isEqualTo("'\t=1");
        assertThat(csvCell("\r=1")).isEqualTo("\"'\r=1\"");
        assertThat(csvCell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        // A leading quote of its own is doubled, so removing one leading quote always gives the stored value.
        assertThat(csvCell("'=1 already quoted")).isEqualTo("''=1 already quoted");
    }

    @Test
    void otherCellsAreWrittenAsBefore() throws IOException {
        assertThat(csvCell("a=1+2")).isEqualTo("a=1+2");
        assertThat(csvCell(" =1")).isEqualTo(" =1");
        assertThat(csvCell("")).isEmpty();
        assertThat(csvCell("comma, then")).isEqualTo("\"comma, then\"");
    }

    @Test
    void theExportStatesItInItsHeaderAndJsonLinesKeepsTheValuesExact() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION)) {
            for (int i = 0; i < FORMULAS.size(); i++) {
                Submission plain = SampleSubmissions.decision(String.format("Formula%03d", i),
                        SampleSubmissions.MORNING.plusSeconds(i));
                // As an older console stored them: the tab and CR ones are refused as new reasons now.
                store.recordIntent(new Submission(plain.requestToken(), plain.action(), plain.token(),
                        plain.executionArn(), new FailureReason(FORMULAS.get(i)), plain.operator(),
                        plain.connection(), plain.decidedAt()));
            }
        }
        try (AuditLog log = AuditLog.open(file)) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            log.export(AuditFilter.everything(), new AuditSort(AuditColumn.SEQ, true), ExportFormat.CSV, csv,
                    Instant.parse("2026-12-01T00:00:00Z"));
            List<List<String>> records = AuditLogTest.parseCsv(csv.toString(StandardCharsets.UTF_8));
            assertThat(records.get(0)).last().isEqualTo("formula_cells=quoted");
            int reason = AuditColumn.REASON.ordinal();
            List<String> reasons = records.subList(2, records.size()).stream().map(r -> r.get(reason)).toList();
            assertThat(reasons).containsExactly("'=cmd|' /C calc'!A0", "'+1", "'-1", "'@SUM(1)", "'\t=1", "'\r=1",
                    "''=1 already quoted");
            assertThat(reasons).allSatisfy(cell -> assertThat(cell).startsWith("'"));
            assertThat(reasons.stream().map(cell -> cell.substring(1)).toList()).isEqualTo(FORMULAS);

            ByteArrayOutputStream jsonLines = new ByteArrayOutputStream();
            log.export(AuditFilter.everything(), new AuditSort(AuditColumn.SEQ, true), ExportFormat.JSON_LINES,
                    jsonLines, Instant.parse("2026-12-01T00:00:00Z"));
            List<String> exact = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : jsonLines.toString(StandardCharsets.UTF_8).split("\n")) {
                JsonNode row = json.readTree(line);
                if (row.has("reason")) {
                    exact.add(row.get("reason").asText());
                }
            }
            assertThat(exact).isEqualTo(FORMULAS);
        }
    }
}
