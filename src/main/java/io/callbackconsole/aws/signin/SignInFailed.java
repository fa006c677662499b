package io.callbackconsole.aws.signin;

import java.util.Objects;

/** An SSO sign-in that did not complete; nothing was cached. */
public final class SignInFailed extends RuntimeException {
    public enum Reason {
        /** The user code was not approved before it expired. */
        CODE_EXPIRED,
        /** The user denied the sign-in in the browser. */
        DENIED,
        /** The operator cancelled while the console waited. */
        CANCELLED
    }

    private final Reason reason;

    public SignInFailed(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
