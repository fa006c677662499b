package io.callbackconsole.sandbox;

/** The status of an execution, as the service model's {@code PipelineExecutionStatus} enum names it. */
enum PipelineExecutionStatus {
    Executing,
    Stopping,
    Stopped,
    Failed,
    Succeeded
}
