package io.callbackconsole.domain;

import java.util.Objects;

/** What came of sending a {@link Submission} to SageMaker. */
public sealed interface Outcome {

    /** The outcome's kind as stored in the history. */
    String kind();

    /** SageMaker accepted the decision and named the execution it applies to. */
    record Accepted(String returnedExecutionArn, String requestId) implements Outcome {
        public Accepted {
            Objects.requireNonNull(returnedExecutionArn, "returnedExecutionArn");
        }

        @Override
        public String kind() {
            return "ACCEPTED";
        }
    }

    /**
     * SageMaker (or the network on its behalf) answered with an error; the decision did not take effect.
     *
     * @param errorCode     the AWS error code ("ResourceNotFound", "ValidationException", ...)
     * @param errorMessage  the service's own message
     * @param explanation   what it means and what to do next, for the operator
     * @param requestId     the AWS request id, for a support case; null when there was no answer
     */
    record Refused(String errorCode, String errorMessage, String explanation, String requestId) implements Outcome {
        public Refused {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public String kind() {
            return "REFUSED";
        }
    }

    /**
     * No answer came (time-out, lost connection): the decision may or may not have taken effect. Repeating the call
     * with the same client request token settles it.
     */
    record Unknown(String errorCode, String errorMessage, String explanation) implements Outcome {
        public Unknown {
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(explanation, "explanation");
        }

        @Override
        public String kind() {
            return "UNKNOWN";
        }
    }

    /**
     * The decision was journaled but deliberately never sent (a bulk run's circuit breaker opened, the operator
     * cancelled): it is settled, and recovery must not send it. Only this console's own choice records it; a call
     * that may have left is {@link Unknown}, never this.
     *
     * @param code        why, as a code ("CircuitOpen", "Cancelled")
     * @param explanation what it means, for the operator
     */
    record NotSent(String code, String explanation) implements Outcome {
        public NotSent {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(explanation, "explanation");
            if (code.isBlank()) {
                throw new IllegalArgumentException("A not-sent outcome names why in its code; got a blank one.");
            }
        }

        @Override
        public String kind() {
            return "NOT_SENT";
        }
    }
}
