package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.history.JournalBatch;
import io.callbackconsole.triage.DecisionClaims.Claim;
import io.callbackconsole.triage.DecisionClaims.Claimed;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The decision protocol cut into its stages, so that a bulk run can journal many decisions in one commit and send
 * them from several threads: claim → intent (into a batch) → commit → send → outcome (into a batch) → commit →
 * delete. The same parts as {@link DecisionProtocol#decide} carry out each stage, so a bulk row keeps every rule of a
 * single decision. Each claimed token is released by exactly one of the stages that end it:
 * {@link #intentNotJournaled}, {@link #outcomeJournaled} (unless its messages are to be deleted), {@link #notRepeated}
 * or {@link #deleted}. Thread-safe.
 */
final class BulkDecisionStages {
    private final DecisionClaims claims;
    private final DecisionJournal journal;
    private final DecisionSender sender;
    private final OutcomeSettlement settlement;
    private final AnsweredMessageDeletion deletion;

    BulkDecisionStages(DecisionClaims claims, DecisionJournal journal, DecisionSender sender,
                       OutcomeSettlement settlement, AnsweredMessageDeletion deletion) {
        this.claims = Objects.requireNonNull(claims);
        this.journal = Objects.requireNonNull(journal);
        this.sender = Objects.requireNonNull(sender);
        this.settlement = Objects.requireNonNull(settlement);
        this.deletion = Objects.requireNonNull(deletion);
    }

    /** Claims a held token and makes its decision, or takes up its unsettled decision when that is the same one. */
    Claim claim(CallbackToken token, Decision decision) {
        return claims.claim(token, decision, true);
    }

    void addIntent(JournalBatch batch, Claimed claimed) {
        journal.addIntent(batch, claimed.submission(), claimed.decision().outputs());
    }

    /** Writes a batch of intents and outcomes in one durable commit. */
    void journal(JournalBatch batch) {
        journal.append(batch);
    }

    /** Calls SageMaker; only once the decision's intent is durable. */
    Outcome send(Claimed claimed) {
        return sender.send(claimed.decision(), claimed.submission());
    }

    void addOutcome(JournalBatch batch, Claimed claimed, Outcome outcome) {
        journal.addOutcome(batch, claimed.submission(), outcome);
    }

    /** The intent's batch could not be written: nothing was sent. Releases the token. */
    SubmissionResult intentNotJournaled(Claimed claimed, String why) {
        claims.release(claimed.token());
        return DecisionResults.notJournaled(why);
    }

    /**
     * The outcome is durable (or, with {@code notRecordedWhy}, could not be written): what the operator is told, the
     * token's state brought up to date. An accepted decision's messages are deleted next ({@link #deleteAll}, then
     * {@link #deleted}) when {@link #deleteMessagesAfter} says so; other tokens are released here.
     */
    SubmissionResult outcomeJournaled(Claimed claimed, Outcome outcome, String notRecordedWhy) {
        SubmissionResult result = notRecordedWhy != null
                ? settlement.notRecorded(claimed.asUnsettled(), outcome, notRecordedWhy)
                : settlement.recorded(claimed.asUnsettled(), outcome);
        if (!deleteMessagesAfter(result)) {
            claims.release(claimed.token());
        }
        return result;
    }

    /** An unsettled decision the run did not repeat: it stays unsettled, and nothing new is on record. */
    SubmissionResult notRepeated(Claimed claimed, int unansweredInARow) {
        claims.release(claimed.token());
        return DecisionResults.notRepeated(claimed.submission(), unansweredInARow);
    }

    static boolean deleteMessagesAfter(SubmissionResult result) {
        return OutcomeSettlement.deleteMessagesAfter(result);
    }

    /** Deletes many accepted decisions' messages in batches; the messages that failed, with why. */
    Map<QueueMessage, String> deleteAll(List<QueueMessage> messages) {
        return deletion.deleteInBatches(messages);
    }

    /**
     * The accepted decision's messages were deleted, except those in {@code failures} (message to why): the final
     * result. Releases the token.
     */
    SubmissionResult deleted(Claimed claimed, SubmissionResult accepted, Map<QueueMessage, String> failures) {
        claims.release(claimed.token());
        return DecisionResults.withWarning(accepted, deletion.warning(claimed.pending(), failures));
    }
}
