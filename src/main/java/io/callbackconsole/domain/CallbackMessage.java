package io.callbackconsole.domain;

import java.util.Objects;

/**
 * A valid callback message, as a SageMaker callback step sends it to SQS.
 *
 * @param statusText       the status exactly as the message gave it ("Executing" when it had none)
 * @param argumentsJson    the step's arguments as pretty-printed JSON ("{}" when none)
 * @param argumentsSummary one line for a table cell: {@code name=value, ...}
 */
public record CallbackMessage(
        CallbackToken token,
        PipelineExecutionArn executionArn,
        CallbackStatus status,
        String statusText,
        String argumentsJson,
        String argumentsSummary) {

    public CallbackMessage {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(executionArn, "executionArn");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(argumentsJson, "argumentsJson");
        Objects.requireNonNull(argumentsSummary, "argumentsSummary");
    }
}
