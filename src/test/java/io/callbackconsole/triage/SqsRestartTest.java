package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.EmbeddedSqs;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ stops and starts again on the same port under a polling console. */
class SqsRestartTest {
    EmbeddedSqs server;
    AwsClientFactory factory;
    SqsClient sqs;
    CallbackPoller poller;
    final AtomicReference<PendingSnapshot> latest = new AtomicReference<>();

    @AfterEach
    void stop() {
        if (poller != null) {
            poller.close();
        }
        if (sqs != null) {
            sqs.close();
            factory.close();
        }
        if (server != null) {
            server.close();
        }
    }

    PendingSnapshot await(String what, Predicate<PendingSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            PendingSnapshot snapshot = latest.get();
            if (snapshot != null && condition.test(snapshot)) {
                return snapshot;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 30 s: " + what + "; last snapshot: " + latest.get());
    }

    static List<String> tokens(PendingSnapshot snapshot) {
        return snapshot.pending().stream().map(PendingCallback::token).map(t -> t.value()).toList();
    }

    @Test
    void pollingSaysItCannotReachSqsThenRecoversByItselfAndKeepsWhatItHeld() throws InterruptedException {
        server = EmbeddedSqs.start(0, "us-east-2");
        int port = server.port();
        factory = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2", List.of(), server.endpoint(),
                null, null));
        sqs = factory.sqs();
        String queueUrl = sqs.createQueue(b -> b.queueName("restarted")).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(SqsLeaseTest.body("Before0001")));
        poller = new CallbackPoller(new SqsCallbackInbox(sqs), new CallbackMessageParser(), new AwsErrorExplainer(),
                new PendingCallbackSet(), token -> false, List.of(queueUrl),
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofMillis(100), 0), Clock.systemUTC());
        poller.addListener(latest::set);
        poller.start();
        await("the first token is held", s -> s.pollState().phase() == PollState.Phase.POLLING
                && tokens(s).contains("Before0001"));

        server.close();
        server = null;
        PendingSnapshot down = await("polling fails", s -> s.pollState().phase() == PollState.Phase.FAILING);
        assertThat(down.pollState().problem()).contains("restarted:").contains("Cannot connect");
        assertThat(down.pollState().lastSuccess()).isNotNull();
        assertThat(tokens(down)).as("held rows stay while SQS is away").containsExactly("Before0001");

        server = EmbeddedSqs.start(port, "us-east-2");
        // ElasticMQ keeps its queues in memory: the restarted one has lost them, unlike SQS, whose queue outlives a
        // network outage. Recreate it under the same URL, as the queue's owner would.
        assertThat(sqs.createQueue(b -> b.queueName("restarted")).queueUrl()).isEqualTo(queueUrl);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(SqsLeaseTest.body("After00001")));

        PendingSnapshot back = await("polling recovers", s -> s.pollState().phase() == PollState.Phase.POLLING
                && tokens(s).contains("After00001"));
        assertThat(back.pollState().problem()).isNull();
        assertThat(tokens(back)).containsExactlyInAnyOrder("Before0001", "After00001");
    }
}
