package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.domain.Outcome;

/**
 * Stops a run of many calls once SageMaker has given no answer to {@code limit} calls in a row: a dead endpoint then
 * costs a few deadlines, not one per token. Any answer (accepted or refused) closes the count again. It also stops the
 * run at the first answer that says the session is over (AWS refused the credentials as expired or unknown, or the
 * credentials provider could not renew them): every later call would be refused the same way, and each such refusal
 * would be on record against a token that only waits for the operator to sign in. Thread-safe.
 */
final class CircuitBreaker {
    /** The console's default: enough to ride out a blip, few enough that a dead endpoint is noticed in seconds. */
    static final int DEFAULT_LIMIT = 5;

    private final int limit;
    private int unansweredInARow;
    private boolean open;
    /** The error code that said the session is over, when that is what opened the breaker; else null. */
    private String signedOutBy;

    CircuitBreaker(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("The circuit breaker opens after 1 or more unanswered calls; got "
                    + limit);
        }
        this.limit = limit;
    }

    synchronized void record(Outcome outcome) {
        String signedOut = signedOutCode(outcome);
        if (signedOut != null) {
            if (!open) {
                signedOutBy = signedOut;
            }
            open = true;
        } else if (outcome instanceof Outcome.Unknown) {
            unansweredInARow++;
            open |= unansweredInARow >= limit;
        } else if (outcome instanceof Outcome.Accepted || outcome instanceof Outcome.Refused) {
            unansweredInARow = 0;
        }
    }

    /** Once open, it stays open for the rest of the run. */
    synchronized boolean open() {
        return open;
    }

    /** True when it opened because the session is over ({@link #signedOutBy}), not for want of answers. */
    synchronized boolean signedOut() {
        return signedOutBy != null;
    }

    /** The error code that said the session is over ("ExpiredTokenException", "MfaRequired"), or null. */
    synchronized String signedOutBy() {
        return signedOutBy;
    }

    int limit() {
        return limit;
    }

    /**
     * The code of an outcome that says the session is over: a refusal of the credentials, or a call the credentials
     * provider kept from leaving (an unknown outcome with a sign-in code, which stays unsettled); null otherwise.
     */
    static String signedOutCode(Outcome outcome) {
        String code = outcome instanceof Outcome.Refused refused ? refused.errorCode()
                : outcome instanceof Outcome.Unknown unknown ? unknown.errorCode() : null;
        return AwsErrorExplainer.meansSignedOut(code) ? code : null;
    }
}
