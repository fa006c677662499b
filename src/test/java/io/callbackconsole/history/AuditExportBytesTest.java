package io.callbackconsole.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exports write values as the bytes SQLite holds and escape them on bytes. They must write exactly what the
 * String-based writers they replaced wrote: those are kept here as the reference and both run on values chosen to
 * trip byte-level escaping (quotes, commas, CR, LF, non-ASCII, empty and NULL, control characters, a value longer
 * than the writer's buffer).
 */
class AuditExportBytesTest {
    private static final Instant EXPORTED_AT = Instant.parse("2025-04-01T00:00:00Z");
    private static final String[] TRICKY = {
            "plain",
            "comma, inside",
            "\"quoted\" and \"\"doubled\"\"",
            "\"",
            "line\nbreak",
            "carriage\rreturn",
            "crlf\r\nin the middle\r\n",
            "ünïcödé — 漢字 and 🚀 emoji, with a comma",
            "\"ü\"",
            "tab\there, backslash \\ and a bell \u0007",
            "=cmd|' /C calc'!A0",
            "+1",
            "-1",
            "@SUM(1)",
            "\t=1",
            "\r=1, quoted",
            "'already quoted",
            "line separator \u2028 and paragraph \u2029",
            "",
            " leading and trailing spaces ",
            "x".repeat(40_000) + "\"" + "é".repeat(20_000) + ",\n", // longer than the 64 KiB buffer, quoted
    };

    @TempDir
    Path dir;
    Path file;

    /** One intent per tricky value, in the reason, the step name and (where the schema allows) other columns. */
    @BeforeEach
    void fill() throws SQLException {
        file = dir.resolve("history.db");
        HistoryStore.open(file, CONSOLE_VERSION).close();
        try (Connection c = SampleSubmissions.rawConnection(file);
             JournalRows.Appending journal = new JournalRows().appending(c)) {
            for (int i = 0; i < TRICKY.length; i++) {
                String value = TRICKY[i];
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("recorded_at", String.format("2025-03-01T09:%02d:00.000Z", i));
                row.put("kind", "INTENT");
                row.put("client_request_token", "request-" + i + "-0123456789abcdefghijklmnopqrstuv");
                row.put("action", "FAIL");
                row.put("callback_token", String.format("Tricky%04d", i));
                row.put("pipeline_name", i % 3 == 0 ? null : value);
                row.put("step_name", value);
                row.put("reason", value);
                row.put("operator", i % 2 == 0 ? "alice" : value);
                row.put("profile", i % 4 == 0 ? null : value);
                row.put("connection", "sandbox");
                row.put("console_version", CONSOLE_VERSION);
                journal.append(row);
            }
        }
    }

    @Test
    void csvIsByteForByteWhatTheStringWriterWrote() throws Exception {
        for (AuditFilter filter : List.of(AuditFilter.everything(), AuditFilter.everything().withText("comma"))) {
            for (AuditSort sort : List.of(AuditSort.NEWEST_FIRST, new AuditSort(AuditColumn.REASON, true))) {
                assertSameBytes(ExportFormat.CSV, filter, sort);
            }
        }
    }

    @Test
    void jsonLinesAreByteForByteWhatTheStringWriterWrote() throws Exception {
        for (AuditFilter filter : List.of(AuditFilter.everything(), AuditFilter.everything().withText("comma"))) {
            assertSameBytes(ExportFormat.JSON_LINES, filter, AuditSort.NEWEST_FIRST);
        }
    }

    @Test
    void aStreamThatFailsStopsBothReaders() throws Exception {
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                if (++written > 3_000) {
                    throw new IOException("disk full");
                }
            }
        };
        try (AuditLog log = AuditLog.open(file)) {
            assertThatThrownBy(() -> log.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, ExportFormat.CSV,
                    failing, EXPORTED_AT, 1))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk full");
        }
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("export-reader");
    }

    /**
     * With chunks of 1, 3 and 4 rows the rows are read on two connections, each formatting every other chunk (the
     * last, partial chunk falling to one or the other); with 1 000 on one.
     */
    private void assertSameBytes(ExportFormat format, AuditFilter filter, AuditSort sort) throws Exception {
        for (int chunkRows : new int[] {1, 3, 4, 1_000}) {
            assertSameBytes(format, filter, sort, chunkRows);
        }
    }

    private void assertSameBytes(ExportFormat format, AuditFilter filter, AuditSort sort, int chunkRows)
            throws Exception {
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        ExportSummary summary;
        try (AuditLog log = AuditLog.open(file)) {
            summary = log.export(filter, sort, format, exported, EXPORTED_AT, chunkRows);
        }
        assertThat(summary.rows()).isPositive();
        byte[] reference = referenceExport(format, filter, sort, summary);
        String what = format + ", " + filter.describe() + ", " + sort.describe() + ", chunks of " + chunkRows;
        // As text first, so a difference reads as text; then the bytes, which are what must not differ.
        assertThat(exported.toString(StandardCharsets.UTF_8)).as(what)
                .isEqualTo(new String(reference, StandardCharsets.UTF_8));
        assertThat(Arrays.equals(exported.toByteArray(), reference)).as(what + ": the same bytes").isTrue();
    }

    // --- the writers before the byte-level ones, unchanged but for reading the rows here ----------------------

    private byte[] referenceExport(ExportFormat format, AuditFilter filter, AuditSort sort, ExportSummary summary)
            throws Exception {
        // A file has no provenance columns (only a team history imports): they read as NULL.
        String columns = String.join(", ", Arrays.stream(AuditColumn.values()).map(column ->
                AuditColumn.IMPORT_PROVENANCE.contains(column) ? "NULL AS " + column.sqlName() : column.sqlName())
                .toList());
        String where = filter.text() == null ? ""
                : " WHERE seq IN (SELECT rowid FROM submission_event_fts WHERE submission_event_fts MATCH ?)";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try (Connection c = SampleSubmissions.rawConnection(file);
             PreparedStatement select = c.prepareStatement("SELECT " + columns + " FROM submission_event" + where
                     + " ORDER BY " + sort.orderBy(AuditSql.SQLITE))) {
            if (filter.text() != null) {
                select.setString(1, filter.ftsQuery());
            }
            try (ResultSet rows = select.executeQuery()) {
                if (format == ExportFormat.CSV) {
                    writeCsv(writer, rows, filter, sort, summary);
                } else {
                    writeJsonLines(writer, rows, filter, sort, summary);
                }
            }
        }
        writer.flush();
        return out.toByteArray();
    }

    private static void writeCsv(Writer out, ResultSet rows, AuditFilter filter, AuditSort sort, ExportSummary summary)
            throws SQLException, IOException {
        writeCsvRecord(out, List.of("#callback-console-audit-export", "filter=" + filter.describe(),
                "sort=" + sort.describe(), "exported_at=" + summary.exportedAt(), "row_count=" + summary.rows(),
                "chain_head_seq=" + summary.chainHeadSeq(), "chain_head_hash=" + summary.chainHeadHash(),
                "formula_cells=quoted"));
        List<String> names = new ArrayList<>();
        for (AuditColumn column : AuditColumn.values()) {
            names.add(column.sqlName());
        }
        writeCsvRecord(out, names);
        int width = AuditColumn.values().length;
        while (rows.next()) {
            for (int i = 1; i <= width; i++) {
                if (i > 1) {
                    out.write(',');
                }
                writeCsvField(out, rows.getString(i));
            }
            out.write("\r\n");
        }
    }

    private static void writeCsvRecord(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeCsvField(out, fields.get(i));
        }
        out.write("\r\n");
    }

    private static void writeCsvField(Writer out, String value) throws IOException {
        if (value == null) {
            return;
        }
        if (!value.isEmpty() && "=+-@\t\r'".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value; // formula cells neutralised
        }
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char ch = value.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\r' || ch == '\n';
        }
        if (!quote) {
            out.write(value);
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }

    private static void writeJsonLines(Writer out, ResultSet rows, AuditFilter filter, AuditSort sort,
                                       ExportSummary summary) throws SQLException, IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        json.writeStartObject();
        json.writeStringField("record", "header");
        json.writeStringField("format", "callback-console-audit-export");
        json.writeObjectFieldStart("filter");
        writeNullable(json, "from", filter.from() == null ? null : filter.from().toString());
        writeNullable(json, "to", filter.to() == null ? null : filter.to().toString());
        writeNullable(json, "pipeline", filter.pipeline());
        writeNullable(json, "operator", filter.operator());
        writeNullable(json, "action", filter.action());
        writeNullable(json, "outcome", filter.outcome());
        writeNullable(json, "text", filter.text());
        json.writeEndObject();
        json.writeStringField("filterDescription", filter.describe());
        json.writeStringField("sort", sort.describe());
        json.writeStringField("exportedAt", summary.exportedAt().toString());
        json.writeNumberField("rowCount", summary.rows());
        json.writeObjectFieldStart("chainHead");
        json.writeNumberField("seq", summary.chainHeadSeq());
        json.writeStringField("hash", summary.chainHeadHash());
        json.writeEndObject();
        json.writeEndObject();
        AuditColumn[] columns = AuditColumn.values();
        while (rows.next()) {
            json.writeStartObject();
            for (int i = 0; i < columns.length; i++) {
                AuditColumn column = columns[i];
                if (column == AuditColumn.SEQ || column == AuditColumn.INTENT_SEQ) {
                    long number = rows.getLong(i + 1);
                    if (rows.wasNull()) {
                        json.writeNullField(column.sqlName());
                    } else {
                        json.writeNumberField(column.sqlName(), number);
                    }
                } else {
                    writeNullable(json, column.sqlName(), rows.getString(i + 1));
                }
            }
            json.writeEndObject();
        }
        json.flush();
        out.write('\n');
    }

    private static void writeNullable(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }
}
