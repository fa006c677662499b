package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A team history's exports read their rows with COPY ({@link PostgresCopyOut}); they must write exactly the bytes the
 * cursor path wrote before, for every kind, format, filter and order: compared in one snapshot on rows with values
 * chosen to trip COPY's text format and the CSV and JSON escaping (quotes, commas, TAB, CR, LF, backslashes and the
 * control characters COPY escapes, non-ASCII, empty and NULL, a value far longer than any buffer), and filters whose
 * values would break an SQL literal written carelessly.
 */
class TeamHistoryCopyExportTest {
    private static final Instant EXPORTED_AT = Instant.parse("2025-04-01T00:00:00Z");
    private static final String[] AWKWARD = {
            "plain",
            "comma, inside",
            "\"quoted\" and \"\"doubled\"\"",
            "line\nbreak",
            "carriage\rreturn",
            "crlf\r\nin the middle\r\n",
            "tab\there\tand there",
            "backslash \\ and \\N and \\\\ and a trailing one \\",
            "\\N",
            "\\",
            "bell \u0007, backspace \b, form feed \f, vertical tab \u000B, escape \u001B, delete \u007F",
            "ünïcödé — 漢字 and 🚀 emoji, with a comma",
            "=cmd|' /C calc'!A0",
            "'; DROP TABLE submission_event; --",
            "it's",
            "?",
            "",
            " leading and trailing spaces ",
            "x".repeat(70_000) + "\"\t\\" + "é".repeat(20_000) + ",\n",
    };

    private static String database;

    @BeforeAll
    static void fill() throws SQLException {
        database = TestPostgres.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        PostgresDialect dialect = dialect();
        try (Connection c = TestPostgres.superuserOn(database)) {
            dialect.beginWrite(c);
            try (JournalRows.Appending journal = new JournalRows().appending(c, dialect)) {
                for (int i = 0; i < AWKWARD.length; i++) {
                    String value = AWKWARD[i];
                    Map<String, Object> intent = new LinkedHashMap<>();
                    intent.put("recorded_at", String.format("2025-03-01T09:%02d:00.000Z", i));
                    intent.put("kind", "INTENT");
                    intent.put("client_request_token", "request-" + i + "-0123456789abcdefghijklmnopqrstuv");
                    intent.put("action", "FAIL");
                    intent.put("callback_token", String.format("Awkward%03d", i));
                    intent.put("pipeline_name", i % 3 == 0 ? null : value);
                    intent.put("step_name", value);
                    intent.put("reason", value);
                    intent.put("operator", i % 2 == 0 ? "alice" : value);
                    intent.put("profile", i % 4 == 0 ? null : value);
                    intent.put("connection", "sandbox");
                    intent.put("console_version", SampleSubmissions.CONSOLE_VERSION);
                    long intentSeq = journal.append(intent);
                    // Some decisions answered twice (a retry after UNKNOWN), some given up: attempts and seqs vary.
                    List<String[]> outcomes = i % 4 == 0 ? List.<String[]>of(new String[] {"UNKNOWN", "ServiceUnavailable"},
                            new String[] {"REFUSED", "ValidationException"})
                            : i % 4 == 2 ? List.<String[]>of(new String[] {"UNKNOWN", "GaveUp"}) : List.<String[]>of();
                    int attempt = 0;
                    for (String[] kind : outcomes) {
                        Map<String, Object> outcome = new LinkedHashMap<>();
                        outcome.put("recorded_at", String.format("2025-03-01T09:%02d:%02d.000Z", i, 30 + attempt++));
                        outcome.put("kind", "OUTCOME");
                        outcome.put("intent_seq", intentSeq);
                        outcome.put("client_request_token", intent.get("client_request_token"));
                        outcome.put("action", "FAIL");
                        outcome.put("callback_token", intent.get("callback_token"));
                        outcome.put("pipeline_name", intent.get("pipeline_name"));
                        outcome.put("operator", "bob");
                        outcome.put("connection", "sandbox");
                        outcome.put("console_version", SampleSubmissions.CONSOLE_VERSION);
                        outcome.put("outcome", kind[0]);
                        outcome.put("error_code", kind[1]);
                        outcome.put("error_message", value);
                        outcome.put("explanation", value.isEmpty() ? "empty" : value);
                        journal.append(outcome);
                    }
                }
            }
            dialect.commit(c);
        }
    }

    @Test
    void everyExportThroughCopyIsByteForByteWhatTheCursorWrote() throws Exception {
        int compared = 0;
        for (AuditFilter filter : filters()) {
            for (ExportFormat format : ExportFormat.values()) {
                for (AuditSort sort : List.of(AuditSort.NEWEST_FIRST, new AuditSort(AuditColumn.REASON, true),
                        new AuditSort(AuditColumn.SEQ, true))) {
                    byte[] cursor = events(false, filter, sort, format);
                    assertThat(asText(events(true, filter, sort, format))).as("events, %s, %s, %s", format,
                            filter.describe(), sort.describe()).isEqualTo(asText(cursor));
                    compared += cursor.length;
                }
                for (DecisionSort sort : List.of(DecisionSort.NEWEST_FIRST,
                        new DecisionSort(DecisionColumn.REASON, false), new DecisionSort(DecisionColumn.ATTEMPTS, true),
                        new DecisionSort(DecisionColumn.EVENT_SEQS, false))) {
                    byte[] cursor = decisions(false, AuditExporter.MANY_DECISIONS, filter, sort, format);
                    for (long many : new long[] {AuditExporter.MANY_DECISIONS, 0}) {
                        assertThat(asText(decisions(true, many, filter, sort, format))).as("decisions, %s, %s, %s,"
                                + " summed up from %d", format, filter.describe(), sort.describe(), many)
                                .isEqualTo(asText(cursor));
                    }
                }
            }
        }
        assertThat(compared).as("the exports hold the awkward rows").isGreaterThan(2_000_000);
        // An export of everything holds every row: the comparison is of real rows, not of two empty files.
        assertThat(asText(events(true, AuditFilter.everything(), AuditSort.NEWEST_FIRST, ExportFormat.CSV)))
                .contains("backslash \\ and \\N and \\\\ and a trailing one \\", "tab\there", "\"line\nbreak\"");
    }

    @Test
    void theCopyPathIsTheOneTakenOnTheServer() throws Exception {
        int schema = schema();
        try (Connection c = TestPostgres.superuserOn(database)) {
            assertThat(PostgresCopyOut.serves(c)).isTrue();
            String events = new EventQueries(AuditSql.POSTGRES, schema, new TextMatchProbe(AuditSql.POSTGRES))
                    .exportSelect(c, AuditFilter.everything(), AuditSort.NEWEST_FIRST);
            String decisions = new DecisionQueries(AuditSql.POSTGRES, schema, new TextMatchProbe(AuditSql.POSTGRES))
                    .exportSelect(AuditFilter.everything(), DecisionSort.NEWEST_FIRST);
            // Every column is one COPY's binary rows are read in, so neither export falls back to the cursor.
            assertThat(PostgresCopyOut.columnsReadable(c, events)).contains("int8", "text");
            assertThat(PostgresCopyOut.columnsReadable(c, decisions)).contains("int8", "text");
        }
    }

    @Test
    void filterValuesBecomeLiteralsThatStayLiterals() throws Exception {
        assertThat(PostgresCopyOut.inlined("SELECT 1 WHERE a = ? AND b = '?' AND c = ?",
                List.of("it's", "x\\y"))).isEqualTo("SELECT 1 WHERE a = 'it''s' AND b = '?' AND c = 'x\\y'");
        assertThatThrownBy(() -> PostgresCopyOut.inlined("SELECT ?", List.of("a\0b")))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> PostgresCopyOut.inlined("SELECT ?, ?", List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresCopyOut.inlined("SELECT ?", List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        // A pipeline named like an injection matches exactly the row with that name, through COPY too.
        String injection = "'; DROP TABLE submission_event; --";
        AuditFilter named = new AuditFilter(null, null, injection, null, null, null, null);
        assertThat(asText(events(true, named, AuditSort.NEWEST_FIRST, ExportFormat.CSV)))
                .contains("row_count=1,").contains(injection);
    }

    private static List<AuditFilter> filters() {
        List<AuditFilter> filters = new ArrayList<>();
        filters.add(AuditFilter.everything());
        filters.add(AuditFilter.everything().withText("comma"));
        filters.add(AuditFilter.everything().withText("backslash"));
        filters.add(new AuditFilter(null, null, "it's", null, null, null, null));
        filters.add(new AuditFilter(null, null, "backslash \\ and \\N and \\\\ and a trailing one \\", null, null, null,
                null));
        filters.add(new AuditFilter(null, null, null, "tab\there\tand there", null, null, null));
        filters.add(new AuditFilter(Instant.parse("2025-03-01T09:03:00Z"), Instant.parse("2025-03-01T09:11:00Z"),
                null, null, "FAIL", null, null));
        filters.add(new AuditFilter(null, null, null, null, null, "REFUSED", null));
        return filters;
    }

    private static byte[] events(boolean copy, AuditFilter filter, AuditSort sort, ExportFormat format)
            throws SQLException {
        EventQueries queries = new EventQueries(AuditSql.POSTGRES, schema(), new TextMatchProbe(AuditSql.POSTGRES));
        return inSnapshot((c, out) -> new AuditExporter(null, 1_000, copy, AuditExporter.MANY_DECISIONS).exportEvents(c, queries, filter, sort,
                format, out, EXPORTED_AT));
    }

    /** @param many from how many decisions the export sums up every outcome in one pass (0: always) */
    private static byte[] decisions(boolean copy, long many, AuditFilter filter, DecisionSort sort,
                                    ExportFormat format) throws SQLException {
        DecisionQueries queries = new DecisionQueries(AuditSql.POSTGRES, schema(),
                new TextMatchProbe(AuditSql.POSTGRES));
        return inSnapshot((c, out) -> new AuditExporter(null, 1_000, copy, many).exportDecisions(c, queries, filter, sort,
                format, out, EXPORTED_AT));
    }

    @FunctionalInterface
    private interface ExportWork {
        void write(Connection c, OutputStream out) throws SQLException, IOException;
    }

    /** The export in a read snapshot of its own, as {@link AuditLog} runs it; its bytes. */
    private static byte[] inSnapshot(ExportWork work) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection c = TestPostgres.superuserOn(database)) {
            dialect().inReadSnapshot(c, snapshot -> {
                try {
                    work.write(snapshot, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        }
        return out.toByteArray();
    }

    private static PostgresDialect dialect() {
        return new PostgresDialect(TeamHistories.location(database, TestPostgres.SUPERUSER), TestPostgres.SUPERUSER);
    }

    private static int schema() {
        return HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS);
    }

    private static String asText(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
