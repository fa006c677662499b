package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The plan tests' reading of PostgreSQL's EXPLAIN, and of the decisions a page gave. */
final class QueryPlans {
    private QueryPlans() {
    }

    /** The plan of a query with the where's parameters bound, then {@code after} (a limit, an offset). */
    static String plan(Connection c, String select, AuditWhere where, Object... after) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + select)) {
            int next = where.bind(explain);
            for (Object value : after) {
                explain.setObject(next++, value);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = explain.executeQuery()) {
                while (lines.next()) {
                    plan.append(lines.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    static List<Long> intentSeqs(List<DecisionRecord> decisions) {
        return decisions.stream().map(d -> Long.parseLong(d.get(DecisionColumn.INTENT_SEQ))).toList();
    }
}
