package io.callbackconsole.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Writes exports of the history: the raw events (one record per intent or outcome row) or the decisions (one record
 * per intent, with its latest outcome and attempts), as CSV or JSON Lines. Each starts with a header that states the
 * filter, the sort, the export time, the record count and the chain head (seq and hash of the newest row of the whole
 * history), all read in the same read transaction as the records, so an auditor can verify the file against the
 * chain. Streams: a few chunks of rows in memory, whatever their number.
 *
 * <p>Both formats take each value as the UTF-8 bytes SQLite holds (ResultSet.getBytes gives a TEXT value's bytes, an
 * INTEGER's decimal text, null for NULL) and escape on bytes: decoding 26 columns a row into Strings and encoding
 * them again cost more than reading them. A value that is not valid UTF-8 (never written by the console) is so
 * copied as it is instead of being replaced by U+FFFD.
 */
final class AuditExporter {
    static final String EVENTS_FORMAT = "callback-console-audit-export";
    static final String DECISIONS_FORMAT = "callback-console-decision-export";
    private static final JsonFactory JSON = new JsonFactory();
    /**
     * Decisions from which a team history's decision export reads each decision's outcomes with one probe
     * ({@link DecisionQueries#exportSelectOfMany}) rather than three: below it the difference is a few milliseconds.
     */
    static final long MANY_DECISIONS = 10_000;

    /**
     * A second reading connection on the same file, for exports that read on two (see {@link ExportRowStream}); null
     * where exports read on one (a team history, whose server does the reading).
     */
    @FunctionalInterface
    interface Readers {
        Connection open();
    }

    private final Readers readers;
    private final int chunkRows;
    /** Whether a team history's rows are read with COPY (false: through a cursor, as tests compare against). */
    private final boolean copyFromServer;

    /** From how many decisions a team history's decision export sums up all outcomes in one pass. */
    private final long manyDecisions;

    AuditExporter(Readers readers, int chunkRows) {
        this(readers, chunkRows, true, MANY_DECISIONS);
    }

    AuditExporter(Readers readers, int chunkRows, boolean copyFromServer, long manyDecisions) {
        this.readers = readers;
        this.chunkRows = chunkRows;
        this.copyFromServer = copyFromServer;
        this.manyDecisions = manyDecisions;
    }

    /** Raw events; call inside a read transaction on {@code c}. */
    ExportSummary exportEvents(Connection c, EventQueries queries, AuditFilter filter, AuditSort sort,
                               ExportFormat format, OutputStream out, Instant exportedAt)
            throws SQLException, IOException {
        long rowCount = queries.count(c, filter);
        ExportSummary summary = summary(c, format, rowCount, exportedAt);
        Header header = new Header(EVENTS_FORMAT, filter, sort.describe(), summary);
        List<String> names = Arrays.stream(AuditColumn.values()).map(AuditColumn::sqlName).toList();
        boolean[] numeric = new boolean[names.size()];
        numeric[AuditColumn.SEQ.ordinal()] = true;
        numeric[AuditColumn.INTENT_SEQ.ordinal()] = true;
        writeHeader(out, format, header, names);
        String select = queries.exportSelect(c, filter, sort);
        AuditWhere where = queries.where(filter);
        ExportRowStream.RowFormat rows = rows(format, names, numeric);
        long copied = copiesFromServer(c) ? copied(c, select, where, rows, out) : -1;
        if (copied >= 0) {
            return finished(out, summary, copied);
        }
        Connection helper = readers != null && rowCount >= 2L * chunkRows ? secondReader(c, select, where, summary.chainHeadSeq()) : null;
        long written = new ExportRowStream(select, where::bind, rows, chunkRows).writeTo(out, c, helper);
        return finished(out, summary, written);
    }

    /** Decisions, one record each with the fields of {@link DecisionColumn}; call inside a read transaction. */
    ExportSummary exportDecisions(Connection c, DecisionQueries queries, AuditFilter filter, DecisionSort sort,
                                  ExportFormat format, OutputStream out, Instant exportedAt)
            throws SQLException, IOException {
        long decisions = queries.count(c, filter);
        ExportSummary summary = summary(c, format, decisions, exportedAt);
        Header header = new Header(DECISIONS_FORMAT, filter, sort.describe(), summary);
        List<String> names = Arrays.stream(DecisionColumn.values()).map(DecisionColumn::exportName).toList();
        boolean[] numeric = new boolean[names.size()];
        for (DecisionColumn column : DecisionColumn.values()) {
            numeric[column.ordinal()] = column.numeric();
        }
        writeHeader(out, format, header, names);
        AuditWhere where = queries.where(filter);
        ExportRowStream.RowFormat rows = rows(format, names, numeric);
        boolean copies = copiesFromServer(c);
        String select = copies && decisions >= manyDecisions ? queries.exportSelectOfMany(filter, sort)
                : queries.exportSelect(filter, sort);
        long copied = copies ? copied(c, select, where, rows, out) : -1;
        if (copied >= 0) {
            return finished(out, summary, copied);
        }
        // One reader: each decision's look-ups are cheap beside formatting, and no second snapshot is needed.
        long written = new ExportRowStream(select, where::bind, rows, chunkRows).writeTo(out, c, null);
        return finished(out, summary, written);
    }

    /** Whether this export reads its rows with COPY ({@link PostgresCopyOut}): on a team history that allows it. */
    private boolean copiesFromServer(Connection c) throws SQLException {
        return copyFromServer && PostgresCopyOut.serves(c);
    }

    /**
     * The rows of the query through COPY, in the caller's read transaction, formatted on this thread; -1 having
     * written nothing when COPY cannot read the query's columns.
     */
    private static long copied(Connection c, String select, AuditWhere where, ExportRowStream.RowFormat format,
                               OutputStream out) throws SQLException, IOException {
        ExportRowStream.RowWriter writer = format.writingTo(out);
        long written = PostgresCopyOut.copy(c, select, where.parameters(), writer);
        writer.flush();
        return written;
    }

    private static ExportSummary finished(OutputStream out, ExportSummary summary, long written) throws IOException {
        if (written != summary.rows()) {
            throw new IllegalStateException("The export wrote " + written + " records but counted "
                    + summary.rows() + "; the file is incomplete.");
        }
        out.flush();
        return summary;
    }

    private static ExportSummary summary(Connection c, ExportFormat format, long records, Instant exportedAt)
            throws SQLException {
        long headSeq = 0;
        String headHash = AuditChain.GENESIS;
        try (Statement s = c.createStatement();
             ResultSet head = s.executeQuery("SELECT seq, hash FROM submission_event ORDER BY seq DESC LIMIT 1")) {
            if (head.next()) {
                headSeq = head.getLong(1);
                headHash = head.getString(2);
            }
        }
        return new ExportSummary(format, records, exportedAt, headSeq, headHash);
    }

    /**
     * A second connection for an export, in a read transaction on the same rows as {@code c}, or null when two would
     * not help. Rows are never changed or deleted, so two transactions that see the same newest row see the same
     * rows; if one was added between the two, the export reads on one connection.
     */
    private Connection secondReader(Connection c, String select, AuditWhere where, long headSeq) throws SQLException {
        // A sort that no index serves would run on both connections: twice the work for the same rows.
        try (PreparedStatement plan = c.prepareStatement("EXPLAIN QUERY PLAN " + select)) {
            where.bind(plan);
            try (ResultSet steps = plan.executeQuery()) {
                while (steps.next()) {
                    if (steps.getString("detail").contains("TEMP B-TREE")) {
                        return null;
                    }
                }
            }
        }
        Connection helper = readers.open();
        try (Statement s = helper.createStatement()) {
            s.execute("BEGIN");
            try (ResultSet head = s.executeQuery("SELECT seq FROM submission_event ORDER BY seq DESC LIMIT 1")) {
                if (head.next() && head.getLong(1) == headSeq) {
                    return helper;
                }
            }
        } catch (SQLException | RuntimeException e) {
            HistoryConnections.closeQuietly(helper);
            throw e;
        }
        HistoryConnections.closeQuietly(helper);
        return null;
    }

    // --- headers -------------------------------------------------------------------------------------------------

    /** What the first record of an export states. */
    private record Header(String formatName, AuditFilter filter, String sort, ExportSummary summary) {
    }

    private static void writeHeader(OutputStream out, ExportFormat format, Header header, List<String> names)
            throws IOException {
        if (format == ExportFormat.CSV) {
            writeCsvHeader(out, header, names);
        } else {
            writeJsonLinesHeader(out, header);
        }
    }

    private static void writeCsvHeader(OutputStream stream, Header header, List<String> names) throws IOException {
        CsvOutput out = new CsvOutput(stream);
        ExportSummary summary = header.summary();
        // Line 1 states what this file is; line 2 names the columns; then the records.
        out.record(List.of("#" + header.formatName(), "filter=" + header.filter().describe(),
                "sort=" + header.sort(), "exported_at=" + summary.exportedAt(), "row_count=" + summary.rows(),
                "chain_head_seq=" + summary.chainHeadSeq(), "chain_head_hash=" + summary.chainHeadHash(),
                CsvOutput.FORMULA_CELLS));
        out.record(names);
        out.flush();
    }

    /** The header object, then a line end; each record then is an object and a line end. */
    private static void writeJsonLinesHeader(OutputStream out, Header header) throws IOException {
        AuditFilter filter = header.filter();
        ExportSummary summary = header.summary();
        JsonGenerator json = jsonLinesGenerator(out);
        json.writeStartObject();
        json.writeStringField("record", "header");
        json.writeStringField("format", header.formatName());
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
        json.writeStringField("sort", header.sort());
        json.writeStringField("exportedAt", summary.exportedAt().toString());
        json.writeNumberField("rowCount", summary.rows());
        json.writeObjectFieldStart("chainHead");
        json.writeNumberField("seq", summary.chainHeadSeq());
        json.writeStringField("hash", summary.chainHeadHash());
        json.writeEndObject();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    // --- records -------------------------------------------------------------------------------------------------

    private static ExportRowStream.RowFormat rows(ExportFormat format, List<String> names, boolean[] numeric) {
        return format == ExportFormat.CSV ? stream -> csvRows(stream, names.size())
                : stream -> jsonLinesRows(stream, names, numeric);
    }

    private static ExportRowStream.RowWriter csvRows(OutputStream stream, int width) {
        CsvOutput out = new CsvOutput(stream);
        return new ExportRowStream.RowWriter() {
            @Override
            public void row(ExportRowStream.Row row) throws SQLException, IOException {
                for (int i = 1; i <= width; i++) {
                    out.field(row.bytes(i));
                }
                out.endRecord();
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    private static ExportRowStream.RowWriter jsonLinesRows(OutputStream out, List<String> fieldNames,
                                                           boolean[] numeric) throws IOException {
        JsonGenerator json = jsonLinesGenerator(out);
        SerializedString[] names = fieldNames.stream().map(SerializedString::new).toArray(SerializedString[]::new);
        return new ExportRowStream.RowWriter() {
            @Override
            public void row(ExportRowStream.Row row) throws SQLException, IOException {
                json.writeStartObject();
                for (int i = 0; i < names.length; i++) {
                    json.writeFieldName(names[i]);
                    if (numeric[i]) {
                        Long number = row.number(i + 1);
                        if (number == null) {
                            json.writeNull();
                        } else {
                            json.writeNumber(number.longValue());
                        }
                    } else {
                        byte[] utf8 = row.bytes(i + 1);
                        if (utf8 == null) {
                            json.writeNull();
                        } else {
                            json.writeUTF8String(utf8, 0, utf8.length);
                        }
                    }
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }

            @Override
            public void flush() throws IOException {
                json.flush();
            }
        };
    }

    private static JsonGenerator jsonLinesGenerator(OutputStream out) throws IOException {
        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        // Line ends are written after each object: no separator of Jackson's own between them (by default a space).
        json.setPrettyPrinter(new MinimalPrettyPrinter(""));
        return json;
    }

    private static void writeNullable(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }
}
