package io.callbackconsole.aws;

import java.util.Objects;

/**
 * An AWS or network failure told in the operator's words.
 *
 * @param kind           what kind of failure it is: code branches on this, never on the text
 * @param code           the AWS error code ("ResourceNotFound", "ThrottlingException", ...) when AWS answered; a stable
 *                       word of this console otherwise ("Timeout", "EndpointUnreachable", "CredentialsMissing", ...)
 * @param serviceMessage the service's (or the SDK's) own message, with anything that looks like a key redacted; may be null
 * @param explanation    what happened and what to do next, one or two sentences, from {@code faults.properties}
 * @param requestId      the AWS request id for a support case; null when there was no answer
 * @param answered       true when the request certainly had no effect: AWS answered with an error, or the request never
 *                       left this machine (no credentials, no region); false when no answer came and the outcome is
 *                       unknown (time-out, lost connection, unreachable after retries)
 */
public record OperatorError(FaultKind kind, String code, String serviceMessage, String explanation, String requestId,
                            boolean answered) {
    public OperatorError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(explanation, "explanation");
    }
}
