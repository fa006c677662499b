package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.TokenBeingDecidedException;
import io.callbackconsole.triage.DecisionClaims.Claimed;
import io.callbackconsole.triage.DecisionClaims.NotClaimed;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a decision on a callback token is carried out — fail, approve, acknowledge a stop, dismiss, a bulk
 * row, a background retry, recovery — and so the one place its rules live:
 * <ol>
 *   <li>claim the token ({@link DecisionClaims}): one decision at a time per token in this process, and none while an
 *       earlier decision on it is unsettled (only that decision is repeated, with its own request token);</li>
 *   <li>journal the intent, durably, before anything is sent ({@link DecisionJournal});</li>
 *   <li>send it ({@link DecisionSender}); an answer that is not clearly an answer is UNKNOWN, and stays
 *       unsettled;</li>
 *   <li>journal the outcome, durably; an answer that cannot be written is never reported as a success
 *       ({@link OutcomeSettlement});</li>
 *   <li>only then delete the token's SQS messages, and only when SageMaker named the execution the message did
 *       ({@link AnsweredMessageDeletion}).</li>
 * </ol>
 * A bulk run goes through the same parts, stage by stage ({@link #bulkStages}). Blocking; call it from a background
 * thread. Thread-safe.
 */
public final class DecisionProtocol {
    private static final Logger log = LoggerFactory.getLogger(DecisionProtocol.class);
    /** The error code of the UNKNOWN outcome that records an operator giving up on an unanswered decision. */
    public static final String GAVE_UP = "GaveUp";

    /** Who decides, on which connection, by which clock: what every submission is stamped with. */
    record Context(Operator operator, ConnectionId connection, Clock clock) {
        Context {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(clock, "clock");
        }
    }

    private final PendingCallbackSet callbacks;
    private final AnsweredMessageDeletion deletion;
    private final Context context;
    private final UnsettledDecisions unsettled = new UnsettledDecisions();
    private final DecisionClaims claims;
    private final DecisionJournal journal;
    private final DecisionSender sender;
    private final OutcomeSettlement settlement;
    private final BulkDecisionStages bulkStages;
    private final OtherConsolesDecisions others;
    private final Dismissals dismissals;

    /** @param stepNames the name of the step a token belongs to, when SageMaker has told us; null otherwise */
    DecisionProtocol(PendingCallbackSet callbacks, HistoryStore history, SageMakerCallbackGateway gateway,
                     AnsweredMessageDeletion deletion, Context context, Function<CallbackToken, String> stepNames) {
        this.callbacks = Objects.requireNonNull(callbacks);
        this.deletion = Objects.requireNonNull(deletion);
        this.context = Objects.requireNonNull(context);
        this.others = new OtherConsolesDecisions(history, context.connection());
        this.claims = new DecisionClaims(callbacks, new TokenClaims(), unsettled, context, others);
        this.journal = new DecisionJournal(history, context, stepNames, others);
        this.sender = new DecisionSender(gateway, context.connection());
        this.settlement = new OutcomeSettlement(callbacks, unsettled);
        this.bulkStages = new BulkDecisionStages(claims, journal, sender, settlement, deletion);
        this.dismissals = new Dismissals(callbacks, deletion, context, claims, journal, unsettled, settlement,
                this::beingDecidedElsewhere);
    }

    /**
     * Takes up the decisions the history holds unsettled on this connection (and on no other), so that none of their
     * tokens is claimed by a new decision and each can be repeated with its own request token. Returns how many.
     */
    int loadUnsettled() {
        List<UnsettledDecisions.Unsettled> open = journal.unsettledOnThisConnection();
        open.forEach(unsettled::remember);
        return open.size();
    }

    // --- one decision --------------------------------------------------------------------------------------------

    /**
     * Carries out a decision on a token.
     *
     * @param requireHeld refuse a token whose messages this console does not hold (no longer pending); false to
     *                    answer a token from a runbook, whose execution SageMaker's answer names
     */
    SubmissionResult decide(CallbackToken token, Decision decision, boolean requireHeld) {
        DecisionClaims.Claim claim = claims.claim(token, decision, requireHeld);
        if (claim instanceof NotClaimed notClaimed) {
            return notClaimed.result();
        }
        Claimed claimed = (Claimed) claim;
        try {
            if (!claimed.journaled()) {
                try {
                    journal.intent(claimed.submission(), decision.outputs());
                } catch (HistoryUnavailableException e) {
                    return DecisionResults.notJournaled(e.getMessage());
                } catch (TokenBeingDecidedException e) {
                    return beingDecidedElsewhere(e);
                }
            }
            return settle(claimed.pending(), claimed.asUnsettled(), sender.send(decision, claimed.submission()));
        } finally {
            claims.release(token);
        }
    }

    /**
     * Dismisses a token whose step no longer waits: journals the dismissal, deletes its SQS messages and journals
     * whether that worked. Nothing is sent to SageMaker.
     */
    SubmissionResult dismiss(CallbackToken token, String why) {
        return dismissals.dismiss(token, why);
    }

    /**
     * Deletes a quarantined message (one that is not a callback message) as a dismissal: journaled before the SQS
     * delete, whether the delete worked after, nothing sent to SageMaker. The message has no callback token: the
     * history files it under {@link QuarantinedMessage#historyKey()}, and its reason names the body's whole SHA-256
     * hash, the message id and the queue. The message is deleted with the receipt of its latest receive.
     */
    SubmissionResult deleteQuarantined(QuarantinedMessage message) {
        return dismissals.deleteQuarantined(message);
    }

    /** The loser of a race with another console: nothing was written or sent, and the token shows whose it is. */
    private SubmissionResult beingDecidedElsewhere(TokenBeingDecidedException e) {
        log.info("{}", e.getMessage());
        others.refusedFor(e.underWay());
        return DecisionResults.beingDecidedElsewhere(e.underWay());
    }

    // --- other consoles' decisions -------------------------------------------------------------------------------

    /** Blocking: from now on, decisions other consoles journal after the history's current head are followed. */
    void followOtherConsolesFromHead() {
        others.startFromHead();
    }

    /**
     * Blocking: reads what other consoles journaled on this connection since the last catch-up. A decision another
     * console settled is settled here too (one of its own this session took up at open is not repeated again), and a
     * token it got accepted leaves the pending set, its held messages deleted, as the poller's answered check does.
     *
     * @param head the chain head's seq, as just read (by the team history's listener, on its own connection)
     * @return true when the history has new rows (of any console): the views have something to show
     */
    boolean catchUpWithOtherConsoles(long head) {
        OtherConsolesDecisions.CaughtUp caughtUp = others.catchUp(head);
        for (HistoryEntry entry : caughtUp.settled()) {
            unsettled.settled(entry.submission());
            if (entry.outcome() instanceof Outcome.Accepted) {
                log.info("Token {} was {} by {} in another console", entry.submission().token(),
                        entry.submission().action(), entry.submission().operator().name());
                callbacks.remove(entry.submission().token()).ifPresent(deletion::deleteAll);
            }
        }
        return caughtUp.newRows();
    }

    /** The tokens other consoles are deciding right now, with their operators. */
    java.util.Map<CallbackToken, String> beingDecidedElsewhere() {
        return others.operatorsByToken();
    }

    // --- unsettled decisions -------------------------------------------------------------------------------------

    /** The tokens whose decision has no known outcome: what background retries and recovery work on. */
    Set<CallbackToken> unsettledTokens() {
        return unsettled.tokens();
    }

    /** The unsettled decisions themselves, in no particular order. */
    List<Submission> unsettledDecisions() {
        return unsettled.tokens().stream().map(unsettled::of).flatMap(Optional::stream)
                .map(UnsettledDecisions.Unsettled::submission).toList();
    }

    boolean unsettled(CallbackToken token) {
        return unsettled.of(token).isPresent();
    }

    /**
     * Repeats the unsettled decision on this token with its own client request token, and journals the answer; a
     * dismissal, which sends nothing, is repeated by deleting its message, when held ({@link Dismissals#repeat}).
     * Null when there is nothing to repeat, or the token is being decided right now.
     */
    SubmissionResult repeatUnsettled(CallbackToken token) {
        UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
        if (earlier == null || !claims.claim(token)) {
            return null;
        }
        try {
            if (unsettled.of(token).orElse(null) != earlier) {
                return null; // settled or replaced between the look-up and the claim
            }
            if (earlier.submission().action() == Action.DISMISS) {
                return dismissals.repeat(earlier);
            }
            return settle(callbacks.get(token).orElse(null), earlier, sender.repeat(earlier));
        } finally {
            claims.release(token);
        }
    }

    /**
     * The operator stops retrying an unanswered decision: recorded as an UNKNOWN outcome with error code
     * {@value #GAVE_UP}, so the history says nobody knows whether SageMaker applied it. The row and its messages stay,
     * and the token can be decided anew.
     */
    SubmissionResult giveUp(CallbackToken token) {
        return giveUp(token, context.operator().name());
    }

    /** @param stoppedBy who stopped the retries, as the history says it: the operator, or the console at a deadline */
    SubmissionResult giveUp(CallbackToken token, String stoppedBy) {
        UnsettledDecisions.Unsettled earlier = unsettled.of(token).orElse(null);
        if (earlier == null || !claims.claim(token)) {
            return DecisionResults.nothingToGiveUp(token, earlier != null);
        }
        try {
            Outcome.Unknown gaveUp = new Outcome.Unknown(GAVE_UP, "Retries stopped by " + stoppedBy,
                    "Gave up retrying: whether SageMaker applied the decision is not known. Check the execution in "
                            + "SageMaker before deciding again.");
            try {
                journal.outcome(earlier.submission(), gaveUp);
            } catch (HistoryUnavailableException e) {
                return DecisionResults.giveUpNotJournaled(earlier.submission(), e.getMessage());
            }
            unsettled.settled(earlier.submission());
            return DecisionResults.gaveUp(earlier.submission(), gaveUp);
        } finally {
            claims.release(token);
        }
    }

    /**
     * A decision on this token was accepted (found by recovery, or by the poller's answered check): stop showing the
     * token and delete whatever messages of it are held.
     */
    void forgetAnswered(CallbackToken token) {
        unsettled.forget(token);
        callbacks.remove(token).ifPresent(deletion::deleteAll);
    }

    /**
     * Puts on record that a leftover message of an already answered token (SQS delivers at least once; an earlier
     * delete may have failed) was deleted instead of shown: a dismissal, journaled as intent and outcome together.
     */
    void recordLeftoverDeleted(CallbackMessage leftover) {
        journal.leftoverDeleted(leftover);
    }

    /** The same protocol in stages, for a bulk run that journals many decisions per commit. */
    BulkDecisionStages bulkStages() {
        return bulkStages;
    }

    // --- the step every single decision shares -------------------------------------------------------------------

    /** Journals the answer to a sent decision, then deletes the messages on acceptance; what the operator is told. */
    private SubmissionResult settle(PendingCallback pending, UnsettledDecisions.Unsettled decision, Outcome outcome) {
        try {
            journal.outcome(decision.submission(), outcome);
        } catch (HistoryUnavailableException e) {
            return settlement.notRecorded(decision, outcome, e.getMessage());
        }
        SubmissionResult result = settlement.recorded(decision, outcome);
        return OutcomeSettlement.deleteMessagesAfter(result) && pending != null
                ? DecisionResults.withWarning(result, deletion.deleteAll(pending)) : result;
    }
}
