package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SimulatorFaults;
import io.callbackconsole.testing.SandboxSessionExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A token whose decision got no clear answer is never claimed by another decision, in this process or the next: only
 * that decision is sent again, with its own request token (issue #13, "one decision per token").
 */
class OneDecisionPerTokenTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final FailureReason FIRST = FailureReason.of("first decision");
    static final Pattern REQUEST_TOKEN = Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");

    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    Sandbox sandbox;
    Path dataDir;

    @BeforeEach
    void start() {
        sandbox = sandboxSession.sandbox();
        dataDir = sandboxSession.dataDir();
    }

    /** A run of the console on the test's sandbox and history file. */
    ConsoleSession open() {
        return sandboxSession.open();
    }

    /** Fails the token in a session whose every call is applied and then loses its answer; the session then ends. */
    CallbackToken failWithoutAnAnswer() {
        sandbox.simulator().faults().inject(FAILURE, SimulatorFaults.Kind.DROP_AFTER_APPLY, 100);
        try (ConsoleSession first = open()) {
            PendingCallback target = first.pending().pollOnce().pending().get(0);
            SubmissionResult result = first.decisions().submitFailure(target.token(), FIRST);
            assertThat(result.status()).as(result.toString()).isEqualTo(SubmissionResult.Status.UNKNOWN);
            return target.token();
        } finally {
            sandbox.simulator().faults().clear();
        }
    }

    @Test
    void anotherDecisionOnATokenWithAnUnsettledOneIsNotSentInTheNextProcess() {
        CallbackToken token = failWithoutAnAnswer();
        int callsBefore = sandbox.simulator().callsTo(FAILURE).size();

        try (ConsoleSession next = open()) {
            next.pending().pollOnce();
            SubmissionResult other = next.decisions()
                    .submitFailure(token, FailureReason.of("a second, different decision"));

            assertThat(other.status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
            assertThat(other.detail()).as("the earlier, unsettled decision is named")
                    .isInstanceOfSatisfying(ResultDetail.UnsettledElsewhere.class,
                            d -> assertThat(d.earlier().token()).isEqualTo(token));
            assertThat(sandbox.simulator().callsTo(FAILURE)).hasSize(callsBefore);
            assertThat(intentsOn(next, token)).as("no second intent").hasSize(1);
        }
    }

    @Test
    void theSameDecisionIsRepeatedWithItsOwnRequestTokenAndSettles() {
        CallbackToken token = failWithoutAnAnswer();

        try (ConsoleSession next = open()) {
            next.pending().pollOnce();
            SubmissionResult again = next.decisions().submitFailure(token, FIRST);

            assertThat(again.status()).as(again.toString()).isEqualTo(SubmissionResult.Status.ACCEPTED);
            assertThat(intentsOn(next, token)).hasSize(1);
            assertThat(next.recovery().unsettledSubmissions()).isEmpty();
        }
        List<String> requestTokens = sandbox.simulator().callsTo(FAILURE).stream().map(OneDecisionPerTokenTest::requestToken)
                .distinct().toList();
        assertThat(requestTokens).as("every call carried the one decision's request token").hasSize(1);
    }

    @Test
    void aBulkRunSkipsTheTokenWithAnUnsettledDecisionAndFailsTheOthers() {
        CallbackToken token = failWithoutAnAnswer();

        try (ConsoleSession next = open()) {
            List<CallbackToken> all = next.pending().pollOnce().pending().stream().map(PendingCallback::token).toList();
            assertThat(all).contains(token).hasSizeGreaterThan(1);
            BulkSubmission.Summary summary = next.decisions().submitFailures(all, FailureReason.of("bulk"), 2, o -> { },
                    () -> false);

            assertThat(summary.outcomes()).allSatisfy(o -> {
                if (o.token().equals(token)) {
                    assertThat(o.result().status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
                    assertThat(o.result().detail()).isInstanceOfSatisfying(ResultDetail.UnsettledElsewhere.class,
                            d -> assertThat(d.earlier().token()).isEqualTo(o.token()));
                } else {
                    assertThat(o.result().status()).as(o.toString()).isEqualTo(SubmissionResult.Status.ACCEPTED);
                }
            });
            assertThat(intentsOn(next, token)).hasSize(1);
            assertThat(next.recovery().unsettledSubmissions()).extracting(s -> s.token()).containsExactly(token);
        }
    }

    @Test
    void recoverySettlesTheUnsettledDecisionExactlyOnce() {
        CallbackToken token = failWithoutAnAnswer();

        try (ConsoleSession next = open()) {
            List<SubmissionRecovery.Recovered> recovered = next.recovery().recoverUnsettled();
            assertThat(recovered).singleElement().satisfies(r -> {
                assertThat(r.submission().token()).isEqualTo(token);
                assertThat(r.outcome()).isInstanceOf(Outcome.Accepted.class);
            });
            assertThat(next.recovery().recoverUnsettled()).isEmpty();
            assertThat(next.pending().pollOnce().pending()).extracting(PendingCallback::token).doesNotContain(token);
        }
    }

    private static List<HistoryEntry> intentsOn(ConsoleSession session, CallbackToken token) {
        return session.history().recent(1000).stream()
                .filter(e -> e.submission().token().equals(token) && e.submission().action() == Action.FAIL)
                .collect(Collectors.toList());
    }

    private static String requestToken(RecordedCall call) {
        Matcher m = REQUEST_TOKEN.matcher(call.requestBody());
        return m.find() ? m.group(1) : "";
    }
}
