package io.callbackconsole.history;

/**
 * Every field of a decision (an intent with its latest outcome and the attempts before it), in the order the History
 * view, the CLI and the decision exports show them: what an auditor reads first (time, who, what, on which token, why,
 * with what result) on the left.
 */
public enum DecisionColumn {
    DECIDED_AT("decided_at", "Time (UTC)", "i.recorded_at"),
    OPERATOR("operator", "Operator", "i.operator"),
    ACTION("action", "Action", "i.action"),
    CALLBACK_TOKEN("callback_token", "Token", "i.callback_token"),
    REASON("reason", "Reason", "i.reason"),
    /** The latest outcome's kind, or {@link DecisionRecord#IN_FLIGHT} while none is recorded. */
    OUTCOME("outcome", "Outcome", "coalesce(o.outcome, '" + DecisionRecord.IN_FLIGHT + "')"),
    /**
     * Times the decision was sent: its outcome rows that answer a call (ACCEPTED, REFUSED, UNKNOWN), not NOT_SENT
     * and not the operator giving up ({@code GaveUp}).
     */
    ATTEMPTS("attempts", "Attempts", "(SELECT count(*) FROM submission_event a WHERE a.intent_seq = i.seq"
            + " AND a.outcome IN ('ACCEPTED', 'REFUSED', 'UNKNOWN') AND coalesce(a.error_code, '') <> 'GaveUp')"),
    PIPELINE_NAME("pipeline_name", "Pipeline", "i.pipeline_name"),
    STEP_NAME("step_name", "Step", "i.step_name"),
    ERROR_CODE("error_code", "Error code", "o.error_code"),
    ERROR_MESSAGE("error_message", "Error message", "o.error_message"),
    RETURNED_EXECUTION_ARN("returned_execution_arn", "Execution ARN (returned)", "o.returned_execution_arn"),
    OUTCOME_RECORDED_AT("outcome_recorded_at", "Outcome recorded (UTC)", "o.recorded_at"),
    EXPLANATION("explanation", "Explanation", "o.explanation"),
    REQUEST_ID("request_id", "AWS request id", "o.request_id"),
    EXECUTION_ARN("execution_arn", "Execution ARN (sent)", "i.execution_arn"),
    OUTPUT_PARAMETERS("output_parameters", "Output parameters", "i.output_parameters"),
    CLIENT_REQUEST_TOKEN("client_request_token", "Client request token", "i.client_request_token"),
    CONNECTION("connection", "Connection", "i.connection"),
    INTENT_SEQ("intent_seq", "Intent seq", "i.seq"),
    OUTCOME_SEQ("outcome_seq", "Outcome seq", "o.seq"),
    /** Every row of the decision (intent, attempts, outcome) by seq, space separated: what to check in the chain. */
    EVENT_SEQS("event_seqs", "Event seqs", "i.seq || coalesce(' ' || (SELECT group_concat(e.seq, ' ') FROM"
            + " (SELECT seq FROM submission_event WHERE intent_seq = i.seq ORDER BY seq) e), '')");

    private static final java.util.regex.Pattern READS_OUTCOME = java.util.regex.Pattern.compile("\\bo\\.");

    private final String name;
    private final String title;
    private final String sql;

    DecisionColumn(String name, String title, String sql) {
        this.name = name;
        this.title = title;
        this.sql = sql;
    }

    /** The field's name in decision exports. */
    public String exportName() {
        return name;
    }

    /** The field's heading on screen. */
    public String title() {
        return title;
    }

    /** Its value over an intent {@code i} and its latest outcome {@code o}. */
    String sql() {
        return sql;
    }

    /** Whether its value comes from the latest outcome, so ordering by it needs the outcome joined. */
    boolean readsOutcome() {
        return READS_OUTCOME.matcher(sql).find();
    }

    /** Whether exports write it as a JSON number. */
    boolean numeric() {
        return this == ATTEMPTS || this == INTENT_SEQ || this == OUTCOME_SEQ;
    }
}
