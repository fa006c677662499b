package io.callbackconsole.history;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The auditor's side of the history: filtered, sorted, windowed reads; streamed exports; verification of the hash
 * chain. It reads through its own connections (never writing: {@code query_only}), so a long export or verify runs
 * beside submissions instead of holding them up (the file is in WAL mode). Blocking: never call from the FX thread.
 */
public final class AuditLog implements AutoCloseable {
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Columns migration 4 added: a file this console has not migrated yet reads them as empty. */
    private static final List<AuditColumn> CONNECTION_IDENTITY = List.of(AuditColumn.CONNECTION_ACCOUNT,
            AuditColumn.CONNECTION_REGION, AuditColumn.CONNECTION_ENDPOINT);
    private static final int CONNECTION_IDENTITY_SCHEMA = 4;
    private static final int MAX_PAGE = 10_000;
    private static final int MIN_SCHEMA = 2;
    private static final JsonFactory JSON = new JsonFactory();
    /** Rows an export reader formats before the other takes over (see {@link ExportRowStream}); ~0.5 MiB of CSV. */
    private static final int EXPORT_CHUNK_ROWS = 1_000;
    private static final int CACHE_KIB = 32 * 1024;
    /**
     * From this many free-text matches on, walking the time index for a page beats sorting the matches: at 1 000 000
     * rows both cost ~5 ms at 2 000 matches; at 90 000 matches the sort costs 240 ms, the walk 13 ms.
     */
    private static final int MANY_TEXT_MATCHES = 2_000;
    /**
     * How many matches a view counts (with {@link #countUpTo}) before it shows the first rows; it counts the rest
     * with {@link #count} afterwards. A common word matches a hundred thousand rows of a large history, and counting
     * them all takes longer than a search may. The same number as {@link #MANY_TEXT_MATCHES}, so the first count of
     * a text search also settles how its pages are read.
     */
    public static final long ROWS_COUNTED_FIRST = MANY_TEXT_MATCHES;

    private final Path databaseFile;
    private final HistoryStore.Options options;
    /** Every audit column, in {@link AuditColumn} order, as a select list for this file's schema. */
    private final String columns;
    private Connection reader; // for windowed queries; null once closed
    private final Object countLock = new Object();
    private Connection counter; // for exact counts, opened on the first; guarded by countLock
    private String lastTextProbed; // see manyTextMatchesForPages
    private boolean lastTextHasMany;

    private AuditLog(Path databaseFile, HistoryStore.Options options, Connection reader, int schemaVersion) {
        this.databaseFile = databaseFile;
        this.options = options;
        this.reader = reader;
        this.columns = String.join(", ", Arrays.stream(AuditColumn.values())
                .map(column -> schemaVersion < CONNECTION_IDENTITY_SCHEMA && CONNECTION_IDENTITY.contains(column)
                        ? "NULL AS " + column.sqlName() : column.sqlName())
                .toList());
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
        try {
            return new AuditLog(file, options, c, HistoryConnections.schemaVersion(c));
        } catch (SQLException e) {
            closeQuietly(c);
            throw SqliteFailures.translate(file, "opening it for reading", e);
        }
    }

    public Path databaseFile() {
        return databaseFile;
    }

    /**
     * How many rows match, exactly. Counting every match costs one row look-up per match (tens of milliseconds for a
     * common word in a million rows), so it runs on a connection of its own: a count left running in the background
     * never holds up {@link #page} or {@link #countUpTo}.
     */
    public long count(AuditFilter filter) {
        Objects.requireNonNull(filter, "filter");
        synchronized (countLock) {
            try {
                if (counter == null) {
                    synchronized (this) {
                        reader(); // refuses once closed
                    }
                    counter = connect(databaseFile, options);
                }
                return count(counter, filter);
            } catch (SQLException e) {
                throw SqliteFailures.translate(databaseFile, "counting audit rows (" + filter.describe() + ")", e);
            }
        }
    }

    /**
     * How many rows match, counting no further than {@code limit}: the exact count when it is below {@code limit},
     * otherwise {@code limit}. Costs at most {@code limit} matches, however many there are, so a view can show its
     * first rows at once and {@link #count} the rest afterwards. Counting a text search to 2 000 or beyond also
     * settles how its pages are read (see {@code rowSource}).
     */
    public synchronized long countUpTo(AuditFilter filter, long limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 0) {
            throw new IllegalArgumentException("A count limit is 0 or more; got " + limit + ".");
        }
        Where where = where(filter);
        // A text-only filter counts by walking the FTS matches and stops at the limit; the general form below first
        // gathers every match into a list, which for a common word costs more than the count itself.
        boolean textOnly = filter.isTextOnly();
        String matches = textOnly
                ? "SELECT 1 FROM submission_event_fts JOIN submission_event ON seq = submission_event_fts.rowid"
                        + " WHERE submission_event_fts MATCH ?"
                : "SELECT 1 FROM submission_event" + where.sql;
        try (PreparedStatement select = reader().prepareStatement("SELECT count(*) FROM (" + matches + " LIMIT ?)")) {
            int next = 1;
            if (textOnly) {
                select.setString(next++, filter.ftsQuery());
            } else {
                next = where.bind(select);
            }
            select.setLong(next, limit);
            long counted;
            try (ResultSet rows = select.executeQuery()) {
                counted = rows.next() ? rows.getLong(1) : 0;
            }
            if (textOnly && (counted < limit || counted >= MANY_TEXT_MATCHES)) {
                // The pages of this search will want to know; spares them asking the FTS index again.
                lastTextProbed = filter.ftsQuery();
                lastTextHasMany = counted >= MANY_TEXT_MATCHES;
            }
            return counted;
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
        try (PreparedStatement select = reader().prepareStatement("SELECT " + columns
                + rowSource(filter, sort, this::manyTextMatchesForPages) + where.sql + " ORDER BY " + sort.orderBy()
                + " LIMIT ? OFFSET ?")) {
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
     * (read on two connections at once, see {@link ExportRowStream}; a few chunks of rows in memory, whatever their
     * number). The header states the filter, the export time, the row count and the chain head, all read in the
     * same transaction as the rows. {@code out} is flushed, not closed.
     */
    public ExportSummary export(AuditFilter filter, AuditSort sort, ExportFormat format, OutputStream out,
                                Instant exportedAt) {
        return export(filter, sort, format, out, exportedAt, EXPORT_CHUNK_ROWS);
    }

    /** {@link #export} with chunks of another size, so tests can cover the hand-over of chunks with a few rows. */
    ExportSummary export(AuditFilter filter, AuditSort sort, ExportFormat format, OutputStream out,
                         Instant exportedAt, int chunkRows) {
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
                if (format == ExportFormat.CSV) {
                    writeCsvHeader(out, filter, sort, summary);
                } else {
                    writeJsonLinesHeader(out, filter, sort, summary);
                }
                Where where = where(filter);
                String select = "SELECT " + columns + rowSource(filter, sort, textMatchesOn(c)) + where.sql
                        + " ORDER BY " + sort.orderBy();
                Connection helper = rowCount >= 2L * chunkRows ? secondReader(c, select, where, headSeq) : null;
                long written = new ExportRowStream(select, where::bind,
                        format == ExportFormat.CSV ? AuditLog::csvRows : AuditLog::jsonLinesRows, chunkRows)
                        .writeTo(out, c, helper);
                if (written != rowCount) {
                    throw new IllegalStateException("The export wrote " + written + " rows but counted "
                            + rowCount + "; the file is incomplete.");
                }
                out.flush();
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

    /**
     * A second connection for an export, in a read transaction on the same rows as {@code c}, or null when two would
     * not help. Rows are never changed or deleted, so two transactions that see the same newest row see the same
     * rows; if one was added between the two, the export reads on one connection.
     */
    private Connection secondReader(Connection c, String select, Where where, long headSeq) throws SQLException {
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
        Connection helper = connect(databaseFile, options);
        try (Statement s = helper.createStatement()) {
            s.execute("BEGIN");
            try (ResultSet head = s.executeQuery("SELECT seq FROM submission_event ORDER BY seq DESC LIMIT 1")) {
                if (head.next() && head.getLong(1) == headSeq) {
                    return helper;
                }
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(helper);
            throw e;
        }
        closeQuietly(helper);
        return null;
    }

    @Override
    public void close() {
        synchronized (countLock) {
            synchronized (this) {
                if (reader == null) {
                    return;
                }
                SQLException failure = null;
                for (Connection c : new Connection[] {reader, counter}) {
                    try {
                        if (c != null) {
                            c.close();
                        }
                    } catch (SQLException e) {
                        failure = failure == null ? e : failure; // the first says most; the other is closed anyway
                    }
                }
                reader = null;
                counter = null;
                if (failure != null) {
                    throw SqliteFailures.translate(databaseFile, "closing it", failure);
                }
            }
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

    /**
     * The FROM clause for rows in the given order. SQLite cannot know how many rows a free-text match yields, so it
     * always fetches every match and sorts them: fine for a token (a few rows), but for a common word (a hundred
     * thousand rows) that sort was most of a search. Then walking the time index newest first and keeping the
     * matches is far cheaper: a page needs only a few thousand index entries, and even the last page no more than
     * one pass over the index. Only for a text search ordered by time with no other filter but the time range (the
     * other filters have indexes of their own that serve better).
     */
    private static String rowSource(AuditFilter filter, AuditSort sort, TextMatches matches) throws SQLException {
        boolean onlyTextAndTime = filter.text() != null && filter.pipeline() == null && filter.operator() == null
                && filter.action() == null && filter.outcome() == null;
        boolean walkTimeIndex = sort.column() == AuditColumn.RECORDED_AT && onlyTextAndTime
                && matches.many(filter.ftsQuery());
        return walkTimeIndex ? " FROM submission_event INDEXED BY submission_event_recorded_at"
                : " FROM submission_event";
    }

    /** Whether a free-text query matches many rows (see {@link #MANY_TEXT_MATCHES}). */
    @FunctionalInterface
    private interface TextMatches {
        boolean many(String ftsQuery) throws SQLException;
    }

    /** Asks the FTS index, reading no more than {@link #MANY_TEXT_MATCHES} of its row ids. */
    private static TextMatches textMatchesOn(Connection c) {
        return ftsQuery -> {
            try (PreparedStatement hits = c.prepareStatement("SELECT count(*) FROM (SELECT rowid FROM"
                    + " submission_event_fts WHERE submission_event_fts MATCH ? LIMIT " + MANY_TEXT_MATCHES + ")")) {
                hits.setString(1, ftsQuery);
                try (ResultSet rows = hits.executeQuery()) {
                    return rows.next() && rows.getLong(1) >= MANY_TEXT_MATCHES;
                }
            }
        };
    }

    /**
     * The same for the pages of one search, asked once: a prefix query costs the FTS index a few milliseconds for a
     * common word, and the view asks page after page of the same search. Only a choice of plan hangs on it, so an
     * answer made stale by rows added since costs time at worst, never rows. Guarded by this.
     */
    private boolean manyTextMatchesForPages(String ftsQuery) throws SQLException {
        if (!ftsQuery.equals(lastTextProbed)) {
            lastTextHasMany = textMatchesOn(reader()).many(ftsQuery);
            lastTextProbed = ftsQuery;
        }
        return lastTextHasMany;
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

    /*
     * Both formats take each value as the UTF-8 bytes SQLite holds (ResultSet.getBytes gives a TEXT value's bytes, an
     * INTEGER's decimal text, null for NULL) and escape on bytes: decoding 26 columns a row into Strings and encoding
     * them again cost more than reading them. A value that is not valid UTF-8 (never written by the console) is so
     * copied as it is instead of being replaced by U+FFFD.
     */

    private static void writeCsvHeader(OutputStream stream, AuditFilter filter, AuditSort sort, ExportSummary summary)
            throws IOException {
        CsvOutput out = new CsvOutput(stream);
        // Line 1 states what this file is; line 2 names the columns; then the rows.
        out.record(List.of("#callback-console-audit-export", "filter=" + filter.describe(),
                "sort=" + sort.describe(), "exported_at=" + summary.exportedAt(), "row_count=" + summary.rows(),
                "chain_head_seq=" + summary.chainHeadSeq(), "chain_head_hash=" + summary.chainHeadHash(),
                CsvOutput.FORMULA_CELLS));
        out.record(Arrays.stream(AuditColumn.values()).map(AuditColumn::sqlName).toList());
        out.flush();
    }

    private static ExportRowStream.RowWriter csvRows(OutputStream stream) {
        CsvOutput out = new CsvOutput(stream);
        int width = AuditColumn.values().length;
        return new ExportRowStream.RowWriter() {
            @Override
            public void row(ResultSet rows) throws SQLException, IOException {
                for (int i = 1; i <= width; i++) {
                    out.field(rows.getBytes(i));
                }
                out.endRecord();
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }
        };
    }

    /** The header object, then a line end; each row then is an object and a line end. */
    private static void writeJsonLinesHeader(OutputStream out, AuditFilter filter, AuditSort sort,
                                             ExportSummary summary) throws IOException {
        JsonGenerator json = jsonLinesGenerator(out);
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
        json.writeRaw('\n');
        json.flush();
    }

    private static ExportRowStream.RowWriter jsonLinesRows(OutputStream out) throws IOException {
        JsonGenerator json = jsonLinesGenerator(out);
        AuditColumn[] columns = AuditColumn.values();
        SerializedString[] names = new SerializedString[columns.length];
        for (int i = 0; i < columns.length; i++) {
            names[i] = new SerializedString(columns[i].sqlName());
        }
        return new ExportRowStream.RowWriter() {
            @Override
            public void row(ResultSet rows) throws SQLException, IOException {
                json.writeStartObject();
                for (int i = 0; i < columns.length; i++) {
                    AuditColumn column = columns[i];
                    json.writeFieldName(names[i]);
                    if (column == AuditColumn.SEQ || column == AuditColumn.INTENT_SEQ) {
                        long number = rows.getLong(i + 1);
                        if (rows.wasNull()) {
                            json.writeNull();
                        } else {
                            json.writeNumber(number);
                        }
                    } else {
                        byte[] utf8 = rows.getBytes(i + 1);
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

    // --- connections ---------------------------------------------------------------------------------------------

    private Connection reader() {
        if (reader == null) {
            throw new IllegalStateException("The audit log of " + databaseFile + " is closed.");
        }
        return reader;
    }

    /**
     * A reading connection ({@code query_only}) to a history this console can read: migrated at least to
     * {@value #MIN_SCHEMA}, not from a newer console.
     */
    private static Connection connect(Path file, HistoryStore.Options options) {
        Connection c = HistoryConnections.open(file, options, false, "opening it for reading");
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA query_only = ON");
            // Searches read the same FTS doclists and index pages again and again; SQLite's default 2 MiB cache
            // sent each back to the file system (a third of a common-word search's time under load).
            s.execute("PRAGMA cache_size = -" + CACHE_KIB);
            int version = HistoryConnections.schemaVersion(c);
            HistoryConnections.refuseNewerSchema(file, version, "Use the newer console to read it.");
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
        HistoryConnections.closeQuietly(c);
    }
}
