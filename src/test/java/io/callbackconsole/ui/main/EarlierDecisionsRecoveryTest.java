package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the window says about decisions an earlier run left without a known outcome, on the sandbox. */
class EarlierDecisionsRecoveryTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    final EarlierDecisionsRecovery recovery = new EarlierDecisionsRecovery();
    final AtomicInteger settled = new AtomicInteger();

    /** An earlier run journaled a decision and ended before it called SageMaker. */
    Submission decisionLeftByAnEarlierRun() {
        PendingCallback target = sandboxSession.open().pending().pollOnce().pending().get(0);
        Submission decision = Submission.fail(target.token(), target.executionArn(), FailureReason.of("crashed"),
                new Operator("alice"), ConnectionId.sandbox(), Instant.now());
        try (HistoryStore history = HistoryStore.open(sandboxSession.historyFile(), "test")) {
            history.recordIntent(decision);
        }
        return decision;
    }

    @Test
    void anUnsettledDecisionIsSentAgainAndTheNoticeSaysItWasAccepted() {
        Submission decision = decisionLeftByAnEarlierRun();
        ConsoleSession next = sandboxSession.open();

        recovery.recover(next, new CurrentThreadTaskExecutor(), settled::incrementAndGet);

        assertThat(recovery.noticeProperty().get())
                .isEqualTo("Settled decisions from an earlier run: " + decision.token() + " accepted;");
        assertThat(settled).as("the history is reloaded").hasValue(1);
        assertThat(next.recovery().unsettledSubmissions()).isEmpty();
    }

    @Test
    void anInterruptedDismissalIsNotCalledAcceptedButSaysItsDeleteIsNotConfirmed() {
        PendingCallback target = sandboxSession.open().pending().pollOnce().pending().get(0);
        Submission dismissal = Submission.dismiss(target.token(), target.executionArn(),
                FailureReason.of("Dismissed: dismissed by the operator"), new Operator("alice"),
                ConnectionId.sandbox(), Instant.now());
        try (HistoryStore history = HistoryStore.open(sandboxSession.historyFile(), "test")) {
            history.recordIntent(dismissal); // and the run ended before the SQS delete
        }

        recovery.recover(sandboxSession.open(), new CurrentThreadTaskExecutor(), settled::incrementAndGet);

        assertThat(recovery.noticeProperty().get()).startsWith("Settled decisions from an earlier run: "
                + dismissal.token() + " dismissal not confirmed: The dismissal of " + dismissal.token()
                + " was interrupted").doesNotContain("accepted");
    }

    @Test
    void withNothingUnsettledThereIsNoNotice() {
        recovery.recover(sandboxSession.session(), new CurrentThreadTaskExecutor(), settled::incrementAndGet);

        assertThat(recovery.noticeProperty().get()).isEmpty();
        assertThat(settled).hasValue(0);
    }

    @Test
    void aRecoveryThatFailsSaysTheDecisionsStayInFlight() {
        decisionLeftByAnEarlierRun();
        ConsoleSession closed = sandboxSession.open();
        closed.close();

        recovery.recover(closed, new CurrentThreadTaskExecutor(), settled::incrementAndGet);

        assertThat(recovery.noticeProperty().get()).startsWith("Decisions from an earlier run could not be settled: ")
                .endsWith("They stay listed as in flight in the History tab and are tried again on the next start.");
        assertThat(settled).hasValue(0);
    }

    @Test
    void decisionsOfAnotherConnectionAreNamedEscapedAndLeftAlone() {
        ConnectionId other = ConnectionId.aws(null, "us-east-2", null, "ops\u202Eved@us-east-2");

        String text = EarlierDecisionsRecovery.describeElsewhere(List.of(new HistoryStore.UnsettledElsewhere(other, 2)));

        assertThat(text).startsWith("2 decision(s) made on ops").doesNotContain("\u202E")
                .endsWith("are unsettled: connect to it to settle them.");
    }
}
