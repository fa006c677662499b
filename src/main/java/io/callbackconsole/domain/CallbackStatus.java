package io.callbackconsole.domain;

/**
 * The {@code status} field of a callback message. SageMaker sends {@code Executing} when the step starts and
 * {@code Stopping} when the execution is asked to stop while the step waits. A message without the field is taken as
 * {@code Executing} (older messages lack it); a value this console does not know is kept and shown as it came.
 */
public enum CallbackStatus {
    EXECUTING("Executing"),
    STOPPING("Stopping"),
    UNRECOGNISED("Unrecognised");

    private final String wireValue;

    CallbackStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    public static CallbackStatus fromWire(String value) {
        if (value == null || value.equals("Executing")) {
            return EXECUTING;
        }
        if (value.equals("Stopping")) {
            return STOPPING;
        }
        return UNRECOGNISED;
    }
}
