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
        Map<String, Map<String, Object>> found = intentsNamed(c, asked);
        Map<CallbackToken, Submission> unsettled = batch.refusesTokensBeingDecided()
                ? unsettledBefore(c, batch, found, queries) : Map.of();
        JournalBatchLookups lookups = new JournalBatchLookups(unsettled);
        lookups.intents.putAll(found);
        lookups.journaled.addAll(found.keySet());
        return lookups;
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
     * Each token's unsettled decision, per connection of the batch's intents; null when the batch's own rows could
     * change what the check finds, so it is made row by row.
     */
    private static Map<CallbackToken, Submission> unsettledBefore(Connection c, JournalBatch batch,
                                                                 Map<String, Map<String, Object>> found,
                                                                 JournalQueries queries) {
        Map<ConnectionId, Set<CallbackToken>> byConnection = new LinkedHashMap<>();
        Set<String> decided = new HashSet<>();
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.Intent intent) {
                Submission s = intent.submission();
                if (!decided.add(s.token().value())) {
                    return null; // two intents on one token: the second must see the first
                }
                byConnection.computeIfAbsent(s.connection(), k -> new LinkedHashSet<>()).add(s.token());
            }
        }
        for (JournalBatch.Row row : batch.rows()) {
            if (row instanceof JournalBatch.OutcomeOf outcome) {
                Map<String, Object> intent = found.get(outcome.requestToken().value());
                // An outcome on a token the batch decides anew may settle what the new intent would meet; one whose
                // intent is not found yet is in this batch (or nowhere), on a token of its own.
                if (intent == null || decided.contains((String) intent.get("callback_token"))) {
                    return null;
                }
            }
        }
        Map<CallbackToken, Submission> unsettled = new HashMap<>();
        byConnection.forEach((connection, tokens) -> unsettled.putAll(
                queries.latestUnsettledFor(c, tokens, connection)));
        return unsettled;
    }

    /** The intents with these request tokens, by request token: their {@link #INTENT_COLUMNS}. */
    private static Map<String, Map<String, Object>> intentsNamed(Connection c, Set<String> requestTokens)
            throws SQLException {
        Map<String, Map<String, Object>> found = new HashMap<>();
        List<String> all = List.copyOf(requestTokens);
        for (int from = 0; from < all.size(); from += JournalQueries.TOKENS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + JournalQueries.TOKENS_PER_QUERY));
            try (PreparedStatement select = c.prepareStatement("SELECT " + String.join(", ", INTENT_COLUMNS)
                    + " FROM submission_event WHERE kind = 'INTENT' AND client_request_token IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        Map<String, Object> columns = new LinkedHashMap<>();
                        columns.put("seq", rows.getLong("seq"));
                        for (String column : INTENT_COLUMNS.subList(1, INTENT_COLUMNS.size())) {
                            columns.put(column, rows.getString(column));
                        }
                        found.put(rows.getString("client_request_token"), columns);
                    }
                }
            }
        }
        return found;
    }
}
