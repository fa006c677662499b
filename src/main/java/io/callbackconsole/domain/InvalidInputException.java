package io.callbackconsole.domain;

/**
 * Input an operator or a message supplied that cannot be used as it is. The message says what is wrong and what to
 * do, in words meant for the operator.
 */
public final class InvalidInputException extends IllegalArgumentException {
    public InvalidInputException(String message) {
        super(message);
    }
}
