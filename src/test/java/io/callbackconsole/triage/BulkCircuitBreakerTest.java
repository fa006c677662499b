package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.sandbox.SimulatorFaults;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bulk run against a SageMaker that never answers stops after a few calls instead of costing every token its
 * deadline; the decisions it journaled but did not send are settled as not sent, never left unknown (issue #13 §5).
 */
class BulkCircuitBreakerTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final Pattern CALLBACK_TOKEN = Pattern.compile("\"CallbackToken\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    Sandbox sandbox;
    ConsoleSession session;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        session = ConsoleSession.open(new ConnectionSettings(true, null, sandbox.region(), sandbox.queueUrls(),
                sandbox.sqsEndpoint(), sandbox.sageMakerEndpoint(), null), dataDir.resolve("history.db"), "test",
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0));
    }

    @AfterEach
    void stop() {
        session.close();
        sandbox.close();
    }

    @Test
    void aSageMakerThatNeverAnswersStopsTheRunAfterTheBreakerLimitAndNothingElseIsLeftUnknown() {
        List<CallbackToken> tokens = WaitingCallbacks.start(sandbox, session, 40);
        sandbox.simulator().faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 100_000);

        BulkSubmission.Summary summary = session.decisions()
                .submitFailures(tokens, FailureReason.of("breaker"), 2, o -> { },
                () -> false);

        assertThat(summary.breakerOpened()).isTrue();
        long unknown = summary.count(SubmissionResult.Status.UNKNOWN);
        // Two senders: at most one more unanswered call than the limit is already under way when it opens.
        assertThat(unknown).isBetween((long) CircuitBreaker.DEFAULT_LIMIT, CircuitBreaker.DEFAULT_LIMIT + 1L);
        assertThat(summary.notSent()).isEqualTo(tokens.size() - unknown);
        Set<String> tokensCalled = sandbox.simulator().callsTo(FAILURE).stream().map(c -> {
            Matcher m = CALLBACK_TOKEN.matcher(c.requestBody());
            return m.find() ? m.group(1) : "";
        }).collect(Collectors.toSet());
        assertThat(tokensCalled).hasSize((int) unknown);
        assertThat(summary.outcomes()).as("journaled once the breaker was open: on record as not sent")
                .filteredOn(o -> o.sent() && o.result().detail() instanceof ResultDetail.NotSentAfterAll).isNotEmpty()
                .allSatisfy(o -> assertThat(((Outcome.NotSent) o.result().outcome()).code())
                        .isEqualTo(BulkSubmission.CIRCUIT_OPEN));

        // Journaled but not sent: settled as NOT_SENT, so recovery leaves them alone; only the unknown ones remain.
        List<HistoryEntry> history = session.history().recent(1000);
        assertThat(history).filteredOn(e -> e.outcome() instanceof Outcome.NotSent).isNotEmpty()
                .allSatisfy(e -> assertThat(tokensCalled).doesNotContain(e.submission().token().value()));
        assertThat(session.recovery().unsettledSubmissions()).hasSize((int) unknown);
    }
}
