package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks, from a team history alone, the chain of every local file imported into it ({@link TeamHistoryImport}): each
 * imported row with its seq in the file ({@code imported_seq}), its intent's seq in the file, and without its
 * provenance, must hash to the hash it had there ({@code imported_hash}), after the file's row before it. So the
 * file's own chain still verifies once the file is gone, and an auditor can compare its head with one noted from the
 * file. Streams the imported rows in team order (one row and a seq map in memory).
 */
final class ImportedChainVerifier {
    private ImportedChainVerifier() {
    }

    /** Call inside a read snapshot. One result per file imported, in the order of their first imported row. */
    static List<ImportedChain> verify(Connection c) throws SQLException {
        Map<String, Walk> walks = new LinkedHashMap<>();
        Map<Long, Long> fileSeqOf = new HashMap<>(); // team seq of an imported intent -> its seq in the file
        AuditChain chain = new AuditChain();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rows = s.executeQuery("SELECT * FROM submission_event WHERE imported_hash IS NOT NULL"
                    + " ORDER BY seq")) {
                ResultSetMetaData meta = rows.getMetaData();
                while (rows.next()) {
                    String source = rows.getString("imported_from");
                    Walk walk = walks.computeIfAbsent(source, Walk::new);
                    long fileSeq = rows.getLong("imported_seq");
                    if ("INTENT".equals(rows.getString("kind"))) {
                        fileSeqOf.put(rows.getLong("seq"), fileSeq);
                    }
                    if (walk.problem != null) {
                        continue;
                    }
                    Map<String, String> row = new TreeMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String name = meta.getColumnName(i);
                        if (!name.startsWith("imported_") && !name.equals("hash")
                                && !name.equals(TeamHistorySchema.SEARCH_WORDS_COLUMN)) {
                            row.put(name, rows.getString(i));
                        }
                    }
                    row.put("seq", Long.toString(fileSeq));
                    String intentSeq = row.get("intent_seq");
                    if (intentSeq != null) {
                        Long fileIntent = fileSeqOf.get(Long.parseLong(intentSeq));
                        row.put("intent_seq", fileIntent == null ? null : Long.toString(fileIntent));
                    }
                    String stored = rows.getString("imported_hash");
                    if (fileSeq != walk.headSeq + 1) {
                        walk.problem = "the file's row seq " + fileSeq + " follows its row seq " + walk.headSeq
                                + " in the team history (rows missing, or two files imported from the same path)";
                    } else if (!chain.next(walk.headHash, row).equals(stored)) {
                        walk.problem = "the file's row seq " + fileSeq + " (team seq " + rows.getLong("seq")
                                + ") does not hash to the hash it had in the file: it differs from the row imported";
                    } else {
                        walk.headSeq = fileSeq;
                        walk.headHash = stored;
                        walk.lastNotedHead = rows.getString("imported_head");
                    }
                }
            }
        }
        List<ImportedChain> chains = new ArrayList<>();
        for (Walk walk : walks.values()) {
            chains.add(new ImportedChain(walk.source, new ChainHead(walk.headSeq, walk.headHash),
                    walk.lastNotedHead == null ? null : ChainHead.parse(walk.lastNotedHead), walk.problem));
        }
        return chains;
    }

    private static final class Walk {
        final String source;
        long headSeq;
        String headHash = AuditChain.GENESIS;
        String lastNotedHead;
        String problem;

        Walk(String source) {
            this.source = source;
        }
    }
}
