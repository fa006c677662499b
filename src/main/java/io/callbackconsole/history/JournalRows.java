package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Appends rows to {@code submission_event} with their place in the hash chain. Callers hold a write transaction, so
 * reading the head and inserting the next row cannot interleave with another writer.
 */
final class JournalRows {
    private final AuditChain chain = new AuditChain();

    /**
     * Appends one row (column name to value; Long or String, null for none; without {@code seq} or {@code hash}),
     * numbering it after the last number SQLite ever gave out, and returns its {@code seq}.
     */
    long append(Connection c, Map<String, Object> columns) throws SQLException {
        long seq;
        String previous;
        try (Statement s = c.createStatement()) {
            try (ResultSet rows = s.executeQuery(
                    "SELECT seq FROM sqlite_sequence WHERE name = 'submission_event'")) {
                seq = rows.next() ? rows.getLong(1) + 1 : 1;
            }
            try (ResultSet rows = s.executeQuery("SELECT hash FROM submission_event ORDER BY seq DESC LIMIT 1")) {
                previous = rows.next() ? rows.getString(1) : AuditChain.GENESIS;
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seq", seq);
        row.putAll(columns);
        insert(c, "submission_event", row, hashOf(previous, row));
        return seq;
    }

    /** The hash of {@code row} (which includes {@code seq}) after {@code previous}. */
    String hashOf(String previous, Map<String, Object> row) {
        Map<String, String> text = new LinkedHashMap<>();
        row.forEach((name, value) -> text.put(name, value == null ? null : value.toString()));
        return chain.next(previous, text);
    }

    static void insert(Connection c, String table, Map<String, Object> row, String hash) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        row.keySet().forEach(name -> {
            names.add(name);
            marks.add("?");
        });
        names.add("hash");
        marks.add("?");
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
            int i = 1;
            for (Object value : row.values()) {
                insert.setObject(i++, value);
            }
            insert.setString(i, hash);
            insert.executeUpdate();
        }
    }
}
