package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.Submission;
import java.util.Objects;
import java.util.Optional;

/**
 * The first step of the decision protocol: claims a token for one decision, so that it is the only one sent for the
 * token in this process, and takes up the token's unsettled decision instead when it is the same decision (it is then
 * repeated with its own request token; any other decision is refused beside it). A claim is released by whoever holds
 * it once the token's outcome is known. Thread-safe.
 */
final class DecisionClaims {

    /** What claiming a token gave: a decision to send, or why nothing is sent. */
    sealed interface Claim permits Claimed, NotClaimed {
    }

    /**
     * A decision to send: its token counts as being decided until the claim is released.
     *
     * @param pending   the token's held messages, or null when a decision from a runbook answers a token not held
     * @param journaled true when the decision is an unsettled one journaled earlier, repeated with its own request
     *                  token; false when its intent must be journaled before it is sent
     */
    record Claimed(CallbackToken token, PendingCallback pending, Decision decision, Submission submission,
                   boolean journaled) implements Claim {
        UnsettledDecisions.Unsettled asUnsettled() {
            return new UnsettledDecisions.Unsettled(submission, decision.outputs());
        }
    }

    record NotClaimed(SubmissionResult result) implements Claim {
    }

    private final PendingCallbackSet callbacks;
    private final TokenClaims claims;
    private final UnsettledDecisions unsettled;
    private final DecisionProtocol.Context context;
    private final OtherConsolesDecisions others;

    DecisionClaims(PendingCallbackSet callbacks, TokenClaims claims, UnsettledDecisions unsettled,
                   DecisionProtocol.Context context, OtherConsolesDecisions others) {
        this.others = Objects.requireNonNull(others);
        this.callbacks = Objects.requireNonNull(callbacks);
        this.claims = Objects.requireNonNull(claims);
        this.unsettled = Objects.requireNonNull(unsettled);
        this.context = Objects.requireNonNull(context);
    }

    /**
     * Claims the token for this decision and makes its submission (or takes up the unsettled one). Nothing is
     * journaled or sent yet.
     *
     * @param requireHeld refuse a token whose messages this console does not hold (no longer pending); false to
     *                    answer a token from a runbook, whose execution SageMaker's answer names
     */
    Claim claim(CallbackToken token, Decision decision, boolean requireHeld) {
        PendingCallback pending = callbacks.get(token).orElse(null);
        if (pending == null && requireHeld) {
            return new NotClaimed(DecisionResults.notPending(token));
        }
        Submission elsewhere = others.underWay(token).orElse(null);
        if (elsewhere != null) {
            return new NotClaimed(DecisionResults.beingDecidedElsewhere(elsewhere));
        }
        if (!claims.claim(token)) {
            return new NotClaimed(DecisionResults.beingDecided(token));
        }
        UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
        if (earlier != null && !decision.repeats(earlier)) {
            claims.release(token);
            return new NotClaimed(DecisionResults.unsettledElsewhere(earlier));
        }
        return earlier != null
                ? new Claimed(token, pending, decision, earlier.submission(), true)
                : new Claimed(token, pending, decision, decision.create(new Decision.Making(token, pending == null
                        ? null : pending.executionArn(), context)), false);
    }

    /** True when the token was free and is now claimed by the caller, who must {@link #release} it. */
    boolean claim(CallbackToken token) {
        return claims.claim(token);
    }

    /** The decision another console journaled on the token and has not settled, if any. */
    Optional<Submission> underWayElsewhere(CallbackToken token) {
        return others.underWay(token);
    }

    void release(CallbackToken token) {
        claims.release(token);
    }

    Optional<UnsettledDecisions.Unsettled> unsettledOf(CallbackToken token) {
        return unsettled.of(token);
    }
}
