package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.ui.common.WindowWords;
import java.util.StringJoiner;

/** How a decision reads in the detail pane and when copied. */
final class DecisionRecordText {
    private DecisionRecordText() {
    }

    /** The outcome as a person reads it: "in flight" while none is recorded, else its kind. */
    static String outcome(DecisionRecord decision) {
        return decision.inFlight() ? WindowWords.text("history.inFlight") : decision.get(DecisionColumn.OUTCOME);
    }

    /** Every field of the decision, then every field of each of its rows (intent, attempts, outcome). */
    static String details(DecisionRecord decision) {
        if (decision == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (DecisionColumn column : DecisionColumn.values()) {
            String value = column == DecisionColumn.OUTCOME ? outcome(decision) : decision.get(column);
            text.append(ColumnTitles.of(column)).append(": ").append(value == null ? "—" : DisplayText.escape(value))
                    .append('\n');
        }
        int attempt = 0;
        for (AuditRecord event : decision.events()) {
            text.append('\n').append("── ").append(eventTitle(event, "OUTCOME".equals(kind(event)) ? ++attempt : 0))
                    .append(" ──\n").append(AuditRecordText.details(event));
        }
        return text.toString();
    }

    /** "Intent (seq 1)", "Outcome 2 of the decision (seq 3)": which row of the decision this is. */
    static String eventTitle(AuditRecord event, int outcomeNumber) {
        String seq = event.get(io.callbackconsole.history.AuditColumn.SEQ);
        return outcomeNumber == 0 ? WindowWords.text("history.detail.intent", seq)
                : WindowWords.text("history.detail.outcome", outcomeNumber, seq);
    }

    /** The decision as one tab-separated line in field order (pastes into a spreadsheet); tabs and newlines flattened. */
    static String row(DecisionRecord decision) {
        StringJoiner line = new StringJoiner("\t");
        for (DecisionColumn column : DecisionColumn.values()) {
            String value = decision.get(column);
            line.add(value == null ? "" : value.replace('\t', ' ').replace("\r", " ").replace('\n', ' '));
        }
        return line.toString();
    }

    private static String kind(AuditRecord event) {
        return event.get(io.callbackconsole.history.AuditColumn.KIND);
    }
}
