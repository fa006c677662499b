package io.callbackconsole.history;

import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Submission;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Journal rows that {@link HistoryStore#append} writes in one transaction, so that they cost one fsync together
 * (group commit): intents of decisions about to be sent and outcomes of decisions sent. Rows are appended to the hash
 * chain in the order they were added; an outcome may follow its own intent in the same batch. Not thread-safe: one
 * thread fills a batch and hands it over.
 */
public final class JournalBatch {

    /** One row to append. */
    sealed interface Row permits Intent, OutcomeOf {
    }

    /**
     * @param stepName             the callback step's name, or null when SageMaker has not told us
     * @param outputParametersJson for an approval, its output parameters as a JSON array; null otherwise
     */
    record Intent(Submission submission, String stepName, String outputParametersJson) implements Row {
        Intent {
            Objects.requireNonNull(submission, "submission");
        }
    }

    record OutcomeOf(ClientRequestToken requestToken, Outcome outcome, Instant at) implements Row {
        OutcomeOf {
            Objects.requireNonNull(requestToken, "requestToken");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Row> rows = new ArrayList<>();
    private int intents;
    private boolean refusingTokensBeingDecided;

    /**
     * Refuses each intent of this batch whose token has an unsettled decision on the same connection already, checked
     * inside the write transaction (under the chain lock): the decision protocol's new decisions, so that consoles
     * sharing a history never journal two decisions on one token at once. The whole batch is then refused with
     * {@link TokenBeingDecidedException}.
     */
    public JournalBatch refusingTokensBeingDecided() {
        refusingTokensBeingDecided = true;
        return this;
    }

    boolean refusesTokensBeingDecided() {
        return refusingTokensBeingDecided;
    }

    /** Adds the intent of a decision that is sent only once this batch is durable. */
    public JournalBatch intent(Submission submission, String stepName) {
        return add(new Intent(submission, stepName, null));
    }

    /** Adds the intent of an approval, with the output parameters it sends (journaled as a JSON array). */
    public JournalBatch approvalIntent(Submission submission, String stepName, OutputParameters outputs) {
        Objects.requireNonNull(outputs, "outputs");
        ArrayNode json = JSON.createArrayNode();
        outputs.values().forEach(p -> json.addObject().put("Name", p.name()).put("Value", p.value()));
        return intent(submission, stepName, json.toString());
    }

    JournalBatch intent(Submission submission, String stepName, String outputParametersJson) {
        return add(new Intent(submission, stepName, outputParametersJson));
    }

    /** Adds what came of sending a journaled decision (journaled earlier, or earlier in this batch). */
    public JournalBatch outcome(ClientRequestToken requestToken, Outcome outcome, Instant at) {
        return add(new OutcomeOf(requestToken, outcome, at));
    }

    private JournalBatch add(Row row) {
        rows.add(row);
        if (row instanceof Intent) {
            intents++;
        }
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public int size() {
        return rows.size();
    }

    List<Row> rows() {
        return rows;
    }

    /** The client request tokens of the decisions this batch has rows of: its intents' and its outcomes'. */
    public Set<ClientRequestToken> requestTokens() {
        Set<ClientRequestToken> tokens = new LinkedHashSet<>();
        for (Row row : rows) {
            tokens.add(row instanceof Intent intent ? intent.submission().requestToken()
                    : ((OutcomeOf) row).requestToken());
        }
        return tokens;
    }

    /** What writing this batch is, as a phrase for an error message ("journaling the decision on token X"). */
    String doing() {
        if (rows.size() == 1) {
            return rows.get(0) instanceof Intent intent
                    ? "journaling the decision on token " + intent.submission().token()
                    : "recording the outcome of decision " + ((OutcomeOf) rows.get(0)).requestToken();
        }
        return "journaling " + intents + " decision(s) and " + (rows.size() - intents) + " outcome(s) together";
    }
}
