package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.CallDeadline;
import io.callbackconsole.aws.ClientTuning;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.DeviceCode;
import io.callbackconsole.aws.signin.SignInWorld;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: an MFA-protected role's session runs out in the middle of a bulk run and its credentials provider cannot
 * renew it (a new code is needed). The real SDK signs with credentials the sandbox's STS issued for a few seconds; the
 * call that finds them expired sends nothing and stays unsettled, the run stops there, and after the sign-in the
 * rest is decided once each, the unsettled one with its own request token.
 */
class BulkSessionRenewalTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final FailureReason REASON = FailureReason.of("session ran out mid-run");
    /**
     * How long the short session is usable (STS lifetime less the console's one-minute margin): long enough for the
     * session to open, poll the twenty callbacks and send six of them on a busy machine.
     */
    static final Duration USABLE = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    SignInWorld world;
    Sandbox sandbox;
    ConnectionSettings mfa;

    @BeforeEach
    void start() {
        world = new SignInWorld(folder);
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        // The 7th call is held until the session can no longer be used (up to USABLE): longer than SageMaker's
        // default attempt deadline, whose retry of that call would be counted as one more call.
        mfa = new ConnectionSettings(false, "mfa", "us-east-2", sandbox.queueUrls(), sandbox.sqsEndpoint(),
                sandbox.sageMakerEndpoint(), world.sts.endpoint(), ClientTuning.DEFAULT.withDeadlines(
                        CallDeadline.of(USABLE.multipliedBy(3), 3), ClientTuning.SQS_DEFAULT, ClientTuning.STS_DEFAULT));
    }

    @AfterEach
    void stop() {
        sandbox.close();
        world.close();
    }

    ConsoleSession open() {
        return ConsoleSession.open(mfa, folder.resolve("history.db"), "test",
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0));
    }

    void signIn(Duration lifetime) throws InterruptedException {
        world.sts.credentialLifetime(lifetime);
        ConnectionSignIn.of(mfa).signIn(new CredentialPrompts() {
            @Override
            public Optional<String> mfaCode(String profile, String serial) {
                return Optional.of("123456");
            }

            @Override
            public void showDeviceCode(String profile, DeviceCode code) {
                throw new AssertionError("an MFA sign-in shows no device code");
            }
        }, () -> false);
    }

    @Test
    void credentialsThatCannotBeRenewedMidRunStopItAndTheRestIsDecidedOnceAfterTheSignIn() throws Exception {
        Set<String> executions = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            executions.add(sandbox.simulator().startExecution("manual-approval", Map.of()));
        }
        // Signed in for a few seconds only: the session's provider reads this session from the cache when it opens.
        signIn(Duration.ofSeconds(60).plus(USABLE));
        Instant usableUntil = Instant.now().plus(USABLE);
        try (ConsoleSession session = open()) {
            List<CallbackToken> tokens = held(session, executions);
            // The 7th call is answered only once the session can no longer be used: the 8th finds it expired.
            AtomicInteger calls = new AtomicInteger();
            sandbox.simulator().faults().beforeApply(FAILURE, body -> {
                if (calls.incrementAndGet() == 7) {
                    sleepUntil(usableUntil.plusSeconds(1));
                }
            });

            BulkSubmission.Summary summary = session.decisions().submitFailures(tokens, REASON, 1, o -> { }, () -> false);

            assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).as(summary.tally()).isEqualTo(7);
            assertThat(summary.signedOutBy()).as(summary.tally()).isEqualTo("MfaRequired");
            BulkSubmission.RowOutcome eighth = summary.outcomes().get(7);
            assertThat(eighth.result().status()).as("nothing left this machine: unsettled, never refused")
                    .isEqualTo(SubmissionResult.Status.UNKNOWN);
            assertThat(((Outcome.Unknown) eighth.result().outcome()).errorCode()).isEqualTo("MfaRequired");
            assertThat(summary.outcomes().subList(8, 20)).allSatisfy(o -> {
                assertThat(o.result().status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
                assertThat(o.result().detail()).isInstanceOf(ResultDetail.SignedOut.class);
            });
            assertThat(sandbox.simulator().callsTo(FAILURE)).as("the 8th call never reached SageMaker").hasSize(7);
            assertThat(session.recovery().unsettledSubmissions()).extracting(s -> s.token()).containsExactly(tokens.get(7));

            // Signed in again (a new code): the same provider takes the new session from the cache.
            sandbox.simulator().faults().clear();
            signIn(Duration.ofHours(1));
            BulkSubmission.Summary again = session.decisions().submitFailures(tokens.subList(7, 20), REASON, 1, o -> { },
                    () -> false);
            assertThat(again.outcomes()).as(again.tally()).allSatisfy(o -> assertThat(o.result().accepted()
                    || o.result().detail() instanceof ResultDetail.BeingDecided).isTrue());
            // The unsettled one goes with its own request token: by this run, or by its background retry.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!session.recovery().unsettledSubmissions().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(session.recovery().unsettledSubmissions()).isEmpty();

            List<RecordedCall> sent = sandbox.simulator().callsTo(FAILURE);
            assertThat(sent).allSatisfy(c -> assertThat(c.succeeded()).as(c.toString()).isTrue());
            assertThat(sent.stream().map(c -> BulkSignedOutTest.field(BulkSignedOutTest.CALLBACK_TOKEN,
                    c.requestBody()))).as("each token sent once").hasSize(20).doesNotHaveDuplicates();
            Map<CallbackToken, List<HistoryEntry>> history = session.history().recent(1000).stream()
                    .collect(Collectors.groupingBy(e -> e.submission().token()));
            assertThat(tokens).allSatisfy(t -> {
                assertThat(history.get(t)).as("decisions on %s", t)
                        .filteredOn(e -> e.outcome() instanceof Outcome.Accepted).hasSize(1);
                assertThat(history.get(t)).as("the others journaled ahead and not sent")
                        .filteredOn(e -> !(e.outcome() instanceof Outcome.Accepted)).allSatisfy(e ->
                                assertThat(e.outcome()).isInstanceOfSatisfying(Outcome.NotSent.class,
                                        n -> assertThat(n.code()).isEqualTo(BulkSubmission.SIGNED_OUT)));
            });
        }
    }

    private static List<CallbackToken> held(ConsoleSession session, Set<String> executions) {
        List<PendingCallback> held = List.of();
        for (int poll = 0; poll < 200 && held.size() < executions.size(); poll++) {
            held = session.pending().pollOnce().pending().stream()
                    .filter(p -> executions.contains(p.executionArn().value())).toList();
        }
        assertThat(held).hasSize(executions.size());
        return held.stream().map(PendingCallback::token).toList();
    }

    private static void sleepUntil(Instant when) {
        try {
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), when).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
