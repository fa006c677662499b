package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.EmbeddedSqs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** How the poller holds SQS messages: leases extended in the background, released rows, peeking, redrive limits. */
class SqsLeaseTest {
    private static EmbeddedSqs server;
    private static AwsClientFactory factory;
    private static SqsClient sqs;

    private String queueUrl;
    private CallbackPoller poller;

    @BeforeAll
    static void startServer() {
        server = EmbeddedSqs.start(0, "us-east-2");
        factory = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2", List.of(), server.endpoint(),
                null, null));
        sqs = factory.sqs();
    }

    @AfterAll
    static void stopServer() {
        sqs.close();
        factory.close();
        server.close();
    }

    @BeforeEach
    void freshQueue(TestInfo test) {
        queueUrl = sqs.createQueue(b -> b.queueName(test.getTestMethod().orElseThrow().getName())).queueUrl();
    }

    @AfterEach
    void closePoller() {
        if (poller != null) {
            poller.close();
        }
    }

    static String body(String token) {
        return "{\"token\":\"" + token + "\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:000000000000:"
                + "pipeline/p/execution/" + token.toLowerCase() + "\",\"arguments\":{},\"status\":\"Executing\"}";
    }

    void send(String token) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body(token)));
    }

    CallbackPoller poller(CallbackPoller.PollerSettings settings) {
        return new CallbackPoller(new SqsCallbackInbox(sqs), new CallbackMessageParser(), new AwsErrorExplainer(),
                new PendingCallbackSet(), token -> false, List.of(queueUrl), settings, Clock.systemUTC());
    }

    /** What another consumer of the queue receives right now (and hands back at once). */
    int othersReceive() {
        var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0))
                .messages();
        return messages.size();
    }

    List<String> pendingTokens() {
        return poller.pollOnce().pending().stream().map(p -> p.token().value()).toList();
    }

    @Test
    void heldMessagesStayHiddenPastTheirVisibilityTimeoutBecauseTheLeaseIsExtended() throws InterruptedException {
        send("Lease00001");
        send("Lease00002");
        poller = poller(new CallbackPoller.PollerSettings(Duration.ofSeconds(2), Duration.ofMillis(100), 0));
        assertThat(pendingTokens()).containsExactlyInAnyOrder("Lease00001", "Lease00002");

        // Three visibility timeouts long, another consumer never sees the messages while this console holds them.
        for (int i = 0; i < 24; i++) {
            Thread.sleep(250);
            poller.pollOnce();
            assertThat(othersReceive()).as("visible to another consumer after %d ms", (i + 1) * 250).isZero();
        }
        assertThat(pendingTokens()).containsExactlyInAnyOrder("Lease00001", "Lease00002");
        assertThat(poller.pollOnce().pending()).allSatisfy(p -> assertThat(p.receiveCount()).isEqualTo(1));
    }

    @Test
    void aReleasedRowGoesAwayAndItsMessageIsBackOnTheQueue() {
        send("Release001");
        send("Release002");
        poller = poller(new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0));
        assertThat(pendingTokens()).hasSize(2);

        assertThat(poller.release(CallbackToken.of("Release001"))).isNull();

        assertThat(poller.state()).isNotNull();
        var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0)
                .attributeNamesWithStrings("All")).messages();
        assertThat(messages).singleElement().satisfies(m -> assertThat(m.body()).contains("Release001"));
        // Received again (here by this console), the row is back with its receive count raised.
        PendingSnapshot again = poller.pollOnce();
        assertThat(again.pending()).extracting(p -> p.token().value())
                .containsExactlyInAnyOrder("Release001", "Release002");
        assertThat(again.pending()).filteredOn(p -> p.token().value().equals("Release001"))
                .singleElement().satisfies(p -> assertThat(p.receiveCount()).isEqualTo(3));
    }

    @Test
    void peekingHoldsNothingBetweenPollsAndForgetsWhatAnotherConsumerTook() {
        send("Peek000001");
        send("Peek000002");
        poller = poller(new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0, true));
        assertThat(poller.peeking()).isTrue();

        assertThat(pendingTokens()).containsExactlyInAnyOrder("Peek000001", "Peek000002");
        // Nothing is held: another consumer takes one of them at once, for good.
        var taken = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).visibilityTimeout(300))
                .messages();
        assertThat(taken).hasSize(1);
        String takenToken = taken.get(0).body().contains("Peek000001") ? "Peek000001" : "Peek000002";
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(taken.get(0).receiptHandle()));

        assertThat(pendingTokens()).hasSize(1).doesNotContain(takenToken);
        assertThat(othersReceive()).isEqualTo(1);
    }

    @Test
    void theQueuesRedriveLimitIsReadOnceAndCarriedInTheSnapshot() {
        String deadLetters = sqs.createQueue(b -> b.queueName("dlq-of-redrive")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(deadLetters).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sqs.setQueueAttributes(b -> b.queueUrl(queueUrl).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"4\"}")));
        send("Redrive001");
        poller = poller(new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0));

        PendingSnapshot snapshot = poller.pollOnce();

        PendingCallback row = snapshot.pending().get(0);
        assertThat(snapshot.maxReceiveCountOf(row)).isEqualTo(4);
        assertThat(row.receiveCount()).isEqualTo(1);
    }

    @Test
    void aQueueWithoutRedrivePolicyHasNoLimit() {
        send("NoRedrive1");
        poller = poller(new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(60), 0));
        PendingSnapshot snapshot = poller.pollOnce();
        assertThat(snapshot.maxReceiveCountOf(snapshot.pending().get(0))).isZero();
    }

    /**
     * Closing interrupts the poll waiting on SQS: that is not a failure to poll, so neither the log (a warning at every
     * exit) nor the last snapshot says it is.
     */
    @Test
    void closingDuringALongPollLogsAndPublishesNoFailure() throws Exception {
        ch.qos.logback.classic.Logger pollerLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(CallbackPoller.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        pollerLog.addAppender(logged);
        try {
            poller = poller(new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofMillis(10), 20));
            List<PendingSnapshot> published = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.CountDownLatch firstPoll = new java.util.concurrent.CountDownLatch(1);
            poller.addListener(snapshot -> {
                published.add(snapshot);
                firstPoll.countDown();
            });
            send("Dqm0f4dW1z");
            poller.start();
            assertThat(firstPoll.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Thread.sleep(300); // the next tick is in its 20-second receive by now

            poller.close();
            poller = null;

            assertThat(logged.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
            assertThat(published).allSatisfy(snapshot -> assertThat(snapshot.pollState().phase())
                    .isNotEqualTo(PollState.Phase.FAILING));
        } finally {
            pollerLog.detachAppender(logged);
        }
    }
}
