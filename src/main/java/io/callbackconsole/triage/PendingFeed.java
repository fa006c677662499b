package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PipelineExecutionArn;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.Consumer;

/**
 * One session's pending callbacks as the front ends watch them: a snapshot per poll tick, a poll on demand, the poll
 * state, and what SageMaker last said of each token. The decisions, recovery and discovery publish through it.
 */
public final class PendingFeed {
    private final CallbackPoller poller;
    private final PendingCallbackSet callbacks;
    private final ExecutionContextCache contexts;
    private final UnknownOutcomeRetries retries;
    private final Supplier<Map<CallbackToken, String>> beingDecidedElsewhere;

    PendingFeed(CallbackPoller poller, PendingCallbackSet callbacks, ExecutionContextCache contexts,
                UnknownOutcomeRetries retries, Supplier<Map<CallbackToken, String>> beingDecidedElsewhere) {
        this.beingDecidedElsewhere = beingDecidedElsewhere;
        this.poller = poller;
        this.callbacks = callbacks;
        this.contexts = contexts;
        this.retries = retries;
    }

    /**
     * Each snapshot also says which unanswered decisions are retried in the background, and when next, and which
     * tokens other consoles sharing the team history are deciding.
     */
    public void addSnapshotListener(Consumer<PendingSnapshot> listener) {
        poller.addListener(snapshot -> listener.accept(snapshot.withRetries(retries.schedules())
                .withBeingDecidedBy(beingDecidedElsewhere.get())));
    }

    /** Polls at once instead of waiting for the next tick, looking every execution up again. */
    public void refresh() {
        contexts.expireAll();
        poller.pollNow();
    }

    /** Blocking: polls every queue once (without the schedule) and returns the result. */
    public PendingSnapshot pollOnce() {
        return poller.pollOnce();
    }

    /** True when the session holds no SQS message between polls (peek): other consumers see every message. */
    public boolean peeking() {
        return poller.peeking();
    }

    public PollState pollState() {
        return poller.state();
    }

    /** What SageMaker last said about a pending token (from the cache; no I/O). */
    public CallbackContext contextOf(CallbackToken token) {
        return callbacks.get(token)
                .map(p -> contexts.contextsFor(List.of(p)).get(token))
                .orElse(CallbackContext.notLookedUp());
    }

    /** Why a token's step no longer waits, or null while it does (or nothing is known). */
    String staleReason(CallbackToken token) {
        CallbackContext context = contextOf(token);
        return context.stale() ? context.staleReason() : null;
    }

    /** A decision changed the token's execution: it is looked up again on the next tick. */
    void expireContextOf(CallbackToken token) {
        callbacks.get(token).ifPresent(p -> contexts.expire(p.executionArn()));
    }

    void expireContext(PipelineExecutionArn execution) {
        contexts.expire(execution);
    }

    /** Sends the front ends a snapshot now, without polling. */
    void publish() {
        poller.publish();
    }

    /** Polls now, off the schedule, without waiting for the result. */
    void pollNow() {
        poller.pollNow();
    }

    /** Hands the token's messages back to their queue; the problem in words, or null when they went back. */
    String release(CallbackToken token) {
        return poller.release(token);
    }
}
