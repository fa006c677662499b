package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QuarantinedMessage;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.testing.QueueCounts;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dismissal (Dismiss, or Quarantine's Delete message) whose console stopped between its intent and the SQS delete:
 * recovery cannot tell whether the message was deleted until it deletes the message itself, so it records UNKNOWN,
 * never ACCEPTED, until then; once the message is received again, the repeat deletes it and records ACCEPTED.
 */
class DismissalRecoveryTest {

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
    }

    /** The first run journals the dismissal's intent as the protocol does, then "crashes" before the SQS delete. */
    static void journalIntentThenCrash(SandboxSessionExtension sandboxSession, Submission dismissal) {
        try (HistoryStore history = HistoryStore.open(sandboxSession.historyFile(), "test")) {
            history.recordIntent(dismissal);
        }
    }

    Submission dismissalOfAPendingToken() {
        PendingCallback target;
        try (ConsoleSession first = sandboxSession.open()) {
            target = first.pending().pollOnce().pending().get(0);
        }
        Submission dismissal = Submission.dismiss(target.token(), target.executionArn(),
                FailureReason.of("Dismissed: dismissed by the operator"), new Operator("alice"),
                ConnectionId.sandbox(), Instant.now());
        journalIntentThenCrash(sandboxSession, dismissal);
        return dismissal;
    }

    QuarantinedMessage quarantinedMessage() {
        String queueUrl = sandbox.queueUrls().get(0);
        sandbox.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("not a callback message"));
        try (ConsoleSession first = sandboxSession.open()) {
            return first.pending().pollOnce().quarantined().get(0);
        }
    }

    Submission deletionOf(QuarantinedMessage quarantined) {
        Submission deletion = Submission.dismiss(quarantined.historyKey(), null, quarantined.dismissalReason(),
                new Operator("alice"), ConnectionId.sandbox(), Instant.now());
        journalIntentThenCrash(sandboxSession, deletion);
        return deletion;
    }

    int messagesOnQueue(String queueUrl) {
        return QueueCounts.messagesOn(sandbox.sqs(), queueUrl);
    }

    static List<Outcome> outcomesOf(ConsoleSession session, Submission decision) {
        return session.history().recent(50).stream()
                .filter(e -> e.submission().requestToken().equals(decision.requestToken()))
                .map(HistoryEntry::outcome).toList();
    }

    @Test
    void aDismissalInterruptedBeforeItsDeleteIsUnknownUntilTheMessageIsDeleted() {
        Submission dismissal = dismissalOfAPendingToken();
        String queueUrl = sandbox.queueUrls().get(0);
        int onQueue = messagesOnQueue(queueUrl);
        try (ConsoleSession next = sandboxSession.open()) {
            // Recovery before the message is received again: nothing proves it is gone.
            List<SubmissionRecovery.Recovered> recovered = next.recovery().recoverUnsettled();
            assertThat(recovered).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
                    assertThat(unknown.errorCode()).isEqualTo(Dismissals.DELETE_NOT_CONFIRMED);
                    assertThat(unknown.explanation()).contains("not known");
                });
                assertThat(r.result().detail()).isEqualTo(new ResultDetail.DeleteNotConfirmed(dismissal.token()));
                assertThat(r.settled()).isFalse();
            });
            assertThat(next.recovery().unsettledSubmissions()).containsExactly(dismissal);
            assertThat(messagesOnQueue(queueUrl)).isEqualTo(onQueue);

            // Received again, with a receipt handle of this run: the repeat deletes it, and only that is ACCEPTED.
            assertThat(next.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .contains(dismissal.token());
            assertThat(next.recovery().recoverUnsettled()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isInstanceOf(Outcome.Accepted.class);
                assertThat(r.result().detail()).isEqualTo(new ResultDetail.Dismissed(true));
            });
            assertThat(messagesOnQueue(queueUrl)).isEqualTo(onQueue - 1);
            assertThat(next.recovery().unsettledSubmissions()).isEmpty();
            assertThat(next.pending().pollOnce().pending()).extracting(PendingCallback::token)
                    .doesNotContain(dismissal.token());
            assertThat(outcomesOf(next, dismissal)).hasSize(1).first().isInstanceOf(Outcome.Accepted.class);
        }
        assertThat(sandbox.simulator().callsTo("SendPipelineExecutionStepFailure")).isEmpty();
    }

    @Test
    void theWindowsBackgroundRetryDeletesTheMessageOnceItIsReceivedAgainAndOnlyThenRecordsAccepted()
            throws InterruptedException {
        Submission dismissal = dismissalOfAPendingToken();
        String queueUrl = sandbox.queueUrls().get(0);
        int onQueue = messagesOnQueue(queueUrl);
        ConsoleSession next = sandboxSession.open();
        List<SubmissionResult> retried = new CopyOnWriteArrayList<>();
        next.decisions().retryUnknownOutcomes(Duration.ofMillis(50), Duration.ofMillis(200));
        next.decisions().addRetryListener(retried::add);

        assertThat(next.recovery().recoverUnsettled()).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isInstanceOf(Outcome.Unknown.class));
        UnknownOutcomeRetryTest.await("a retry before the message is back", () -> retried.size() >= 2);
        assertThat(retried).allSatisfy(r -> assertThat(r.detail())
                .isEqualTo(new ResultDetail.DeleteNotConfirmed(dismissal.token())));
        assertThat(next.decisions().retrying(dismissal.token())).isTrue();

        next.pending().pollOnce();
        UnknownOutcomeRetryTest.await("the dismissal settles", () -> !next.decisions().retrying(dismissal.token()));
        assertThat(retried).last().satisfies(r -> {
            assertThat(r.status()).isEqualTo(SubmissionResult.Status.ACCEPTED);
            assertThat(r.detail()).isEqualTo(new ResultDetail.Dismissed(true));
        });
        assertThat(messagesOnQueue(queueUrl)).isEqualTo(onQueue - 1);
        assertThat(outcomesOf(next, dismissal)).singleElement().isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void aQuarantineDeletionInterruptedBeforeItsDeleteIsUnknownUntilTheMessageIsDeleted() {
        QuarantinedMessage quarantined = quarantinedMessage();
        Submission deletion = deletionOf(quarantined);
        String queueUrl = quarantined.message().queueUrl();
        int onQueue = messagesOnQueue(queueUrl);
        try (ConsoleSession next = sandboxSession.open()) {
            assertThat(next.recovery().recoverUnsettled()).singleElement().satisfies(r ->
                    assertThat(r.outcome()).isInstanceOfSatisfying(Outcome.Unknown.class, unknown ->
                            assertThat(unknown.errorCode()).isEqualTo(Dismissals.DELETE_NOT_CONFIRMED)));
            assertThat(messagesOnQueue(queueUrl)).isEqualTo(onQueue);

            assertThat(next.pending().pollOnce().quarantined()).extracting(q -> q.message().messageId())
                    .containsExactly(quarantined.message().messageId());
            assertThat(next.recovery().recoverUnsettled()).singleElement().satisfies(r ->
                    assertThat(r.outcome()).isInstanceOf(Outcome.Accepted.class));
            assertThat(messagesOnQueue(queueUrl)).isEqualTo(onQueue - 1);
            assertThat(next.pending().pollOnce().quarantined()).isEmpty();
            assertThat(next.recovery().unsettledSubmissions()).isEmpty();
            assertThat(outcomesOf(next, deletion)).hasSize(1).first().isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void aQuarantinedMessageWithTheSameBodyIsNotTakenForTheOneWhoseDeletionWasInterrupted() {
        QuarantinedMessage quarantined = quarantinedMessage();
        Submission deletion = deletionOf(quarantined);
        // The interrupted delete did happen; another message with the same body arrives later.
        sandbox.sqs().deleteMessage(b -> b.queueUrl(quarantined.message().queueUrl())
                .receiptHandle(receiveAgain(quarantined)));
        sandbox.sqs().sendMessage(b -> b.queueUrl(quarantined.message().queueUrl()).messageBody("not a callback message"));
        try (ConsoleSession next = sandboxSession.open()) {
            assertThat(next.pending().pollOnce().quarantined()).singleElement()
                    .satisfies(q -> assertThat(q.historyKey()).isEqualTo(deletion.token()));
            assertThat(next.recovery().recoverUnsettled()).singleElement().satisfies(r ->
                    assertThat(r.outcome()).isInstanceOf(Outcome.Unknown.class));
            assertThat(next.pending().pollOnce().quarantined()).as("the other message stays").hasSize(1);
        }
    }

    @Test
    void aDismissalWhoseMessageWasDeletedBeforeTheCrashStaysUnknownAndCanBeGivenUp() {
        Submission dismissal = dismissalOfAPendingToken();
        try (ConsoleSession next = sandboxSession.open()) {
            // The delete went out before the crash: the token's message never comes back.
            PendingCallback held = next.pending().pollOnce().pending().stream()
                    .filter(p -> p.token().equals(dismissal.token())).findFirst().orElseThrow();
            held.messages().forEach(m -> sandbox.sqs().deleteMessage(b -> b.queueUrl(m.queueUrl())
                    .receiptHandle(m.receiptHandle())));
        }
        try (ConsoleSession next = sandboxSession.open()) {
            next.pending().pollOnce();
            assertThat(next.recovery().recoverUnsettled()).singleElement().satisfies(r ->
                    assertThat(r.outcome()).isInstanceOf(Outcome.Unknown.class));
            SubmissionResult gaveUp = next.decisions().giveUp(dismissal.token());
            assertThat(gaveUp.detail()).isInstanceOf(ResultDetail.GaveUp.class);
            assertThat(next.recovery().unsettledSubmissions()).isEmpty();
            assertThat(outcomesOf(next, dismissal)).noneMatch(Outcome.Accepted.class::isInstance);
        }
    }

    /** A receipt handle of the quarantined message, received outside the console. */
    String receiveAgain(QuarantinedMessage quarantined) {
        return sandbox.sqs().receiveMessage(b -> b.queueUrl(quarantined.message().queueUrl())
                        .maxNumberOfMessages(10).waitTimeSeconds(1)).messages().stream()
                .filter(m -> m.messageId().equals(quarantined.message().messageId())).findFirst().orElseThrow()
                .receiptHandle();
    }
}
