package io.callbackconsole.history;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes RFC 4180 records (comma separated, CRLF line ends, a field quoted when it holds a comma, quote, CR or LF,
 * its quotes doubled; NULL as an empty field) as UTF-8, taking field values as the UTF-8 bytes SQLite stores. The
 * four special characters are ASCII, and no byte of a multi-byte UTF-8 sequence is ASCII, so escaping works on the
 * bytes as they are: an export never decodes a value to a String and encodes it again, which was most of its cost.
 * Buffers on its own (an unsynchronised array; {@link java.io.BufferedOutputStream} locks on every write) and only
 * flushes, never closes, the stream it writes to. Not thread-safe.
 *
 * <p>Formula cells are neutralised (OWASP's CSV injection advice): a spreadsheet runs a cell that starts with
 * {@code = + - @}, TAB or CR as a formula ({@code =cmd|' /C calc'!A0} starts a program), so such a cell gets a
 * leading {@code '}, which spreadsheets show as text. A cell that starts with {@code '} itself gets one too, so the
 * rule is exactly reversible: remove one leading {@code '} from every cell that starts with one to get the stored
 * value (the hash chain is computed on stored values). The export header states it ({@link #FORMULA_CELLS}); JSON
 * Lines exports are not changed.
 */
final class CsvOutput {
    /** The field of the export header record that says formula cells are quoted as described above. */
    static final String FORMULA_CELLS = "formula_cells=quoted";
    private static final byte[] CRLF = {'\r', '\n'};

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int used;
    private boolean firstInRecord = true;

    CsvOutput(OutputStream out) {
        this.out = out;
    }

    /** A whole record of text fields (the export's header lines). */
    void record(List<String> fields) throws IOException {
        for (String field : fields) {
            field(field == null ? null : field.getBytes(StandardCharsets.UTF_8));
        }
        endRecord();
    }

    /** The next field of the current record: UTF-8 bytes, or null for an empty field. */
    void field(byte[] utf8) throws IOException {
        if (!firstInRecord) {
            put((byte) ',');
        }
        firstInRecord = false;
        if (utf8 == null) {
            return;
        }
        boolean neutralised = startsLikeAFormula(utf8);
        if (!needsQuotes(utf8)) {
            if (neutralised) {
                put((byte) '\'');
            }
            put(utf8, 0, utf8.length);
            return;
        }
        put((byte) '"');
        if (neutralised) {
            put((byte) '\'');
        }
        int from = 0;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '"') {
                put(utf8, from, i + 1 - from); // the quote itself, then once more
                put((byte) '"');
                from = i + 1;
            }
        }
        put(utf8, from, utf8.length - from);
        put((byte) '"');
    }

    void endRecord() throws IOException {
        put(CRLF, 0, CRLF.length);
        firstInRecord = true;
    }

    /** Hands everything buffered to the stream and flushes it. */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    /** Whether a spreadsheet would read the cell as a formula, or it starts with the quote that neutralises one. */
    private static boolean startsLikeAFormula(byte[] utf8) {
        if (utf8.length == 0) {
            return false;
        }
        byte first = utf8[0];
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\'';
    }

    private static boolean needsQuotes(byte[] utf8) {
        for (byte b : utf8) {
            if (b == ',' || b == '"' || b == '\r' || b == '\n') {
                return true;
            }
        }
        return false;
    }

    private void put(byte b) throws IOException {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = b;
    }

    private void put(byte[] bytes, int from, int length) throws IOException {
        if (length > buffer.length - used) {
            drain();
            if (length > buffer.length) {
                out.write(bytes, from, length);
                return;
            }
        }
        System.arraycopy(bytes, from, buffer, used, length);
        used += length;
    }

    private void drain() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
