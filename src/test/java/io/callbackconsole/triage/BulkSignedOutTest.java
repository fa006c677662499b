package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Issue 21: the session expires in the middle of a bulk run. SageMaker (the simulator, through the real SDK) answers
 * ExpiredTokenException after a number of calls: the run stops there as its circuit breaker would, the refused token
 * is a true REFUSED, every token after it is "not sent: signed out" with its message kept and nothing refused or
 * unsettled on record, and the same run after the sign-in decides each of them once.
 */
class BulkSignedOutTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern CALLBACK_TOKEN = Pattern.compile("\"CallbackToken\"\\s*:\\s*\"([^\"]+)\"");
    static final FailureReason REASON = FailureReason.of("signed out mid-run");

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
    void anExpiredTokenAfterSevenCallsStopsTheRunAndTheTwelveLeftAreDecidedOnceAfterSignIn() {
        List<CallbackToken> tokens = WaitingCallbacks.start(sandbox, session, 20);
        sandbox.simulator().faults().expireAfter(FAILURE, 7);

        BulkSubmission.Summary summary = session.decisions().submitFailures(tokens, REASON, 1, o -> { }, () -> false);

        assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).as(summary.tally()).isEqualTo(7);
        assertThat(summary.count(SubmissionResult.Status.REFUSED)).as(summary.tally()).isEqualTo(1);
        assertThat(summary.notSent()).as(summary.tally()).isEqualTo(12);
        assertThat(summary.signedOut()).isTrue();
        assertThat(summary.signedOutBy()).isEqualTo("ExpiredTokenException");
        assertThat(summary.breakerOpened()).as("answers came: not the no-answer breaker").isFalse();
        CallbackToken refused = tokens.get(7);
        assertRefusedAsSignedOut(summary, Set.of(refused));
        List<CallbackToken> left = tokens.subList(8, 20);
        assertNotSentAsSignedOut(summary, left);
        assertThat(sandbox.simulator().callsTo(FAILURE)).as("nothing sent after the expired answer").hasSize(8);
        assertHistoryShowsOnly(tokens.subList(0, 7), Set.of(refused), left);
        assertThat(messagesOnQueues()).as("the refused token's message and the twelve left are kept").isEqualTo(13);

        // Signed in again: the same run on the rows left decides each once.
        sandbox.simulator().faults().clear();
        BulkSubmission.Summary again = session.decisions().submitFailures(tokens.subList(7, 20), REASON, 1, o -> { },
                () -> false);

        assertThat(again.allAccepted()).as(again.tally()).isTrue();
        assertDecidedOnceAfterSignIn(tokens, Set.of(refused));
    }

    @Test
    void withFourCallsInFlightOnlyTheCallsUnderWayAreRefusedAndTheRestWaitsForTheSignIn() {
        List<CallbackToken> tokens = WaitingCallbacks.start(sandbox, session, 20);
        sandbox.simulator().faults().expireAfter(FAILURE, 7);

        BulkSubmission.Summary summary = session.decisions().submitFailures(tokens, REASON, 4, o -> { }, () -> false);

        long refusedCount = summary.count(SubmissionResult.Status.REFUSED);
        assertThat(summary.count(SubmissionResult.Status.ACCEPTED)).as(summary.tally()).isEqualTo(7);
        // The calls already under way when the first expired answer came are refused the same way; no more.
        assertThat(refusedCount).as(summary.tally()).isBetween(1L, 4L);
        assertThat(summary.notSent()).as(summary.tally()).isEqualTo(13 - refusedCount);
        assertThat(summary.signedOut()).isTrue();
        Set<CallbackToken> refused = summary.outcomes().stream()
                .filter(o -> o.sent() && o.result().status() == SubmissionResult.Status.REFUSED)
                .map(BulkSubmission.RowOutcome::token).collect(Collectors.toSet());
        assertRefusedAsSignedOut(summary, refused);
        List<CallbackToken> accepted = summary.outcomes().stream().filter(o -> o.sent() && o.result().accepted())
                .map(BulkSubmission.RowOutcome::token).toList();
        List<CallbackToken> left = tokens.stream().filter(t -> !accepted.contains(t) && !refused.contains(t))
                .toList();
        assertNotSentAsSignedOut(summary, left);
        assertThat(sandbox.simulator().callsTo(FAILURE)).hasSize(7 + (int) refusedCount);
        assertHistoryShowsOnly(accepted, refused, left);
        assertThat(messagesOnQueues()).isEqualTo(13);

        sandbox.simulator().faults().clear();
        List<CallbackToken> rest = tokens.stream().filter(t -> !accepted.contains(t)).toList();
        BulkSubmission.Summary again = session.decisions().submitFailures(rest, REASON, 4, o -> { }, () -> false);

        assertThat(again.allAccepted()).as(again.tally()).isTrue();
        assertDecidedOnceAfterSignIn(tokens, refused);
    }

    private static void assertRefusedAsSignedOut(BulkSubmission.Summary summary, Set<CallbackToken> refused) {
        assertThat(summary.outcomes()).filteredOn(o -> refused.contains(o.token())).hasSize(refused.size())
                .allSatisfy(o -> {
                    assertThat(o.result().status()).isEqualTo(SubmissionResult.Status.REFUSED);
                    assertThat(((Outcome.Refused) o.result().outcome()).errorCode())
                            .isEqualTo("ExpiredTokenException");
                });
    }

    private static void assertNotSentAsSignedOut(BulkSubmission.Summary summary, List<CallbackToken> left) {
        assertThat(summary.outcomes()).filteredOn(o -> left.contains(o.token())).hasSize(left.size())
                .allSatisfy(o -> {
                    assertThat(o.sent()).as("every row is told what became of it").isTrue();
                    assertThat(o.result().status()).isEqualTo(SubmissionResult.Status.NOT_SENT);
                    assertThat(o.result().detail()).isInstanceOfSatisfying(ResultDetail.SignedOut.class, d -> {
                        assertThat(d.token()).isEqualTo(o.token());
                        assertThat(d.errorCode()).isEqualTo("ExpiredTokenException");
                    });
                });
    }

    /**
     * The history holds the accepted and refused decisions as they were, and of the tokens left at most an intent on
     * record as not sent (signed out): none refused, none unsettled.
     */
    private void assertHistoryShowsOnly(List<CallbackToken> accepted, Set<CallbackToken> refused,
                                        List<CallbackToken> left) {
        Map<CallbackToken, List<HistoryEntry>> history = session.history().recent(1000).stream()
                .collect(Collectors.groupingBy(e -> e.submission().token()));
        assertThat(accepted).allSatisfy(t -> assertThat(history.get(t)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Accepted.class)));
        assertThat(refused).allSatisfy(t -> assertThat(history.get(t)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isInstanceOf(Outcome.Refused.class)));
        assertThat(left).allSatisfy(t -> assertThat(history.getOrDefault(t, List.of())).allSatisfy(e ->
                assertThat(e.outcome()).isInstanceOfSatisfying(Outcome.NotSent.class,
                        n -> assertThat(n.code()).isEqualTo(BulkSubmission.SIGNED_OUT))));
        assertThat(session.recovery().unsettledSubmissions()).isEmpty();
    }

    /**
     * Every token is failed once: one accepted call each, no conflict; a token refused as signed out was sent once
     * more, with its new decision's own request token.
     */
    private void assertDecidedOnceAfterSignIn(List<CallbackToken> tokens, Set<CallbackToken> refused) {
        List<RecordedCall> calls = sandbox.simulator().callsTo(FAILURE);
        assertThat(calls).extracting(RecordedCall::errorCode).doesNotContain("ConflictException");
        Map<String, List<RecordedCall>> byToken = calls.stream()
                .collect(Collectors.groupingBy(c -> field(CALLBACK_TOKEN, c.requestBody())));
        assertThat(tokens).allSatisfy(token -> {
            List<RecordedCall> its = byToken.get(token.value());
            assertThat(its).as("calls of %s", token).hasSize(refused.contains(token) ? 2 : 1);
            assertThat(its).filteredOn(c -> c.errorCode() == null).hasSize(1);
            assertThat(its.stream().map(c -> field(CLIENT_REQUEST_TOKEN, c.requestBody())).distinct())
                    .hasSize(its.size());
        });
        Map<CallbackToken, List<HistoryEntry>> history = session.history().recent(1000).stream()
                .collect(Collectors.groupingBy(e -> e.submission().token()));
        assertThat(tokens).allSatisfy(t -> assertThat(history.get(t))
                .filteredOn(e -> e.outcome() instanceof Outcome.Accepted).hasSize(1));
        assertThat(session.recovery().unsettledSubmissions()).isEmpty();
        assertThat(messagesOnQueues()).isZero();
    }

    static String field(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        assertThat(m.find()).as("%s in %s", pattern, body).isTrue();
        return m.group(1);
    }

    /** Messages on the sandbox's queues, visible or held (received and not deleted). */
    long messagesOnQueues() {
        long total = 0;
        for (String queue : sandbox.queueUrls()) {
            Map<QueueAttributeName, String> attributes = sandbox.sqs().getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            total += Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    + Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
        }
        return total;
    }
}
