package io.callbackconsole.triage;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.JournalBatch;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The history side of the decision protocol: a decision's intent row (with the step it answers and, for an approval,
 * its outputs), its outcome row, many of either in one commit, and the unsettled decisions the history holds for
 * this connection. Each write is durable when it returns; a history that cannot take it throws
 * {@link io.callbackconsole.history.HistoryUnavailableException}.
 */
final class DecisionJournal {
    private final HistoryStore history;
    private final DecisionProtocol.Context context;
    /** The name of the step a token belongs to, when SageMaker has told us; null otherwise. */
    private final Function<CallbackToken, String> stepNames;
    private final OtherConsolesDecisions others;

    DecisionJournal(HistoryStore history, DecisionProtocol.Context context, Function<CallbackToken, String> stepNames,
                    OtherConsolesDecisions others) {
        this.others = Objects.requireNonNull(others);
        this.history = Objects.requireNonNull(history);
        this.context = Objects.requireNonNull(context);
        this.stepNames = Objects.requireNonNull(stepNames);
    }

    /** The decisions on this connection (and on no other) whose outcome the history does not hold. */
    List<UnsettledDecisions.Unsettled> unsettledOnThisConnection() {
        return history.unsettledSubmissions(context.connection()).stream().map(submission ->
                new UnsettledDecisions.Unsettled(submission, submission.action() == Action.APPROVE
                        ? history.approvalOutputsOf(submission.requestToken()).orElseThrow(() ->
                                new IllegalStateException("Approval " + submission.requestToken()
                                        + " was journaled without its outputs"))
                        : null)).toList();
    }

    /**
     * Journals the decision's intent in a commit of its own, unless another console journaled an unsettled decision
     * on the token first (checked in the same transaction).
     *
     * @throws io.callbackconsole.history.TokenBeingDecidedException when another console is deciding the token
     */
    void intent(Submission submission, OutputParameters outputs) {
        append(addIntent(new JournalBatch(), submission, outputs));
    }

    /** Adds a new decision's intent to the batch, which then refuses a token another console is deciding. */
    JournalBatch addIntent(JournalBatch batch, Submission submission, OutputParameters outputs) {
        return addRow(batch.refusingTokensBeingDecided(), submission, outputs);
    }

    private JournalBatch addRow(JournalBatch batch, Submission submission, OutputParameters outputs) {
        // Marked before it is written, so a catch-up reading it meanwhile does not take it for another console's.
        others.journaledHere(submission);
        String stepName = stepNames.apply(submission.token());
        return outputs == null ? batch.intent(submission, stepName) : batch.approvalIntent(submission, stepName,
                outputs);
    }

    JournalBatch addOutcome(JournalBatch batch, Submission submission, Outcome outcome) {
        return batch.outcome(submission.requestToken(), outcome, context.clock().instant());
    }

    /** Writes a batch of intents and outcomes in one durable commit; see {@link HistoryStore#append}. */
    void append(JournalBatch batch) {
        others.appended(batch, history.append(batch));
    }

    void outcome(Submission submission, Outcome outcome) {
        append(addOutcome(new JournalBatch(), submission, outcome));
    }

    /**
     * Puts on record that a leftover message of an already answered token was deleted instead of shown: a dismissal,
     * journaled as intent and outcome together.
     */
    void leftoverDeleted(CallbackMessage leftover) {
        Submission record = Submission.dismiss(leftover.token(), leftover.executionArn(),
                FailureReason.of("Leftover message of a token already answered: deleted, not shown again"),
                context.operator(), context.connection(), context.clock().instant());
        append(addOutcome(addRow(new JournalBatch(), record, null), record,
                new Outcome.Accepted(leftover.executionArn().value(), null)));
    }
}
