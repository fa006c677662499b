package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * Long polling waits at SQS only when there is nothing to read: a tick first asks every queue without waiting, so an
 * empty queue named before a full one no longer holds the full one's rows back for its whole wait (the sandbox's first
 * rows came 1.2 s after its first receive); a tick that finds nothing anywhere long-polls each queue.
 */
class CallbackPollerLongPollTest {
    private Sandbox sandbox;
    /** The wait of every receive, in the order they were made. */
    private final List<Integer> waits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anEmptyQueueDoesNotHoldBackTheRowsOfTheNext() throws Exception {
        String empty = sandbox.sqs().createQueue(b -> b.queueName("empty-first")).queueUrl();
        String full = sandbox.sqs().createQueue(b -> b.queueName("with-a-message")).queueUrl();
        sandbox.sqs().sendMessage(b -> b.queueUrl(full).messageBody("{\"token\": \"tok0000001\","
                + " \"pipelineExecutionArn\": \"arn:aws:sagemaker:us-east-2:123456789012:pipeline/p/execution/e1\","
                + " \"arguments\": {}}"));
        PendingCallbackSet callbacks = new PendingCallbackSet();
        AtomicReference<List<Integer>> waitsAtFirstRow = new AtomicReference<>();
        // 20 s, SQS's longest wait: waiting at the empty queue first would hold the row back that long.
        CallbackPoller poller = poller(callbacks, List.of(empty, full), 20);
        poller.addListener(snapshot -> {
            if (!snapshot.pending().isEmpty()) {
                waitsAtFirstRow.compareAndSet(null, List.copyOf(waits));
            }
        });
        try {
            poller.start();
            awaitTrue(() -> waitsAtFirstRow.get() != null, 10);
            assertThat(waitsAtFirstRow.get()).as("each queue asked once, neither waited on").containsExactly(0, 0);
        } finally {
            poller.close();
        }
    }

    @Test
    void aTickThatFindsNothingLongPollsEveryQueue() throws Exception {
        String first = sandbox.sqs().createQueue(b -> b.queueName("first-empty")).queueUrl();
        String second = sandbox.sqs().createQueue(b -> b.queueName("second-empty")).queueUrl();
        CallbackPoller poller = poller(new PendingCallbackSet(), List.of(first, second), 1);
        try {
            poller.start();
            awaitTrue(() -> waits.size() >= 4, 10);
            assertThat(waits.subList(0, 4)).containsExactly(0, 0, 1, 1);
        } finally {
            poller.close();
        }
    }

    private CallbackPoller poller(PendingCallbackSet callbacks, List<String> queues, int waitSeconds) {
        return new CallbackPoller(new SqsCallbackInbox(recordingWaits(sandbox.sqs())), new CallbackMessageParser(),
                new AwsErrorExplainer(), callbacks, token -> false, queues,
                new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofHours(1), waitSeconds),
                Clock.systemUTC());
    }

    /** The sandbox's SQS client, noting each receive's wait before it is made. */
    @SuppressWarnings("unchecked")
    private SqsClient recordingWaits(SqsClient sqs) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("receiveMessage") && args != null && args.length == 1) {
                        ReceiveMessageRequest request;
                        if (args[0] instanceof ReceiveMessageRequest given) {
                            request = given;
                        } else {
                            // The inbox builds its request with a consumer: build it here to read the wait.
                            ReceiveMessageRequest.Builder builder = ReceiveMessageRequest.builder();
                            ((java.util.function.Consumer<ReceiveMessageRequest.Builder>) args[0]).accept(builder);
                            request = builder.build();
                        }
                        waits.add(request.waitTimeSeconds() == null ? 0 : request.waitTimeSeconds());
                        return sqs.receiveMessage(request);
                    }
                    try {
                        return method.invoke(sqs, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(condition.getAsBoolean()).as("within " + seconds + " s").isTrue();
    }
}
