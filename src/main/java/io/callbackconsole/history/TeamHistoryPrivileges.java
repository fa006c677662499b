package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console's own role may do to the team history's journal, as the server says
 * ({@code has_table_privilege}), checked at every connect. The console needs SELECT and INSERT; a role that also may
 * UPDATE, DELETE or TRUNCATE could rewrite history (the triggers stop it only until it drops them), which the front
 * ends show as a warning.
 */
public record TeamHistoryPrivileges(String role, boolean select, boolean insert, boolean update, boolean delete,
                                    boolean truncate) {

    static TeamHistoryPrivileges of(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("""
                SELECT current_user,
                       has_table_privilege('submission_event', 'SELECT'),
                       has_table_privilege('submission_event', 'INSERT'),
                       has_table_privilege('submission_event', 'UPDATE'),
                       has_table_privilege('submission_event', 'DELETE'),
                       has_table_privilege('submission_event', 'TRUNCATE')""")) {
            row.next();
            return new TeamHistoryPrivileges(row.getString(1), row.getBoolean(2), row.getBoolean(3),
                    row.getBoolean(4), row.getBoolean(5), row.getBoolean(6));
        }
    }

    /** The privileges beyond INSERT and SELECT that could change or remove rows, e.g. ["UPDATE", "DELETE"]. */
    public List<String> rewritingPrivileges() {
        List<String> privileges = new ArrayList<>();
        if (update) {
            privileges.add("UPDATE");
        }
        if (delete) {
            privileges.add("DELETE");
        }
        if (truncate) {
            privileges.add("TRUNCATE");
        }
        return privileges;
    }

    /** Whether this role could rewrite history: it may UPDATE, DELETE or TRUNCATE the journal. */
    public boolean couldRewriteHistory() {
        return !rewritingPrivileges().isEmpty();
    }

    /** Whether the console can journal with this role: it needs SELECT and INSERT. */
    boolean sufficient() {
        return select && insert;
    }

    /** The statement a database administrator runs to give this role what the console needs. */
    String grantNeeded() {
        return "GRANT SELECT, INSERT ON submission_event TO " + quotedRole() + "; GRANT SELECT ON history_schema TO "
                + quotedRole() + ";";
    }

    /** The statement that takes the rewriting privileges away again. */
    public String revokeRewriting() {
        return "REVOKE " + String.join(", ", rewritingPrivileges()) + " ON submission_event FROM " + quotedRole()
                + ";";
    }

    private String quotedRole() {
        return "\"" + role.replace("\"", "\"\"") + "\"";
    }
}
