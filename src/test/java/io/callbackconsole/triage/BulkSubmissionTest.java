package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many tokens, one reason: bounded concurrency, per-row outcomes, partial failures and cancel. */
class BulkSubmissionTest {
    @TempDir
    Path dataDir;

    static List<CallbackToken> tokens(int count) {
        List<CallbackToken> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(CallbackToken.of(String.format("Bulk%06d", i)));
        }
        return tokens;
    }

    static SubmissionResult accepted() {
        return new SubmissionResult(SubmissionResult.Status.ACCEPTED, null, null, "ok");
    }

    @Test
    void neverMoreThanTheConcurrencyInFlightAndItIsReached() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch fourStarted = new CountDownLatch(4);
        BulkSubmission bulk = new BulkSubmission(token -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            fourStarted.countDown();
            try {
                // The first four wait for each other: with fewer threads this would time out and the max stay below 4.
                fourStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return accepted();
        }, 4);

        List<BulkSubmission.RowOutcome> progress = new CopyOnWriteArrayList<>();
        BulkSubmission.Summary summary = bulk.run(tokens(20), progress::add, () -> false);

        assertThat(mostInFlight.get()).isEqualTo(4);
        assertThat(progress).hasSize(20);
        assertThat(summary.outcomes()).extracting(BulkSubmission.RowOutcome::token).containsExactlyElementsOf(tokens(20));
        assertThat(summary.allAccepted()).isTrue();
        assertThat(summary.text()).isEqualTo("20 of 20 step(s) failed.");
    }

    @Test
    void cancelStopsSendingAndWhatWasSentIsReportedAsSent() {
        Set<CallbackToken> sent = ConcurrentHashMap.newKeySet();
        AtomicBoolean cancel = new AtomicBoolean();
        BulkSubmission bulk = new BulkSubmission(token -> {
            sent.add(token);
            if (sent.size() == 3) {
                cancel.set(true);
            }
            return accepted();
        }, 2);

        BulkSubmission.Summary summary = bulk.run(tokens(30), o -> { }, cancel::get);

        assertThat(summary.cancelled()).isTrue();
        assertThat(summary.outcomes()).filteredOn(BulkSubmission.RowOutcome::sent)
                .extracting(BulkSubmission.RowOutcome::token).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(sent).hasSizeBetween(3, 4);
        assertThat(summary.notSent()).isEqualTo(30 - sent.size());
        assertThat(summary.text()).endsWith("not sent (cancelled).");
    }

    @Test
    void aThrowingSubmissionIsOneRowsFailureNotTheRunsEnd() {
        BulkSubmission bulk = new BulkSubmission(token -> {
            if (token.value().endsWith("1")) {
                throw new IllegalStateException("boom");
            }
            return accepted();
        }, 3);
        BulkSubmission.Summary summary = bulk.run(tokens(5), o -> { }, () -> false);
        assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).isEqualTo(4);
        assertThat(summary.outcomes().get(1).text()).contains("not sent").contains("boom");
    }

    @Test
    void aSessionFailsManyTokensOnceEachAndReportsTheOneThatWasNotPending() {
        try (Sandbox sandbox = Sandbox.start(SandboxOptions.defaults())) {
            for (int i = 0; i < 9; i++) {
                sandbox.simulator().startExecution("manual-approval", Map.of());
            }
            try (ConsoleSession session = ConsoleSession.open(new ConnectionSettings(true, null, sandbox.region(),
                    sandbox.queueUrls(), sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null),
                    dataDir.resolve("history.db"), "test", new CallbackPoller.PollerSettings(Duration.ofMinutes(5),
                            Duration.ofSeconds(60), 0))) {
                List<CallbackToken> pending = session.pollOnce().pending().stream().map(PendingCallback::token)
                        .collect(Collectors.toCollection(ArrayList::new));
                assertThat(pending).hasSizeGreaterThanOrEqualTo(10);
                pending.add(CallbackToken.of("NotPendin9"));

                BulkSubmission.Summary summary = session.submitFailures(pending, FailureReason.of("bulk test"), 4,
                        o -> { }, () -> false);

                assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).isEqualTo(pending.size() - 1);
                assertThat(summary.notSent()).isEqualTo(1);
                assertThat(summary.outcomes().get(pending.size() - 1).text()).contains("no longer pending");
                List<RecordedCall> calls = sandbox.simulator().callsTo("SendPipelineExecutionStepFailure");
                assertThat(calls).hasSize(pending.size() - 1);
                assertThat(session.recentHistory(100)).hasSize(pending.size() - 1)
                        .allSatisfy(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class));
                assertThat(session.pollOnce().pending()).isEmpty();
            }
        }
    }
}
