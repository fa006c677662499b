package io.callbackconsole.domain;

/** What an operator decided to do with a pending token. */
public enum Action {
    /** SendPipelineExecutionStepFailure. */
    FAIL
}
