package io.callbackconsole.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.sqlite.SQLiteConfig;

/**
 * The auditor's side of the history: filtered, sorted, windowed reads; streamed exports; verification of the hash
 * chain. It reads through its own connections (never writing: {@code query_only}), so a long export or verify runs
 * beside submissions instead of holding them up (the file is in WAL mode). Blocking: never call from the FX thread.
 */
public final class AuditLog implements AutoCloseable {
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = String.join(", ",
            java.util.Arrays.stream(AuditColumn.values()).map(AuditColumn::sqlName).toList());
    private static final int MAX_PAGE = 10_000;
    private static final int MIN_SCHEMA = 2;

    private final Path databaseFile;
    private final HistoryStore.Options options;
    private Connection reader; // for windowed queries; null once closed

    private AuditLog(Path databaseFile, HistoryStore.Options options, Connection reader) {
        this.databaseFile = databaseFile;
        this.options = options;
        this.reader = reader;
    }

    /**
     * Opens the history for reading. The file must exist and have been opened (migrated) by this console at least
     * once; it is never changed here.
     */
    public static AuditLog open(Path databaseFile) {
        return open(databaseFile, HistoryStore.Options.defaults());
    }

    public static AuditLog open(Path databaseFile, HistoryStore.Options options) {
        Path file = databaseFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new HistoryUnavailableException(Problem.CANNOT_OPEN, file, "There is no history database at " + file
                    + " to read. Check the path, or choose another data directory with --data-dir.", null);
        }
        Connection c = connect(file, options);
        return new AuditLog(file, options, c);
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /** How many rows match. */
    public synchronized long count(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        try {
            return count(reader(), filter);
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "counting audit rows (" + filter.describe() + ")", e);
        }
    }

    /** Rows {@code offset} to {@code offset + limit - 1} of the matching rows in the given order. */
    public synchronized List<AuditRecord> page(AuditFilter filter, AuditSort sort, long offset, int limit) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        if (offset < 0 || limit < 0 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("A page starts at 0 or later and holds 0 to " + MAX_PAGE
                    + " rows; got offset " + offset + ", limit " + limit + ".");
        }
        Where where = where(filter);
        String sql = "SELECT " + COLUMNS + " FROM submission_event" + where.sql + " ORDER BY " + sort.orderBy()
                + " LIMIT ? OFFSET ?";
        try (PreparedStatement select = reader().prepareStatement(sql)) {
            int next = where.bind(select);
            select.setInt(next, limit);
            select.setLong(next + 1, offset);
            List<AuditRecord> records = new ArrayList<>(limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    records.add(recordFrom(rows));
                }
            }
            return records;
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "reading audit rows (" + filter.describe() + ")", e);
        }
    }

    /** The distinct values of a column (for filter choices), sorted; nulls left out. */
    public synchronized List<String> distinctValues(AuditColumn column) {
        Objects.requireNonNull(column, "column");
        List<String> values = new ArrayList<>();
        try (Statement s = reader().createStatement();
             ResultSet rows = s.executeQuery("SELECT DISTINCT " + column.sqlName() + " FROM submission_event WHERE "
                     + column.sqlName() + " IS NOT NULL ORDER BY 1")) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "listing the values of " + column.sqlName(), e);
        }
    }

    /** Walks the whole hash chain on a connection of its own. Easy to call from a command: open, verify, close. */
    public ChainVerification verify() {
        try (Connection c = connect(databaseFile, options); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            try {
                return ChainVerifier.verify(c);
            } finally {
                s.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "verifying the hash chain", e);
        }
    }

    /**
     * Writes exactly the rows the filter matches, in the given order, streaming them from SQLite to {@code out}
     * (nothing but the current row is held in memory). The header states the filter, the export time, the row
     * count and the chain head, all read in the same transaction as the rows. {@code out} is flushed, not closed.
     */
    public ExportSummary export(AuditFilter filter, AuditSort sort, ExportFormat format, OutputStream out,
                                Instant exportedAt) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(exportedAt, "exportedAt");
        try (Connection c = connect(databaseFile, options); Statement s = c.createStatement()) {
            s.execute("BEGIN");
            try {
                long rowCount = count(c, filter);
                long headSeq = 0;
                String headHash = AuditChain.GENESIS;
                try (ResultSet head = s.executeQuery("SELECT seq, hash FROM submission_event ORDER BY seq DESC LIMIT 1")) {
                    if (head.next()) {
                        headSeq = head.getLong(1);
                        headHash = head.getString(2);
                    }
                }
                ExportSummary summary = new ExportSummary(format, rowCount, exportedAt, headSeq, headHash);
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
                Where where = where(filter);
                try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM submission_event"
                        + where.sql + " ORDER BY " + sort.orderBy())) {
                    where.bind(select);
                    select.setFetchSize(1000);
                    try (ResultSet rows = select.executeQuery()) {
                        long written = format == ExportFormat.CSV
                                ? writeCsv(writer, rows, filter, sort, summary)
                                : writeJsonLines(writer, rows, filter, sort, summary);
                        if (written != rowCount) {
                            throw new IllegalStateException("The export wrote " + written + " rows but counted "
                                    + rowCount + "; the file is incomplete.");
                        }
                    }
                }
                writer.flush();
                return summary;
            } finally {
                s.execute("COMMIT");
            }
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "exporting audit rows (" + filter.describe() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the export: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (reader == null) {
            return;
        }
        try {
            reader.close();
        } catch (SQLException e) {
            throw SqliteFailures.translate(databaseFile, "closing it", e);
        } finally {
            reader = null;
        }
    }

    // --- SQL -----------------------------------------------------------------------------------------------------

    /** A WHERE clause and its parameters, built only from fixed text so no filter value reaches the SQL itself. */
    private record Where(String sql, List<Object> parameters) {
        int bind(PreparedStatement statement) throws SQLException {
            int i = 1;
            for (Object parameter : parameters) {
                statement.setObject(i++, parameter);
            }
            return i;
        }
    }

    private static Where where(AuditFilter filter) {
        StringJoiner conditions = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        List<Object> parameters = new ArrayList<>();
        if (filter.from() != null) {
            conditions.add("recorded_at >= ?");
            parameters.add(RECORDED_AT.format(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("recorded_at < ?");
            parameters.add(RECORDED_AT.format(filter.to()));
        }
        if (filter.pipeline() != null) {
            conditions.add("pipeline_name = ?");
            parameters.add(filter.pipeline());
        }
        if (filter.operator() != null) {
            conditions.add("operator = ?");
            parameters.add(filter.operator());
        }
        if (filter.action() != null) {
            conditions.add("action = ?");
            parameters.add(filter.action());
        }
        if (filter.outcome() != null) {
            conditions.add("outcome = ?");
            parameters.add(filter.outcome());
        }
        if (filter.text() != null) {
            conditions.add("seq IN (SELECT rowid FROM submission_event_fts WHERE submission_event_fts MATCH ?)");
            parameters.add(filter.ftsQuery());
        }
        return new Where(conditions.toString(), parameters);
    }

    private static long count(Connection c, AuditFilter filter) throws SQLException {
        Where where = where(filter);
        try (PreparedStatement select = c.prepareStatement("SELECT count(*) FROM submission_event" + where.sql)) {
            where.bind(select);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static AuditRecord recordFrom(ResultSet rows) throws SQLException {
        AuditColumn[] columns = AuditColumn.values();
        String[] values = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            values[i] = rows.getString(i + 1);
        }
        return new AuditRecord(values);
    }

    // --- export formats ------------------------------------------------------------------------------------------

    private static long writeCsv(Writer out, ResultSet rows, AuditFilter filter, AuditSort sort, ExportSummary summary)
            throws SQLException, IOException {
        // Line 1 states what this file is; line 2 names the columns; then the rows.
        writeCsvRecord(out, List.of("#callback-console-audit-export", "filter=" + filter.describe(),
                "sort=" + sort.describe(), "exported_at=" + summary.exportedAt(), "row_count=" + summary.rows(),
                "chain_head_seq=" + summary.chainHeadSeq(), "chain_head_hash=" + summary.chainHeadHash()));
        List<String> names = new ArrayList<>();
        for (AuditColumn column : AuditColumn.values()) {
            names.add(column.sqlName());
        }
        writeCsvRecord(out, names);
        int width = AuditColumn.values().length;
        long written = 0;
        while (rows.next()) {
            for (int i = 1; i <= width; i++) {
                if (i > 1) {
                    out.write(',');
                }
                writeCsvField(out, rows.getString(i));
            }
            out.write("\r\n");
            written++;
        }
        return written;
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

    /** RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled; NULL is an empty field. */
    static void writeCsvField(Writer out, String value) throws IOException {
        if (value == null) {
            return;
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

    private static long writeJsonLines(Writer out, ResultSet rows, AuditFilter filter, AuditSort sort,
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
        long written = 0;
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
            written++;
        }
        json.flush();
        out.write('\n');
        return written;
    }

    private static void writeNullable(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    // --- connections ---------------------------------------------------------------------------------------------

    private Connection reader() {
        if (reader == null) {
            throw new IllegalStateException("The audit log of " + databaseFile + " is closed.");
        }
        return reader;
    }

    private static Connection connect(Path file, HistoryStore.Options options) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        Connection c;
        try {
            c = config.createConnection("jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw SqliteFailures.translate(file, "opening it for reading", e);
        }
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
            int version;
            try (ResultSet rows = s.executeQuery("PRAGMA user_version")) {
                version = rows.next() ? rows.getInt(1) : 0;
            }
            int latest = HistorySchema.latestVersion(HistorySchema.MIGRATIONS);
            if (version > latest) {
                throw new HistoryUnavailableException(Problem.NEWER_SCHEMA, file, "The history database " + file
                        + " was written by a newer Callback Console (schema version " + version + "; this one knows up"
                        + " to " + latest + "). Use the newer console to read it.", null);
            }
            if (version < MIN_SCHEMA) {
                throw new HistoryUnavailableException(Problem.NOT_A_HISTORY, file, "The history database " + file
                        + " has schema version " + version + ", older than the audit view reads (" + MIN_SCHEMA
                        + "). Open it once with this console (it migrates at start), then read it again.", null);
            }
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqliteFailures.translate(file, "opening it for reading", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // The failure that made us close it is what gets reported.
        }
    }
}
