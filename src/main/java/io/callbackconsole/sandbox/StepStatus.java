package io.callbackconsole.sandbox;

/**
 * The status of one step of an execution, as the service model's {@code StepStatus} enum names it (the wire value is
 * the constant's name). A callback message's {@code status} carries {@link #Executing} or {@link #Stopping}.
 */
enum StepStatus {
    Starting,
    Executing,
    Stopping,
    Stopped,
    Failed,
    Succeeded;

    /** Still holding one of the execution's parallel slots: started and not finished. */
    boolean isRunning() {
        return this == Starting || this == Executing || this == Stopping;
    }
}
