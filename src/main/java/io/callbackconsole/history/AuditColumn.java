package io.callbackconsole.history;

import java.util.Arrays;
import java.util.Optional;

/** Every column of an audit record, in the order the History view and the exports show them. */
public enum AuditColumn {
    SEQ("seq", "Seq"),
    RECORDED_AT("recorded_at", "Time (UTC)"),
    KIND("kind", "Kind"),
    ACTION("action", "Action"),
    OUTCOME("outcome", "Outcome"),
    OPERATOR("operator", "Operator"),
    CALLBACK_TOKEN("callback_token", "Token"),
    PIPELINE_NAME("pipeline_name", "Pipeline"),
    STEP_NAME("step_name", "Step"),
    EXECUTION_ARN("execution_arn", "Execution ARN (sent)"),
    RETURNED_EXECUTION_ARN("returned_execution_arn", "Execution ARN (returned)"),
    REASON("reason", "Reason"),
    OUTPUT_PARAMETERS("output_parameters", "Output parameters"),
    ERROR_CODE("error_code", "Error code"),
    ERROR_MESSAGE("error_message", "Error message"),
    EXPLANATION("explanation", "Explanation"),
    REQUEST_ID("request_id", "AWS request id"),
    CLIENT_REQUEST_TOKEN("client_request_token", "Client request token"),
    CALLER_ARN("caller_arn", "Caller ARN"),
    CALLER_ACCOUNT("caller_account", "Account"),
    PROFILE("profile", "Profile"),
    REGION("region", "Region"),
    CONNECTION("connection", "Connection"),
    CONNECTION_ACCOUNT("connection_account", "Connection account"),
    CONNECTION_REGION("connection_region", "Connection region"),
    CONNECTION_ENDPOINT("connection_endpoint", "Connection endpoints"),
    CONSOLE_VERSION("console_version", "Console version"),
    INTENT_SEQ("intent_seq", "Intent seq"),
    HASH("hash", "Hash"),
    /** For a row copied from a local history by {@code history import}: the file it came from; NULL for others. */
    IMPORTED_FROM("imported_from", "Imported from"),
    /** The source file's chain head (SEQ:HASH) when it was imported. */
    IMPORTED_HEAD("imported_head", "Source chain head"),
    IMPORTED_AT("imported_at", "Imported at (UTC)"),
    /** The row's seq in the source file. */
    IMPORTED_SEQ("imported_seq", "Source seq"),
    /** The row's hash in the source file's chain. */
    IMPORTED_HASH("imported_hash", "Source hash");

    /** The columns that say where an imported row came from; only a team history has them. */
    static final java.util.Set<AuditColumn> IMPORT_PROVENANCE = java.util.EnumSet.of(IMPORTED_FROM, IMPORTED_HEAD,
            IMPORTED_AT, IMPORTED_SEQ, IMPORTED_HASH);

    private final String sqlName;
    private final String title;

    AuditColumn(String sqlName, String title) {
        this.sqlName = sqlName;
        this.title = title;
    }

    /** The column's name in {@code submission_event} and in exports. */
    public String sqlName() {
        return sqlName;
    }

    /** The column's heading on screen. */
    public String title() {
        return title;
    }

    public static Optional<AuditColumn> bySqlName(String name) {
        return Arrays.stream(values()).filter(c -> c.sqlName.equals(name)).findFirst();
    }
}
