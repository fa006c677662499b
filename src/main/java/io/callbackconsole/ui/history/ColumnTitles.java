package io.callbackconsole.ui.history;

import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.ui.common.WindowWords;

/**
 * The History tab's headings and field names in the window's words, keyed by each column's stable name
 * ({@code history.column.recorded_at}). The history layer's own titles stay English: the CLI and the exports
 * print them, and a file format does not change with the operator's language.
 */
final class ColumnTitles {
    private ColumnTitles() {
    }

    /** The heading of a raw-event column. */
    static String of(AuditColumn column) {
        return switch (column) {
            case SEQ -> WindowWords.text("history.column.seq");
            case RECORDED_AT -> WindowWords.text("history.column.recorded_at");
            case KIND -> WindowWords.text("history.column.kind");
            case ACTION -> WindowWords.text("history.column.action");
            case OUTCOME -> WindowWords.text("history.column.outcome");
            case OPERATOR -> WindowWords.text("history.column.operator");
            case CALLBACK_TOKEN -> WindowWords.text("history.column.callback_token");
            case PIPELINE_NAME -> WindowWords.text("history.column.pipeline_name");
            case STEP_NAME -> WindowWords.text("history.column.step_name");
            case EXECUTION_ARN -> WindowWords.text("history.column.execution_arn");
            case RETURNED_EXECUTION_ARN -> WindowWords.text("history.column.returned_execution_arn");
            case REASON -> WindowWords.text("history.column.reason");
            case OUTPUT_PARAMETERS -> WindowWords.text("history.column.output_parameters");
            case ERROR_CODE -> WindowWords.text("history.column.error_code");
            case ERROR_MESSAGE -> WindowWords.text("history.column.error_message");
            case EXPLANATION -> WindowWords.text("history.column.explanation");
            case REQUEST_ID -> WindowWords.text("history.column.request_id");
            case CLIENT_REQUEST_TOKEN -> WindowWords.text("history.column.client_request_token");
            case CALLER_ARN -> WindowWords.text("history.column.caller_arn");
            case CALLER_ACCOUNT -> WindowWords.text("history.column.caller_account");
            case PROFILE -> WindowWords.text("history.column.profile");
            case REGION -> WindowWords.text("history.column.region");
            case CONNECTION -> WindowWords.text("history.column.connection");
            case CONNECTION_ACCOUNT -> WindowWords.text("history.column.connection_account");
            case CONNECTION_REGION -> WindowWords.text("history.column.connection_region");
            case CONNECTION_ENDPOINT -> WindowWords.text("history.column.connection_endpoint");
            case CONSOLE_VERSION -> WindowWords.text("history.column.console_version");
            case INTENT_SEQ -> WindowWords.text("history.column.intent_seq");
            case HASH -> WindowWords.text("history.column.hash");
            case IMPORTED_FROM -> WindowWords.text("history.column.imported_from");
            case IMPORTED_HEAD -> WindowWords.text("history.column.imported_head");
            case IMPORTED_AT -> WindowWords.text("history.column.imported_at");
            case IMPORTED_SEQ -> WindowWords.text("history.column.imported_seq");
            case IMPORTED_HASH -> WindowWords.text("history.column.imported_hash");
        };
    }

    /** The heading of a decision column; a field a raw event has too is called as it is there. */
    static String of(DecisionColumn column) {
        return switch (column) {
            case DECIDED_AT -> WindowWords.text("history.column.decided_at");
            case OPERATOR -> WindowWords.text("history.column.operator");
            case ACTION -> WindowWords.text("history.column.action");
            case CALLBACK_TOKEN -> WindowWords.text("history.column.callback_token");
            case REASON -> WindowWords.text("history.column.reason");
            case OUTCOME -> WindowWords.text("history.column.outcome");
            case ATTEMPTS -> WindowWords.text("history.column.attempts");
            case PIPELINE_NAME -> WindowWords.text("history.column.pipeline_name");
            case STEP_NAME -> WindowWords.text("history.column.step_name");
            case ERROR_CODE -> WindowWords.text("history.column.error_code");
            case ERROR_MESSAGE -> WindowWords.text("history.column.error_message");
            case RETURNED_EXECUTION_ARN -> WindowWords.text("history.column.returned_execution_arn");
            case OUTCOME_RECORDED_AT -> WindowWords.text("history.column.outcome_recorded_at");
            case EXPLANATION -> WindowWords.text("history.column.explanation");
            case REQUEST_ID -> WindowWords.text("history.column.request_id");
            case EXECUTION_ARN -> WindowWords.text("history.column.execution_arn");
            case OUTPUT_PARAMETERS -> WindowWords.text("history.column.output_parameters");
            case CLIENT_REQUEST_TOKEN -> WindowWords.text("history.column.client_request_token");
            case CONNECTION -> WindowWords.text("history.column.connection");
            case INTENT_SEQ -> WindowWords.text("history.column.intent_seq");
            case OUTCOME_SEQ -> WindowWords.text("history.column.outcome_seq");
            case EVENT_SEQS -> WindowWords.text("history.column.event_seqs");
        };
    }
}
