package io.callbackconsole.sandbox;

/**
 * An error the simulator answers with, as AWS would: an error code (the {@code __type} on the wire), a message and an
 * HTTP status. Also thrown by the simulator's Java API ({@link SageMakerSimulator#startExecution}) so tests see the
 * same refusal a client would.
 */
public final class SageMakerSimulatorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String errorCode;
    private final int httpStatus;

    SageMakerSimulatorException(String errorCode, int httpStatus, String message) {
        super(message);
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    static SageMakerSimulatorException validation(String message) {
        return new SageMakerSimulatorException("ValidationException", 400, message);
    }

    static SageMakerSimulatorException serialization(String message) {
        return new SageMakerSimulatorException("SerializationException", 400, message);
    }

    static SageMakerSimulatorException notFound(String message) {
        return new SageMakerSimulatorException("ResourceNotFound", 400, message);
    }

    static SageMakerSimulatorException conflict(String message) {
        return new SageMakerSimulatorException("ConflictException", 400, message);
    }

    static SageMakerSimulatorException unknownOperation(String message) {
        return new SageMakerSimulatorException("UnknownOperationException", 400, message);
    }

    /** The AWS error code, e.g. {@code ResourceNotFound} or {@code ValidationException}. */
    public String errorCode() {
        return errorCode;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
