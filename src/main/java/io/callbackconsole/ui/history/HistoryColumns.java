package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.DecisionColumn;

/** How wide each History column starts and how a stored value reads in its cells: shared by the three tables. */
final class HistoryColumns {
    private HistoryColumns() {
    }

    static double width(AuditColumn column) {
        return switch (column) {
            case SEQ -> 70;
            case RECORDED_AT -> 210; // the whole instant, milliseconds and zone included
            case KIND, ACTION, OUTCOME, REGION -> 80;
            case OPERATOR, CALLBACK_TOKEN, PROFILE, CALLER_ACCOUNT -> 110;
            case EXECUTION_ARN, RETURNED_EXECUTION_ARN, CALLER_ARN -> 320;
            case REASON, ERROR_MESSAGE, EXPLANATION, OUTPUT_PARAMETERS -> 240;
            case REQUEST_ID, CLIENT_REQUEST_TOKEN -> 260;
            case HASH -> 300;
            default -> 130;
        };
    }

    static double width(DecisionColumn column) {
        return switch (column) {
            case DECIDED_AT, OUTCOME_RECORDED_AT -> 210;
            case ACTION, OUTCOME, ATTEMPTS -> 80;
            case OPERATOR, CALLBACK_TOKEN, ERROR_CODE -> 110;
            case REASON, ERROR_MESSAGE, EXPLANATION, OUTPUT_PARAMETERS -> 240;
            case EXECUTION_ARN, RETURNED_EXECUTION_ARN -> 320;
            case REQUEST_ID, CLIENT_REQUEST_TOKEN -> 260;
            default -> 130;
        };
    }

    /**
     * A stored value as a cell shows it: rows hold what outside text said (error messages, rows an older console
     * wrote), so control and bidirectional characters are shown escaped, never obeyed.
     */
    static String shown(String value) {
        return value == null ? null : DisplayText.escape(value);
    }
}
