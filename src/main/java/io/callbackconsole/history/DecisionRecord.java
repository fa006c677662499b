package io.callbackconsole.history;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One decision as the history holds it: the intent joined with its latest outcome, and every row of it (the intent,
 * the outcomes of earlier attempts, the latest outcome) in seq order. Each background retry of an unanswered decision
 * adds an outcome row; here they are attempts of one decision, not decisions of their own. Not validated, as
 * {@link AuditRecord}.
 */
public final class DecisionRecord {
    /** The {@link DecisionColumn#OUTCOME} of a decision with no outcome recorded yet. */
    public static final String IN_FLIGHT = "IN_FLIGHT";

    private final String[] values;
    private final List<AuditRecord> events;

    DecisionRecord(String[] values, List<AuditRecord> events) {
        if (values.length != DecisionColumn.values().length) {
            throw new IllegalArgumentException("A decision has " + DecisionColumn.values().length
                    + " fields; got " + values.length);
        }
        this.values = values.clone();
        this.events = List.copyOf(events);
    }

    /** The field's text, or null. */
    public String get(DecisionColumn column) {
        return values[column.ordinal()];
    }

    public long intentSeq() {
        return Long.parseLong(get(DecisionColumn.INTENT_SEQ));
    }

    public boolean inFlight() {
        return IN_FLIGHT.equals(get(DecisionColumn.OUTCOME));
    }

    /** How many times it was sent (see {@link DecisionColumn#ATTEMPTS}). */
    public int attempts() {
        String attempts = get(DecisionColumn.ATTEMPTS);
        return attempts == null ? 0 : Integer.parseInt(attempts);
    }

    /** The intent, then each outcome row, by seq. */
    public List<AuditRecord> events() {
        return events;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecisionRecord other && Arrays.equals(values, other.values) && events.equals(other.events);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(values), events);
    }

    @Override
    public String toString() {
        return "DecisionRecord[intent seq " + get(DecisionColumn.INTENT_SEQ) + ", " + get(DecisionColumn.ACTION)
                + " on " + get(DecisionColumn.CALLBACK_TOKEN) + ", " + get(DecisionColumn.OUTCOME) + ", "
                + events.size() + " rows]";
    }
}
