package io.callbackconsole.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.Utils;

/**
 * Reads the rows of an export query from a team history with {@code COPY (query) TO STDOUT (FORMAT binary)}, in the
 * caller's read transaction (so on its snapshot, with the header's count and chain head). Read through a cursor, the
 * server waited for each fetch of rows and the console for each answer, so neither ran while the other did; COPY
 * streams the rows without a round trip, the server producing while the console formats. The binary format spares
 * the server escaping every value and the console undoing it: a text value comes as its UTF-8 bytes with their
 * length, an integer as 8, 4 or 2 bytes, written here as the decimal digits the driver's {@code getBytes} gives. A
 * query with a column of another type is not read this way ({@link #columnsReadable}).
 *
 * <p>COPY takes no bind parameters, so the query's parameters (the filter's values, all text) are written into it as
 * string literals, quoted as PostgreSQL's own driver quotes them ({@link Utils#escapeLiteral}: quotes doubled, a NUL
 * refused); only on a server with {@code standard_conforming_strings} on, where a backslash in a literal is an
 * ordinary character (the default since PostgreSQL 9.1). JIT compilation is off for the export's transaction: it
 * compiled the decision export's plan for 1.3 s (of 3.5 s at 100 000 decisions) and the plans are index walks with
 * little expression work to speed up.
 */
final class PostgresCopyOut {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final Set<String> READABLE_TYPES = Set.of("text", "varchar", "int8", "int4", "int2");

    private PostgresCopyOut() {
    }

    /** Whether rows of {@code c} can be read this way: a PostgreSQL connection whose literals treat \ as text. */
    static boolean serves(Connection c) throws SQLException {
        if (!c.isWrapperFor(PGConnection.class)) {
            return false;
        }
        try (Statement s = c.createStatement();
             ResultSet setting = s.executeQuery("SELECT current_setting('standard_conforming_strings')")) {
            return setting.next() && "on".equals(setting.getString(1));
        }
    }

    /**
     * The type of each column of the query ({@code int8}, {@code text}, …), asked of the server without running
     * it; null when a column has a type this reader does not turn into the driver's text form.
     */
    static String[] columnsReadable(Connection c, String inlinedSql) throws SQLException {
        try (PreparedStatement describe = c.prepareStatement(inlinedSql)) {
            ResultSetMetaData columns = describe.getMetaData();
            String[] types = new String[columns.getColumnCount()];
            for (int i = 0; i < types.length; i++) {
                types[i] = columns.getColumnTypeName(i + 1);
                if (!READABLE_TYPES.contains(types[i])) {
                    return null;
                }
            }
            return types;
        }
    }
    /** The query with each {@code ?} outside a quoted literal replaced by its parameter as a string literal. */
    static String inlined(String sql, List<Object> parameters) throws SQLException {
        StringBuilder out = new StringBuilder(sql.length() + 32 * parameters.size());
        int next = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            }
            if (ch != '?' || quoted) {
                out.append(ch);
                continue;
            }
            if (next == parameters.size()) {
                throw new IllegalArgumentException("The export query has more parameters than the "
                        + parameters.size() + " given.");
            }
            Object parameter = parameters.get(next++);
            if (!(parameter instanceof String text)) {
                throw new IllegalArgumentException("An export parameter is text; got " + parameter);
            }
            out.append('\'');
            Utils.escapeLiteral(out, text, true);
            out.append('\'');
        }
        if (next != parameters.size()) {
            throw new IllegalArgumentException("The export query has " + next + " parameters; " + parameters.size()
                    + " were given.");
        }
        return out.toString();
    }

    /**
     * Writes every row of the query (with its parameters) to the writer and returns how many, or returns -1 having
     * read nothing when a column's type is not one this reader reads (the caller then reads through a cursor).
     */
    static long copy(Connection c, String sql, List<Object> parameters, ExportRowStream.RowWriter writer)
            throws SQLException, IOException {
        String query = inlined(sql, parameters);
        String[] types = columnsReadable(c, query);
        if (types == null) {
            return -1;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL jit = off");
        }
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + query + ") TO STDOUT (FORMAT binary)");
        long rows = 0;
        try {
            BinaryRow row = new BinaryRow(types);
            byte[] message;
            boolean first = true;
            while ((message = copy.readFromCopy()) != null) {
                if (row.parse(message, first)) {
                    writer.row(row);
                    rows++;
                }
                first = false;
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy(); // a failed write: the server stops sending; the caller's transaction ends it
            }
        }
        return rows;
    }

    /**
     * One row in COPY's binary format: a 16-bit field count, then each field's 32-bit length (-1 for NULL) and bytes,
     * all big-endian. The server sends one row per message, the file header before the first and the trailer (a
     * field count of -1) as the last.
     */
    static final class BinaryRow implements ExportRowStream.Row {
        private final boolean[] integer;
        private final byte[][] fields;

        BinaryRow(String[] types) {
            integer = new boolean[types.length];
            for (int i = 0; i < types.length; i++) {
                integer[i] = types[i].startsWith("int");
            }
            fields = new byte[types.length][];
        }

        /** Reads a message; false for the trailer. Big-endian reads by hand: a ByteBuffer per row cost a fifth of it. */
        boolean parse(byte[] message, boolean first) {
            int at = 0;
            if (first && startsWithSignature(message)) {
                at = SIGNATURE.length + 4; // then the flags: bit 16 (OIDs) is never set for a query's rows
                at += 4 + int32(message, at); // the header extension's length, and the extension
            }
            short count = (short) (((message[at] & 0xFF) << 8) | (message[at + 1] & 0xFF));
            at += 2;
            if (count == -1) {
                requireEnd(message, at);
                return false;
            }
            if (count != fields.length) {
                throw new IllegalStateException("A COPY row has " + count + " fields, not " + fields.length + ".");
            }
            for (int i = 0; i < fields.length; i++) {
                int length = int32(message, at);
                at += 4;
                if (length < 0) {
                    fields[i] = null;
                    continue;
                }
                if (at + length > message.length) {
                    throw new IllegalStateException("A COPY field runs past the end of its row.");
                }
                if (integer[i]) {
                    long value = switch (length) {
                        case 8 -> ((long) int32(message, at) << 32) | (int32(message, at + 4) & 0xFFFFFFFFL);
                        case 4 -> int32(message, at);
                        case 2 -> (short) (((message[at] & 0xFF) << 8) | (message[at + 1] & 0xFF));
                        default -> throw new IllegalStateException("A COPY integer of " + length + " bytes.");
                    };
                    fields[i] = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                } else {
                    fields[i] = Arrays.copyOfRange(message, at, at + length);
                }
                at += length;
            }
            requireEnd(message, at);
            return true;
        }

        private static int int32(byte[] bytes, int at) {
            return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF);
        }

        private static boolean startsWithSignature(byte[] message) {
            return message.length >= SIGNATURE.length
                    && Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
        }

        private static void requireEnd(byte[] message, int at) {
            if (at != message.length) {
                throw new IllegalStateException("A COPY message holds " + (message.length - at)
                        + " bytes after its row.");
            }
        }

        @Override
        public byte[] bytes(int column) {
            return fields[column - 1];
        }

        @Override
        public Long number(int column) {
            byte[] digits = fields[column - 1];
            return digits == null ? null : Long.parseLong(new String(digits, StandardCharsets.US_ASCII));
        }
    }
}
