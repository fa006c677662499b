package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A decision that got no answer is retried in the background with its own request token until it settles. */
class UnknownOutcomeRetryTest {
    static final String FAILURE = SubmissionFaultsTest.FAILURE;

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    ConsoleSession session;
    PendingCallback target;
    final List<SubmissionResult> retried = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        session = sandboxSession.session();
        session.decisions().retryUnknownOutcomes(Duration.ofMillis(100), Duration.ofMillis(400));
        session.decisions().addRetryListener(retried::add);
        target = session.pending().pollOnce().pending().get(0);
    }

    List<RecordedCall> calls() {
        return sandbox.simulator().callsTo(FAILURE);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void anUnansweredDecisionSettlesByItselfWithTheSameRequestTokenAndIsAppliedOnce() throws InterruptedException {
        // More lost answers than the SDK's own retries absorb: the submission ends unknown, the background goes on.
        sandbox.simulator().faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 6);
        SubmissionResult first = session.decisions().submitFailure(target.token(), FailureReason.of("answer lost"));
        assertThat(first.status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
        assertThat(session.decisions().retrying(target.token())).isTrue();

        await("the decision settles", () -> !session.decisions().retrying(target.token()));

        assertThat(retried).last().satisfies(r -> assertThat(r.status()).isEqualTo(SubmissionResult.Status.ACCEPTED));
        String requestToken = first.submission().requestToken().value();
        assertThat(calls()).hasSizeGreaterThan(6).allSatisfy(c -> {
            assertThat(c.requestBody()).contains(requestToken);
            assertThat(c.errorCode()).isNotEqualTo("ConflictException");
        });
        assertThat(calls()).filteredOn(RecordedCall::succeeded).hasSize(1);
        assertThat(session.recovery().unsettledSubmissions()).isEmpty();
        assertThat(session.history().recent(5)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
        assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token)
                .doesNotContain(target.token());
    }

    @Test
    void theOperatorGivesUpAndTheHistorySaysSoAndRecoveryLeavesItAlone() throws InterruptedException {
        sandbox.simulator().faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 10_000);
        SubmissionResult first = session.decisions()
                .submitFailure(target.token(), FailureReason.of("answer always lost"));
        assertThat(first.status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
        await("a background retry", () -> !retried.isEmpty());

        SubmissionResult gaveUp = session.decisions().giveUp(target.token());

        assertThat(gaveUp.detail()).isInstanceOf(ResultDetail.GaveUp.class);
        assertThat(gaveUp.outcome()).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo(DecisionProtocol.GAVE_UP));
        assertThat(session.decisions().retrying(target.token())).isFalse();
        Outcome.Unknown recorded = (Outcome.Unknown) session.history().recent(5).stream()
                .map(HistoryEntry::outcome).findFirst().orElseThrow();
        assertThat(recorded.errorCode()).isEqualTo("GaveUp");
        assertThat(session.recovery().unsettledSubmissions())
                .as("recovery does not repeat what the operator gave up").isEmpty();
        assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token).contains(target.token());
        assertThat(session.decisions().giveUp(target.token()).status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
    }

    @Test
    void eachSnapshotSaysWhichRetryComesNextAndWhenAndWhatItSends() throws InterruptedException {
        sandbox.simulator().faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 10_000);
        // Slow enough that the schedule is read before the first retry is due.
        session.decisions().retryUnknownOutcomes(Duration.ofSeconds(30), Duration.ofSeconds(60));
        List<PendingSnapshot> snapshots = new CopyOnWriteArrayList<>();
        session.pending().addSnapshotListener(snapshots::add);
        java.time.Instant before = java.time.Instant.now();

        SubmissionResult first = session.decisions().submitFailure(target.token(), FailureReason.of("answer lost"));

        assertThat(first.status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
        // The snapshot that follows the decision already names its retry.
        assertThat(snapshots).isNotEmpty().last().satisfies(snapshot -> {
            RetrySchedule retry = snapshot.retryOf(target.token());
            assertThat(retry).isNotNull();
            assertThat(retry.attempt()).as("the operator's send was the first").isEqualTo(2);
            assertThat(retry.nextAttemptAt()).isBetween(before.plusSeconds(29), java.time.Instant.now()
                    .plusSeconds(30));
            assertThat(retry.action()).isEqualTo(io.callbackconsole.domain.Action.FAIL);
            assertThat(retry.reason()).isEqualTo("answer lost");
            assertThat(retry.giveUpAt()).as("30 min by default").isBetween(before.plus(Duration.ofMinutes(30)),
                    java.time.Instant.now().plus(Duration.ofMinutes(30)));
        });

        session.decisions().giveUp(target.token());
        assertThat(snapshots).last().satisfies(s -> assertThat(s.retryOf(target.token())).isNull());
    }

    @Test
    void retryingStopsAtItsDeadlineWithTheLastSendThenAndTheHistorySaysTheConsoleGaveUp() throws Exception {
        sandbox.simulator().faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 10_000);
        session.decisions().retryUnknownOutcomes(Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofMillis(1500));
        List<PendingSnapshot> snapshots = new CopyOnWriteArrayList<>();
        session.pending().addSnapshotListener(snapshots::add);
        java.time.Instant before = java.time.Instant.now();

        SubmissionResult first = session.decisions()
                .submitFailure(target.token(), FailureReason.of("answer always lost"));
        assertThat(first.status()).isEqualTo(SubmissionResult.Status.UNKNOWN);
        RetrySchedule schedule = snapshots.get(snapshots.size() - 1).retryOf(target.token());
        assertThat(schedule.giveUpAt()).isBetween(before.plusMillis(1500), java.time.Instant.now().plusMillis(1500));

        await("retrying ends", () -> !session.decisions().retrying(target.token()));
        java.time.Instant ended = java.time.Instant.now();

        assertThat(ended).as("no pause past the deadline (the longest is 10 s)")
                .isBefore(schedule.giveUpAt().plusSeconds(8));
        assertThat(retried).last().satisfies(r -> assertThat(r.outcome()).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo(DecisionProtocol.GAVE_UP)));
        Outcome.Unknown recorded = (Outcome.Unknown) session.history().recent(5).stream()
                .map(HistoryEntry::outcome).findFirst().orElseThrow();
        assertThat(recorded.errorCode()).isEqualTo("GaveUp");
        assertThat(recorded.errorMessage()).startsWith("Retries stopped by the console at the retry deadline");
        assertThat(session.recovery().unsettledSubmissions()).isEmpty();
        int sent = calls().size();
        Thread.sleep(600);
        assertThat(calls()).as("nothing is sent after giving up").hasSize(sent);
        assertThat(session.pending().pollOnce().pending()).extracting(PendingCallback::token).contains(target.token());
    }
}
