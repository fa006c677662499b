package io.callbackconsole.sandbox;

import io.callbackconsole.sandbox.RequestFields.NameValue;
import java.util.List;

/**
 * The request that answered a callback token: a failure with its reason or a success with its outputs. A retry must
 * match it exactly (same {@code ClientRequestToken}, same content) to get the same answer again.
 *
 * @param clientRequestToken null when the request named none
 * @param failureReason      the reason of a failure, or null
 * @param outputParameters   the outputs of a success; empty for a failure
 */
record CallbackAnswer(boolean success, String clientRequestToken, String failureReason,
                      List<NameValue> outputParameters) {
    CallbackAnswer {
        outputParameters = List.copyOf(outputParameters);
    }

    static CallbackAnswer failure(String failureReason, String clientRequestToken) {
        return new CallbackAnswer(false, clientRequestToken, failureReason, List.of());
    }

    static CallbackAnswer success(List<NameValue> outputParameters, String clientRequestToken) {
        return new CallbackAnswer(true, clientRequestToken, null, outputParameters);
    }

    /** The operation that sent this answer, as {@code X-Amz-Target} names it. */
    String operation() {
        return success ? "SendPipelineExecutionStepSuccess" : "SendPipelineExecutionStepFailure";
    }
}
