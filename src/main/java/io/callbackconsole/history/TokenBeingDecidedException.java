package io.callbackconsole.history;

import io.callbackconsole.domain.Submission;
import java.util.Objects;

/**
 * An intent refused inside the write transaction because its token already has an unsettled decision on the same
 * connection, journaled by another console (or another session) sharing the history: two consoles racing on one
 * token journal one intent, and the loser sends nothing. Nothing of the batch is written.
 */
public final class TokenBeingDecidedException extends RuntimeException {
    private final transient Submission underWay;

    TokenBeingDecidedException(Submission underWay, String location) {
        super("Token " + underWay.token() + " is being decided by " + underWay.operator().name() + " ("
                + underWay.action() + ", request " + underWay.requestToken() + ") in " + location
                + "; nothing was written or sent.");
        this.underWay = Objects.requireNonNull(underWay, "underWay");
    }

    /** The unsettled decision on the token that was journaled first. */
    public Submission underWay() {
        return underWay;
    }
}
