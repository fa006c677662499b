package io.callbackconsole.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameter;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decision protocol's reads of the journal, as domain values: a decision with its latest outcome, the unsettled
 * decisions of a connection (and counts of other connections'), whether a token was answered on a connection, an
 * approval's outputs. Which rows belong to a connection: {@link ConnectionScope}. Works on the store's connection,
 * under the store's lock.
 */
final class JournalQueries {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ENTRY_COLUMNS = """
            SELECT i.recorded_at, i.client_request_token, i.action, i.callback_token, i.execution_arn, i.reason,
                   i.operator, i.connection, i.connection_account, i.connection_region, i.connection_endpoint,
                   i.region,
                   o.recorded_at AS outcome_recorded_at, o.outcome, o.returned_execution_arn, o.error_code,
                   o.error_message, o.explanation, o.request_id
              FROM submission_event i
              LEFT JOIN submission_event o
                ON o.seq = (SELECT max(seq) FROM submission_event WHERE intent_seq = i.seq)
            """;

    private final HistoryDialect dialect;

    JournalQueries(HistoryDialect dialect) {
        this.dialect = dialect;
    }

    /** The output parameters an approval intent carries, as values; empty for other actions. */
    Optional<OutputParameters> approvalOutputsOf(Connection c, ClientRequestToken requestToken) {
        return outputParametersOf(c, requestToken).map(json -> {
            try {
                List<OutputParameter> values = new ArrayList<>();
                JSON.readTree(json).forEach(p -> values.add(new OutputParameter(p.get("Name").asText(),
                        p.get("Value").asText())));
                return new OutputParameters(values);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The outputs journaled with " + requestToken + " are not JSON", e);
            }
        });
    }

    /** The output parameters an approval sent, as a JSON array of {@code {"Name", "Value"}}; empty for others. */
    Optional<String> outputParametersOf(Connection c, ClientRequestToken requestToken) {
        try (PreparedStatement select = c.prepareStatement("SELECT output_parameters FROM submission_event"
                + " WHERE kind = 'INTENT' AND client_request_token = ?")) {
            select.setString(1, requestToken.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw dialect.translate("reading the outputs of decision " + requestToken, e);
        }
    }

    /**

    /** The latest decisions, newest first, each with its latest outcome. */
    List<HistoryEntry> recentSubmissions(Connection c, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("The number of history entries to list cannot be negative; got " + limit + ".");
        }
        return query(c, "reading the recent submissions",
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' ORDER BY i.recorded_at DESC, i.seq DESC LIMIT ?",
                statement -> statement.setInt(1, limit));
    }

    /** Decisions with a row after {@code seq} (their intent or an outcome), in the order of their intents. */
    List<HistoryEntry> decisionsWithRowsAfter(Connection c, long seq, int limit) {
        if (seq < 0 || limit < 0) {
            throw new IllegalArgumentException("A seq and a limit are 0 or more; got " + seq + " and " + limit + ".");
        }
        return query(c, "reading the decisions written after row " + seq,
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.seq IN (SELECT CASE WHEN kind = 'INTENT' THEN seq"
                        + " ELSE intent_seq END FROM submission_event WHERE seq > ?) ORDER BY i.seq LIMIT ?",
                statement -> {
                    statement.setLong(1, seq);
                    statement.setInt(2, limit);
                });
    }

    Optional<HistoryEntry> find(Connection c, ClientRequestToken requestToken) {
        Objects.requireNonNull(requestToken, "requestToken");
        return query(c, "looking up decision " + requestToken,
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.client_request_token = ?",
                statement -> statement.setString(1, requestToken.value()))
                .stream().findFirst();
    }

    /** Unsettled: no outcome recorded, or the latest is UNKNOWN without the operator giving up (GaveUp). */
    private static final String UNSETTLED = """
             (o.outcome IS NULL OR (o.outcome = 'UNKNOWN' AND coalesce(o.error_code, '') <> 'GaveUp'))""";

    /**
     * This connection's decisions not settled yet, oldest first: no outcome recorded (the console stopped between the
     * intent and the answer), or the latest outcome is UNKNOWN (no answer came) — unless that outcome records the
     * operator giving up (error code {@code GaveUp}). NOT_SENT settles a decision: it was never sent and must not be.
     * Repeating each with its own client request token settles it without applying it twice. Which rows belong to
     * the connection: see {@link ConnectionScope}.
     */
    List<Submission> unsettledSubmissions(Connection c, ConnectionId connection) {
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        return query(c, "listing decisions without a settled outcome on " + connection.describe(),
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND " + scope.sql() + " AND " + UNSETTLED
                        + " ORDER BY i.recorded_at, i.seq",
                statement -> scope.bind(statement, 1))
                .stream().map(HistoryEntry::submission).toList();
    }

    /**
     * The newest unsettled decision on this token made on this connection, if any: a new decision on the token must
     * not be sent beside it (it would get a ConflictException, or apply twice); repeat this one or settle it first.
     */
    Optional<Submission> latestUnsettledFor(Connection c, CallbackToken token, ConnectionId connection) {
        Objects.requireNonNull(token, "token");
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        return query(c, "looking up an unsettled decision on token " + token,
                ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.callback_token = ? AND " + scope.sql() + " AND "
                        + UNSETTLED + " ORDER BY i.recorded_at DESC, i.seq DESC LIMIT 1",
                statement -> scope.bind(statement, bindText(statement, 1, token.value())))
                .stream().map(HistoryEntry::submission).findFirst();
    }

    /**
     * As {@link #latestUnsettledFor(Connection, CallbackToken, ConnectionId)} for several tokens in one query each
     * {@value #TOKENS_PER_QUERY}: each token's newest unsettled decision on the connection; tokens with none are left
     * out.
     */
    Map<CallbackToken, Submission> latestUnsettledFor(Connection c, java.util.Collection<CallbackToken> tokens,
                                                      ConnectionId connection) {
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        List<CallbackToken> all = List.copyOf(tokens);
        Map<CallbackToken, Submission> newest = new LinkedHashMap<>();
        for (int from = 0; from < all.size(); from += TOKENS_PER_QUERY) {
            List<CallbackToken> chunk = all.subList(from, Math.min(all.size(), from + TOKENS_PER_QUERY));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            List<HistoryEntry> found = query(c, "looking up unsettled decisions on " + chunk.size() + " token(s)",
                    ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.callback_token IN (" + marks + ") AND "
                            + scope.sql() + " AND " + UNSETTLED + " ORDER BY i.recorded_at DESC, i.seq DESC",
                    statement -> {
                        int position = 1;
                        for (CallbackToken token : chunk) {
                            position = bindText(statement, position, token.value());
                        }
                        scope.bind(statement, position);
                    });
            for (HistoryEntry entry : found) {
                newest.putIfAbsent(entry.submission().token(), entry.submission()); // the newest comes first
            }
        }
        return newest;
    }

    /**
     * As {@link #latestUnsettledFor(Connection, java.util.Collection, ConnectionId)} for at most
     * {@value #TOKENS_PER_QUERY} tokens, as a read a write makes under the chain lock: each token's newest unsettled
     * decision goes {@code into} the map.
     */
    LockedRead latestUnsettledRead(List<CallbackToken> tokens, ConnectionId connection,
                                   Map<CallbackToken, Submission> into) {
        if (tokens.size() > TOKENS_PER_QUERY) {
            throw new IllegalArgumentException("at most " + TOKENS_PER_QUERY + " tokens a query; got " + tokens.size());
        }
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        String sql = ENTRY_COLUMNS + " WHERE i.kind = 'INTENT' AND i.callback_token IN ("
                + String.join(", ", java.util.Collections.nCopies(tokens.size(), "?")) + ") AND " + scope.sql()
                + " AND " + UNSETTLED + " ORDER BY i.recorded_at DESC, i.seq DESC";
        return new LockedRead() {
            @Override
            public String sql() {
                return sql;
            }

            @Override
            public int bind(PreparedStatement statement, int first) throws SQLException {
                int position = first;
                for (CallbackToken token : tokens) {
                    position = bindText(statement, position, token.value());
                }
                return scope.bind(statement, position);
            }

            @Override
            public void read(ResultSet rows) throws SQLException {
                while (rows.next()) {
                    Submission submission = entryFrom(rows).submission();
                    into.putIfAbsent(submission.token(), submission); // the newest comes first
                }
            }
        };
    }

    /** How many values one IN list takes: well below what either database allows in a statement. */
    static final int TOKENS_PER_QUERY = 500;

    /**
     * Unsettled decisions made on connections other than this one, counted per connection (the connection with the
     * oldest such decision first). They are never sent from here: only a session on their own connection settles
     * them. For a banner ("N decisions made on … are unsettled: connect to it to settle them").
     */
    List<HistoryStore.UnsettledElsewhere> unsettledElsewhere(Connection c, ConnectionId connection) {
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        // Grouped by the stored columns first; groups that name the same identity (one account under two labels,
        // say) are merged below.
        String sql = """
                SELECT i.connection, i.connection_account, i.connection_region, i.connection_endpoint,
                       CASE WHEN i.connection_region IS NULL THEN i.region END AS region,
                       count(*) AS decisions, min(i.seq) AS first_seq
                  FROM submission_event i
                  LEFT JOIN submission_event o
                    ON o.seq = (SELECT max(seq) FROM submission_event WHERE intent_seq = i.seq)
                 WHERE i.kind = 'INTENT' AND NOT %s AND %s
                 GROUP BY 1, 2, 3, 4, 5
                 ORDER BY first_seq""".formatted(scope.sql(), UNSETTLED);
        try (PreparedStatement select = c.prepareStatement(sql)) {
            scope.bind(select, 1);
            Map<ConnectionId, Long> counts = new LinkedHashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.merge(ConnectionScope.fromRow(rows), rows.getLong("decisions"), Long::sum);
                }
            }
            return counts.entrySet().stream().map(e -> new HistoryStore.UnsettledElsewhere(e.getKey(), e.getValue())).toList();
        } catch (SQLException e) {
            throw dialect.translate("counting unsettled decisions of other connections", e);
        }
    }

    /**
     * True when SageMaker accepted a decision on this callback token made on this connection (so a leftover message of
     * the token may be deleted). A decision on another connection says nothing about this one's step.
     */
    boolean answered(Connection c, CallbackToken token, ConnectionId connection) {
        Objects.requireNonNull(token, "token");
        ConnectionScope scope = ConnectionScope.of(Objects.requireNonNull(connection, "connection"), "i");
        try (PreparedStatement select = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM submission_event o JOIN submission_event i ON i.seq = o.intent_seq
                                WHERE o.callback_token = ? AND o.kind = 'OUTCOME' AND o.outcome = 'ACCEPTED'
                                  AND %s)""".formatted(scope.sql()))) {
            scope.bind(select, bindText(select, 1, token.value()));
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (SQLException e) {
            throw dialect.translate("checking whether token " + token + " was answered", e);
        }
    }

    /** The newest row's seq and hash ({@link ChainHead#EMPTY} for an empty history). */
    static ChainHead head(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet row = s.executeQuery(HEAD)) {
            return headOf(row);
        }
    }

    /** The query of the chain's newest row, its seq and hash; read by {@link #headOf}. */
    static final String HEAD = "SELECT seq, hash FROM submission_event ORDER BY seq DESC LIMIT 1";

    /** The chain head a result of {@link #HEAD} names. */
    static ChainHead headOf(ResultSet row) throws SQLException {
        return row.next() ? new ChainHead(row.getLong(1), row.getString(2)) : ChainHead.EMPTY;
    }

    private static int bindText(PreparedStatement statement, int position, String value) throws SQLException {
        statement.setString(position, value);
        return position + 1;
    }

    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<HistoryEntry> query(Connection c, String doing, String sql, Binding binding) {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            binding.bind(select);
            List<HistoryEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(entryFrom(rows));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw dialect.translate(doing, e);
        }
    }

    private HistoryEntry entryFrom(ResultSet row) throws SQLException {
        Submission submission = new Submission(
                new ClientRequestToken(row.getString("client_request_token")),
                Action.valueOf(row.getString("action")),
                new CallbackToken(row.getString("callback_token")),
                row.getString("execution_arn") == null ? null : new PipelineExecutionArn(row.getString("execution_arn")),
                new FailureReason(row.getString("reason")),
                new Operator(row.getString("operator")),
                ConnectionScope.fromRow(row),
                Instant.parse(row.getString("recorded_at")));
        String kind = row.getString("outcome");
        if (kind == null) {
            return new HistoryEntry(submission, null, null);
        }
        Outcome outcome = switch (kind) {
            case "ACCEPTED" -> new Outcome.Accepted(row.getString("returned_execution_arn"), row.getString("request_id"));
            case "REFUSED" -> new Outcome.Refused(row.getString("error_code"), row.getString("error_message"),
                    row.getString("explanation"), row.getString("request_id"));
            case "UNKNOWN" -> new Outcome.Unknown(row.getString("error_code"), row.getString("error_message"),
                    row.getString("explanation"));
            case "NOT_SENT" -> new Outcome.NotSent(row.getString("error_code"), row.getString("explanation"));
            default -> throw new IllegalStateException("The history " + dialect.location()
                    + " holds an outcome of unknown kind \"" + kind + "\"; a newer console may have written it.");
        };
        return new HistoryEntry(submission, outcome, Instant.parse(row.getString("outcome_recorded_at")));
    }
}
