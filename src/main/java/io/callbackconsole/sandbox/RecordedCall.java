package io.callbackconsole.sandbox;

/**
 * One request the simulator answered, recorded before the answer was sent, so a test that got its response can
 * already see the call.
 *
 * @param operation   the operation named by {@code X-Amz-Target} (without the {@code SageMaker.} prefix), the raw
 *                    header when it has no such prefix, or "" when the header was missing
 * @param requestBody the request body as received (JSON, or whatever the client sent)
 * @param httpStatus  the status of the answer
 * @param errorCode   the AWS error code of the answer, or null on success
 */
public record RecordedCall(String operation, String requestBody, int httpStatus, String errorCode) {

    public boolean succeeded() {
        return errorCode == null;
    }
}
