package io.callbackconsole.domain;

/** What an operator decided to do with a pending token. */
public enum Action {
    /** SendPipelineExecutionStepFailure. */
    FAIL,
    /** SendPipelineExecutionStepSuccess with output parameters (stored as JSON beside the intent). */
    APPROVE,
    /**
     * A stale token's message removed without calling SageMaker: its step no longer waits. The outcome records
     * whether the SQS message was deleted.
     */
    DISMISS
}
