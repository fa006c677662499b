package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** A backlog larger than one tick's batches drains at once, not one tick per interval. */
class CallbackPollerBacklogTest {

    @Test
    void aBacklogDrainsWithoutWaitingForTheInterval() throws Exception {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false))) {
            String queueUrl = sandbox.sqs().createQueue(b -> b.queueName("backlog")).queueUrl();
            int messages = 650;
            for (int start = 0; start < messages; start += 10) {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = start; i < start + 10; i++) {
                    String token = String.format("tok%07d", i);
                    entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("{\"token\": \""
                            + token + "\", \"pipelineExecutionArn\": \"arn:aws:sagemaker:us-east-2:123456789012:"
                            + "pipeline/p/execution/e" + i + "\", \"arguments\": {}}").build());
                }
                sandbox.sqs().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            }
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            PendingCallbackSet callbacks = new PendingCallbackSet();
            // An hour between ticks: only the backlog rule can drain 650 messages (three ticks' worth) in time.
            CallbackPoller poller = new CallbackPoller(new SqsCallbackInbox(sandbox.sqs()), new CallbackMessageParser(),
                    new AwsErrorExplainer(), callbacks, token -> false, List.of(queueUrl),
                    new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofHours(1), 0),
                    Clock.systemUTC());
            poller.addListener(snapshot -> sizes.add(snapshot.pending().size()));
            try {
                poller.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (callbacks.size() < messages && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                assertThat(callbacks.size()).isEqualTo(messages);
                // Still one snapshot per tick, each tick at most 20 receives of 10.
                assertThat(sizes).hasSizeLessThanOrEqualTo(6).last().isEqualTo(messages);
            } finally {
                poller.close();
            }
        }
    }
}
