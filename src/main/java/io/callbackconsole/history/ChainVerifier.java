package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Walks the hash chain in seq order, streaming (one row in memory), and stops at the first row that does not match.
 * Reads every column the table has, so a column added behind the console's back is noticed too.
 */
final class ChainVerifier {
    private ChainVerifier() {
    }

    /** Call inside a read transaction, so the walk sees one consistent state of the file. */
    static ChainVerification verify(Connection c) throws SQLException {
        AuditChain chain = new AuditChain();
        String previous = AuditChain.GENESIS;
        long expectedSeq = 1;
        long verified = 0;
        long lastSeq = 0;
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rows = s.executeQuery("SELECT * FROM submission_event ORDER BY seq")) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equals("hash")) {
                        names.add(meta.getColumnName(i));
                    }
                }
                String[] sorted = names.stream().sorted().toArray(String[]::new);
                int[] index = Arrays.stream(sorted).mapToInt(name -> columnIndex(meta, name)).toArray();
                String[] values = new String[sorted.length];
                while (rows.next()) {
                    long seq = rows.getLong("seq");
                    String stored = rows.getString("hash");
                    for (int i = 0; i < sorted.length; i++) {
                        values[i] = rows.getString(index[i]);
                    }
                    String computed = chain.next(previous, sorted, values);
                    if (!computed.equals(stored)) {
                        // For a gap, the first missing number is where the chain breaks.
                        return broken(verified, lastSeq, previous, Math.min(seq, expectedSeq),
                                whyNot(rows, seq, expectedSeq, stored));
                    }
                    previous = stored;
                    lastSeq = seq;
                    expectedSeq = seq + 1;
                    verified++;
                }
            }
            // Removing the newest rows leaves a valid shorter chain; SQLite's own counter still knows how far it got.
            try (ResultSet counter = s.executeQuery(
                    "SELECT seq FROM sqlite_sequence WHERE name = 'submission_event'")) {
                long highest = counter.next() ? counter.getLong(1) : 0;
                if (highest > lastSeq) {
                    return broken(verified, lastSeq, previous, lastSeq + 1, "rows seq " + (lastSeq + 1)
                            + (highest > lastSeq + 1 ? " to " + highest : "") + " are missing: the database numbered"
                            + " rows up to " + highest + " but the last row is " + lastSeq + " (deleted)");
                }
            }
        }
        return new ChainVerification(verified, lastSeq, previous, null, null);
    }

    private static String whyNot(ResultSet row, long seq, long expectedSeq, String stored) throws SQLException {
        String what = "row seq " + seq + " (" + row.getString("kind") + " on token " + row.getString("callback_token")
                + " recorded at " + row.getString("recorded_at") + ")";
        if (seq > expectedSeq) {
            return "rows seq " + expectedSeq + (seq - 1 > expectedSeq ? " to " + (seq - 1) : "")
                    + " are missing before " + what + " (deleted)";
        }
        if (stored == null || stored.isBlank()) {
            return what + " has no hash: it was not written by the console (inserted directly into the database)";
        }
        return what + " does not match its hash: it was changed after it was written, or inserted or replaced"
                + " directly in the database, or the row before it was";
    }

    private static int columnIndex(ResultSetMetaData meta, String name) {
        try {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnName(i).equals(name)) {
                    return i;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("Column " + name + " vanished from the result");
    }

    private static ChainVerification broken(long verified, long lastSeq, String previous, long badSeq, String problem) {
        return new ChainVerification(verified, lastSeq, previous, badSeq, problem);
    }
}
