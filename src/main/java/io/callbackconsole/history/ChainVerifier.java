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
        return verify(c, List.of(), null);
    }

    static ChainVerification verify(Connection c, List<ChainHead> expected, HeadWitness witness) throws SQLException {
        return verify(c, expected, witness, new SqliteDialect(null));
    }

    /**
     * Walks the chain and checks on the way that each expected head is on it (see {@link HeadCheck}), and every head
     * the witness kept. Call inside a read transaction.
     */
    static ChainVerification verify(Connection c, List<ChainHead> expected, HeadWitness witness,
                                    HistoryDialect dialect) throws SQLException {
        List<ChainHead> witnessed = witness == null ? List.of() : witness.heads();
        List<ChainHead> all = new ArrayList<>(expected);
        all.addAll(witnessed);
        HeadMatcher heads = new HeadMatcher(all);
        Walk walk = walk(c, heads, dialect);
        List<HeadCheck> checks = heads.finish(walk.headSeq(), walk.intact());
        WitnessCheck witnessCheck = witness == null ? null
                : WitnessCheck.of(witness.describe(), checks.subList(expected.size(), checks.size()));
        return new ChainVerification(walk.rowsVerified(), walk.headSeq(), walk.headHash(), walk.firstBadSeq(),
                walk.problem(), List.copyOf(checks.subList(0, expected.size())), witnessCheck);
    }

    private record Walk(long rowsVerified, long headSeq, String headHash, Long firstBadSeq, String problem) {
        boolean intact() {
            return problem == null;
        }
    }

    private static Walk walk(Connection c, HeadMatcher heads, HistoryDialect dialect) throws SQLException {
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
                    // The team history's stored search words are derived from hashed columns, not hashed.
                    if (!meta.getColumnName(i).equals("hash")
                            && !meta.getColumnName(i).equals(TeamHistorySchema.SEARCH_WORDS_COLUMN)) {
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
                    if (computed.equals(stored)) {
                        heads.row(seq, stored);
                    } else {
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
            // (A team history has no such counter: its role may not delete rows.)
            java.util.OptionalLong counter = dialect.numberCounter(c);
            if (counter.isPresent()) {
                long highest = counter.getAsLong();
                if (highest > lastSeq) {
                    return broken(verified, lastSeq, previous, lastSeq + 1, "rows seq " + (lastSeq + 1)
                            + (highest > lastSeq + 1 ? " to " + highest : "") + " are missing: the database numbered"
                            + " rows up to " + highest + " but the last row is " + lastSeq + " (deleted)");
                }
            }
        }
        return new Walk(verified, lastSeq, previous, null, null);
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

    private static Walk broken(long verified, long lastSeq, String previous, long badSeq, String problem) {
        return new Walk(verified, lastSeq, previous, badSeq, problem);
    }

    /**
     * Compares heads with the rows as the walk passes them, in seq order, holding only the heads (the witness keeps
     * one per write transaction). A head's seq may appear more than once with different hashes (a witness that saw
     * the history cut and written on): each is checked on its own.
     */
    private static final class HeadMatcher {
        private final List<ChainHead> heads;
        private final Integer[] bySeq;
        private final HeadCheck[] checks;
        private int next; // the first head in bySeq the walk has not reached

        HeadMatcher(List<ChainHead> heads) {
            this.heads = heads;
            this.bySeq = new Integer[heads.size()];
            for (int i = 0; i < bySeq.length; i++) {
                bySeq[i] = i;
            }
            Arrays.sort(bySeq, (a, b) -> Long.compare(heads.get(a).seq(), heads.get(b).seq()));
            this.checks = new HeadCheck[heads.size()];
            // The empty history's head is on every chain.
            while (next < bySeq.length && heads.get(bySeq[next]).seq() == 0) {
                ChainHead head = heads.get(bySeq[next]);
                checks[bySeq[next]] = head.hash().equals(AuditChain.GENESIS) ? null
                        : new HeadCheck(head, HeadCheck.Result.REWRITTEN, AuditChain.GENESIS, 0);
                next++;
            }
        }

        /** A row that matched its hash. Heads below it that the walk skipped name rows that are gone. */
        void row(long seq, String hash) {
            while (next < bySeq.length && heads.get(bySeq[next]).seq() <= seq) {
                int i = bySeq[next++];
                ChainHead head = heads.get(i);
                if (head.seq() < seq) {
                    checks[i] = new HeadCheck(head, HeadCheck.Result.CUT, null, 0);
                } else if (!head.hash().equals(hash)) {
                    checks[i] = new HeadCheck(head, HeadCheck.Result.REWRITTEN, hash, 0);
                }
            }
        }

        /** The checks, in the order the heads were given, once the walk ended at {@code headSeq}. */
        List<HeadCheck> finish(long headSeq, boolean chainIntact) {
            for (int k = next; k < bySeq.length; k++) {
                int i = bySeq[k];
                checks[i] = new HeadCheck(heads.get(i), chainIntact ? HeadCheck.Result.CUT
                        : HeadCheck.Result.NOT_REACHED, null, 0);
            }
            List<HeadCheck> result = new ArrayList<>(heads.size());
            for (int i = 0; i < heads.size(); i++) {
                result.add(checks[i] != null ? checks[i]
                        // Verified rows are numbered without gaps (a gap breaks the chain), so this counts them.
                        : new HeadCheck(heads.get(i), HeadCheck.Result.INTACT, heads.get(i).hash(),
                                headSeq - heads.get(i).seq()));
            }
            return result;
        }
    }
}
