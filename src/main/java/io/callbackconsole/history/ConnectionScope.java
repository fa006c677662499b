package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.InvalidInputException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which journal rows belong to a connection: the only rows that connection's look-ups, retries and recovery act on.
 * The rule, over an intent row (outcome rows repeat their intent's connection columns):
 * <ul>
 *   <li>the sandbox owns the rows labelled {@code sandbox};</li>
 *   <li>an AWS connection owns the rows with its region and endpoint overrides that name its account; rows journaled
 *       while STS could not name the account are owned by the connection with the same label ("profile@region");
 *       a row naming an account is never owned by a connection whose account is unknown, since the profile may now
 *       point elsewhere;</li>
 *   <li>rows journaled before migration 4 (no {@code connection_region}) name no account or endpoints: they are owned
 *       by the AWS connection with the same label, whose region agrees with the row's region column where the row has
 *       one. The label carries the region, so a row is never matched to another region.</li>
 * </ul>
 * Built from fixed text only; every value is a bound parameter.
 */
final class ConnectionScope {
    /** The identity columns as the history stores them, for a row read back. */
    static final String COLUMNS = "connection, connection_account, connection_region, connection_endpoint, region";

    private final String sql;
    private final List<Object> parameters;

    private ConnectionScope(String sql, List<Object> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /** The condition (true or false, never NULL; SQLite's 1 or 0) that a row (table alias {@code alias}) belongs to {@code connection}. */
    static ConnectionScope of(ConnectionId connection, String alias) {
        String a = alias + ".";
        if (connection.isSandbox()) {
            return new ConnectionScope("(" + a + "connection = 'sandbox')", List.of());
        }
        List<Object> parameters = new ArrayList<>();
        String sql = "(" + a + "connection <> 'sandbox' AND ("
                // Journaled before migration 4: label and region.
                + "(" + a + "connection_region IS NULL AND " + a + "connection = ? AND (" + a + "region IS NULL OR "
                + a + "region = ?))"
                // Journaled since: region and endpoints, then the account, or the label when STS named none.
                + " OR (" + a + "connection_region = ? AND " + a + "connection_endpoint IS NOT DISTINCT FROM ? AND (" + a
                + "connection_account = ? OR (" + a + "connection_account IS NULL AND " + a + "connection = ?)))))";
        parameters.add(connection.label());
        parameters.add(connection.region());
        parameters.add(connection.region());
        parameters.add(connection.endpoints());
        parameters.add(connection.account());
        parameters.add(connection.label());
        // A comparison with NULL is NULL: made false, so that NOT of the condition is true for every row it excludes.
        return new ConnectionScope("coalesce(" + sql + ", FALSE)", parameters);
    }

    String sql() {
        return sql;
    }

    /** Binds the parameters from position {@code first}; returns the next free position. */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int i = first;
        for (Object parameter : parameters) {
            statement.setObject(i++, parameter);
        }
        return i;
    }

    /** The identity columns of a new row for {@code connection}. */
    static void putColumns(Map<String, Object> row, ConnectionId connection) {
        row.put("connection", connection.label());
        row.put("connection_account", connection.account());
        row.put("connection_region", connection.region());
        row.put("connection_endpoint", connection.endpoints());
    }

    /** The connection a row read with {@link #COLUMNS} names. */
    static ConnectionId fromRow(ResultSet row) throws SQLException {
        String label = row.getString("connection");
        if ("sandbox".equals(label)) {
            return ConnectionId.sandbox();
        }
        String connectionRegion = row.getString("connection_region");
        try {
            return connectionRegion == null
                    // Before migration 4 only the label and the region column name the connection.
                    ? ConnectionId.aws(null, row.getString("region"), null, label)
                    : ConnectionId.aws(row.getString("connection_account"), connectionRegion,
                            row.getString("connection_endpoint"), label);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("A history row names its connection in a form this console cannot read ("
                    + e.getMessage() + ")", e);
        }
    }
}
