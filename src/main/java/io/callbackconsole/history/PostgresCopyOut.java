package io.callbackconsole.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.Utils;

/**
 * Reads the rows of an export query from a team history with {@code COPY (query) TO STDOUT}, in the caller's read
 * transaction (so on its snapshot, with the header's count and chain head). Read through a cursor, the server waited
 * for each fetch of rows and the console for each answer, so neither ran while the other did; COPY streams the rows
 * without a round trip, the server producing while the console formats (on 2 cores about twice the rows a second).
 *
 * <p>COPY takes no bind parameters, so the query's parameters (the filter's values, all text) are written into it as
 * string literals, quoted as PostgreSQL's own driver quotes them ({@link Utils#escapeLiteral}: quotes doubled, a NUL
 * refused); only on a server with {@code standard_conforming_strings} on, where a backslash in a literal is an
 * ordinary character (the default since PostgreSQL 9.1). Rows come in COPY's text format, one per message: fields
 * separated by TAB, {@code \N} for NULL, backslash escapes for backslash and control characters, which are undone
 * here on the bytes, so each field reaches the writer as the same UTF-8 bytes the driver's {@code getBytes} gives.
 */
final class PostgresCopyOut {
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

    /** Writes every row of the query (with its parameters) to the writer; returns how many. */
    static long copy(Connection c, String sql, List<Object> parameters, ExportRowStream.RowWriter writer)
            throws SQLException, IOException {
        CopyOut copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("COPY (" + inlined(sql, parameters) + ") TO STDOUT");
        long rows = 0;
        try {
            TextRow row = new TextRow(copy.getFieldCount());
            byte[] message;
            while ((message = copy.readFromCopy()) != null) {
                row.parse(message);
                writer.row(row);
                rows++;
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy(); // a failed write: the server stops sending, the transaction ends as the caller's
            }
        }
        return rows;
    }

    /** One row in COPY's text format, its fields undone of their escapes. */
    static final class TextRow implements ExportRowStream.Row {
        private final byte[][] fields;

        TextRow(int width) {
            fields = new byte[width][];
        }

        /** Reads a message holding one row: fields separated by TAB, ending in a line feed. */
        void parse(byte[] message) {
            int end = message.length - 1;
            if (end < 0 || message[end] != '\n') {
                throw new IllegalStateException("A COPY row does not end with a line feed; the export stops.");
            }
            int field = 0;
            int start = 0;
            for (int i = 0; i <= end; i++) {
                byte b = message[i];
                if (b == '\t' || i == end) {
                    if (field == fields.length) {
                        throw new IllegalStateException("A COPY row has more than " + fields.length + " fields.");
                    }
                    fields[field++] = value(message, start, i);
                    start = i + 1;
                }
            }
            if (field != fields.length) {
                throw new IllegalStateException("A COPY row has " + field + " fields, not " + fields.length + ".");
            }
        }

        /** The field's bytes: null for {@code \N}, escapes undone. */
        private static byte[] value(byte[] message, int from, int to) {
            if (to - from == 2 && message[from] == '\\' && message[from + 1] == 'N') {
                return null;
            }
            int escape = -1;
            for (int i = from; i < to; i++) {
                if (message[i] == '\\') {
                    escape = i;
                    break;
                }
            }
            if (escape < 0) {
                return Arrays.copyOfRange(message, from, to);
            }
            byte[] value = new byte[to - from];
            int length = escape - from;
            System.arraycopy(message, from, value, 0, length);
            for (int i = escape; i < to; i++) {
                byte b = message[i];
                if (b != '\\') {
                    value[length++] = b;
                    continue;
                }
                if (++i == to) {
                    throw new IllegalStateException("A COPY field ends in a lone backslash.");
                }
                value[length++] = switch (message[i]) {
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'v' -> 0x0B;
                    case '\\' -> '\\';
                    // The server writes no other escape in its output (no octal or hex: it sends every byte as is).
                    default -> throw new IllegalStateException("A COPY field holds an escape this export does not"
                            + " read: \\" + (char) message[i]);
                };
            }
            return Arrays.copyOf(value, length);
        }

        @Override
        public byte[] bytes(int column) {
            return fields[column - 1];
        }

        @Override
        public Long number(int column) {
            byte[] digits = fields[column - 1];
            if (digits == null) {
                return null;
            }
            boolean negative = digits.length > 0 && digits[0] == '-';
            if (digits.length == (negative ? 1 : 0)) {
                throw new IllegalStateException("A COPY field said to be a number is empty.");
            }
            long value = 0;
            for (int i = negative ? 1 : 0; i < digits.length; i++) {
                int digit = digits[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw new IllegalStateException("A COPY field said to be a number is not: "
                            + new String(digits, java.nio.charset.StandardCharsets.UTF_8));
                }
                value = Math.multiplyExact(value, 10) + digit;
            }
            return negative ? -value : value;
        }
    }
}
