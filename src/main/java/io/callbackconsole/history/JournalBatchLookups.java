package io.callbackconsole.history;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Submission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a write transaction must know of the history before it appends a batch — which of its intents are journaled
 * already, the intent each outcome answers, and (for a batch that refuses tokens being decided) each token's
 * unsettled decision — read in a few queries for the whole batch instead of a few per row. On a team history each
 * query is a round trip to the server: five per decision made the bulk run wait on the server more than on anything
 * else. Read under the chain lock, so nothing changes between the look-ups and the appends but the batch's own rows,
 * which are added as they are appended. A batch whose own rows could change what a check finds (two intents on one
 * token, or an outcome on a token the batch also decides anew) is checked row by row, after the rows before it, as
 * the journal always did.
 */
final class JournalBatchLookups {
    /** The columns of an intent that its outcome row repeats, with {@code seq}. */
    static final List<String> INTENT_COLUMNS = List.of("seq", "client_request_token", "action", "callback_token",
            "pipeline_name", "execution_arn", "step_name", "connection", "connection_account", "connection_region",
            "connection_endpoint");

    private final Set<String> journaled = new HashSet<>();
    private final Map<String, Map<String, Object>> intents = new HashMap<>();
    /** Each token's unsettled decision before the batch; null when the batch is checked row by row. */
    private final Map<CallbackToken, Submission> unsettled;

    private JournalBatchLookups(Map<CallbackToken, Submission> unsettled) {
        this.unsettled = unsettled;
    }

    /** Reads what the batch needs to know; call under the chain lock, before appending any of its rows. */
    static JournalBatchLookups read(Connection c, JournalBatch batch, JournalQueries queries) throws SQLException {
        Planned planned = plan(batch, queries);
        for (LockedRead read : planned.reads()) {
            try (PreparedStatement select = c.prepareStatement(read.sql())) {
                read.bind(select, 1);
                try (ResultSet rows = select.executeQuery()) {
                    read.read(rows);
                }
            }
        }
        return planned.lookups();
    }

    /**
     * The queries that read what the batch needs to know, to run under the chain lock before any of its rows is
     * appended (a team history sends them with the lock: {@link HistoryDialect#beginWriteAtHead}); once they ran,
     * {@link Planned#lookups()} holds what they found.
     */
    static Planned plan(JournalBatch batch, JournalQueries queries) {
        List<String> intentTokens = new ArrayList<>();
        List<String> answered = new ArrayList<>();
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.Intent intent) {
                intentTokens.add(intent.submission().requestToken().value());
            } else {
                answered.add(((JournalBatch.OutcomeOf) row).requestToken().value());
            }
        }
        Set<String> asked = new LinkedHashSet<>(intentTokens);
        asked.addAll(answered);
        Map<String, Map<String, Object>> found = new HashMap<>();
        List<LockedRead> reads = new ArrayList<>(intentsNamed(asked, found));
        Map<CallbackToken, Submission> unsettled = new HashMap<>();
        Map<ConnectionId, Set<CallbackToken>> decided = batch.refusesTokensBeingDecided() ? tokensDecided(batch) : null;
        if (decided != null) {
            // Read whatever the outcomes' intents say: when one makes the batch check row by row, this is unused.
            decided.forEach((connection, tokens) -> {
                List<CallbackToken> all = List.copyOf(tokens);
                for (int from = 0; from < all.size(); from += JournalQueries.TOKENS_PER_QUERY) {
                    reads.add(queries.latestUnsettledRead(all.subList(from,
                            Math.min(all.size(), from + JournalQueries.TOKENS_PER_QUERY)), connection, unsettled));
                }
            });
        }
        return new Planned(reads, () -> {
            Map<CallbackToken, Submission> before = !batch.refusesTokensBeingDecided() ? Map.of()
                    : decided == null || outcomeMeetsTokenDecided(batch, found) ? null : unsettled;
            JournalBatchLookups lookups = new JournalBatchLookups(before);
            lookups.intents.putAll(found);
            lookups.journaled.addAll(found.keySet());
            return lookups;
        });
    }

    /** A batch's look-up queries, and what they found once they ran. */
    static final class Planned {
        private final List<LockedRead> reads;
        private final java.util.function.Supplier<JournalBatchLookups> found;

        private Planned(List<LockedRead> reads, java.util.function.Supplier<JournalBatchLookups> found) {
            this.reads = List.copyOf(reads);
            this.found = found;
        }

        List<LockedRead> reads() {
            return reads;
        }

        /** What the reads found; call once they ran. */
        JournalBatchLookups lookups() {
            return found.get();
        }
    }

    /** Whether an intent with this request token is in the history, or was appended in this transaction. */
    boolean journaled(ClientRequestToken requestToken) {
        return journaled.contains(requestToken.value());
    }

    /** The intent an outcome answers: its {@link #INTENT_COLUMNS}; empty when there is none. */
    Optional<Map<String, Object>> intentOf(ClientRequestToken requestToken) {
        return Optional.ofNullable(intents.get(requestToken.value()));
    }

    /** Whether the batch's tokens are checked row by row, each after the rows before it (see the class). */
    boolean checksRowByRow() {
        return unsettled == null;
    }

    /**
     * The intent's token's unsettled decision on the intent's connection, as it was before this batch (each token of
     * the batch is decided on one connection); only when not {@link #checksRowByRow()}.
     */
    Optional<Submission> unsettledBefore(Submission intent) {
        if (unsettled == null) {
            throw new IllegalStateException("this batch is checked row by row");
        }
        return Optional.ofNullable(unsettled.get(intent.token()));
    }

    /** An intent appended in this transaction, with its seq: later rows of the batch find it. */
    void appended(long seq, Map<String, Object> intentRow) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("seq", seq);
        for (String column : INTENT_COLUMNS.subList(1, INTENT_COLUMNS.size())) {
            columns.put(column, intentRow.get(column));
        }
        String requestToken = (String) intentRow.get("client_request_token");
        journaled.add(requestToken);
        intents.put(requestToken, columns);
    }

    /**
     * The tokens of the batch's intents, per connection; null when two intents are on one token (the second must see
     * the first, so the batch is checked row by row).
     */
    private static Map<ConnectionId, Set<CallbackToken>> tokensDecided(JournalBatch batch) {
        Map<ConnectionId, Set<CallbackToken>> byConnection = new LinkedHashMap<>();
        Set<String> decided = new HashSet<>();
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.Intent intent) {
                Submission s = intent.submission();
                if (!decided.add(s.token().value())) {
                    return null;
                }
                byConnection.computeIfAbsent(s.connection(), k -> new LinkedHashSet<>()).add(s.token());
            }
        }
        return byConnection;
    }

    /**
     * Whether an outcome of the batch is on a token the batch decides anew (it may settle what the new intent would
     * meet), or its intent is not found yet (it is in this batch, or nowhere): the batch is then checked row by row.
     */
    private static boolean outcomeMeetsTokenDecided(JournalBatch batch, Map<String, Map<String, Object>> found) {
        Set<String> decided = new HashSet<>();
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.Intent intent) {
                decided.add(intent.submission().token().value());
            }
        }
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.OutcomeOf outcome) {
                Map<String, Object> intent = found.get(outcome.requestToken().value());
                if (intent == null || decided.contains((String) intent.get("callback_token"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The reads of the intents with these request tokens, into {@code found} by request token: their
     * {@link #INTENT_COLUMNS}.
     */
    private static List<LockedRead> intentsNamed(Set<String> requestTokens, Map<String, Map<String, Object>> found) {
        List<LockedRead> reads = new ArrayList<>();
        List<String> all = List.copyOf(requestTokens);
        for (int from = 0; from < all.size(); from += JournalQueries.TOKENS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + JournalQueries.TOKENS_PER_QUERY));
            String sql = "SELECT " + String.join(", ", INTENT_COLUMNS)
                    + " FROM submission_event WHERE kind = 'INTENT' AND client_request_token IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            reads.add(new LockedRead() {
                @Override
                public String sql() {
                    return sql;
                }

                @Override
                public int bind(PreparedStatement statement, int first) throws SQLException {
                    int position = first;
                    for (String token : chunk) {
                        statement.setString(position++, token);
                    }
                    return position;
                }

                @Override
                public void read(ResultSet rows) throws SQLException {
                    while (rows.next()) {
                        Map<String, Object> columns = new LinkedHashMap<>();
                        columns.put("seq", rows.getLong("seq"));
                        for (String column : INTENT_COLUMNS.subList(1, INTENT_COLUMNS.size())) {
                            columns.put(column, rows.getString(column));
                        }
                        found.put(rows.getString("client_request_token"), columns);
                    }
                }
            });
        }
        return reads;
    }
}
