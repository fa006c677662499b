package io.callbackconsole.bench;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.PendingCallbackSet;
import io.callbackconsole.triage.PendingSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Drains a queue of callback messages into the pending model through what the GUI uses (the SQS client the factory
 * builds, the inbox, the parser, the answered-check against the history, the pending set and its one snapshot per
 * tick, on the poller's schedule), against a bare SDK receive/delete loop on one thread (the poller's concurrency).
 */
final class DrainBenchmark {
    private final SandboxBench bench;
    private final Path scratch;
    private final int messages;
    private int queues;

    DrainBenchmark(SandboxBench bench, Path scratch, int messages) {
        this.bench = bench;
        this.scratch = scratch;
        this.messages = messages;
    }

    /** Messages per second from the poller's start to the snapshot that holds every message. */
    double console() throws Exception {
        String queueUrl = bench.createQueue("bench-drain-console-" + (++queues));
        bench.fill(queueUrl, messages);
        Path historyFile = Files.createTempDirectory(scratch, "drain").resolve("history.db");
        try (HistoryStore history = HistoryStore.open(historyFile, "bench");
             AwsClientFactory clients = AwsClientFactory.create(bench.connection)) {
            var sqs = clients.sqs();
            PendingCallbackSet callbacks = new PendingCallbackSet();
            CallbackPoller poller = new CallbackPoller(new SqsCallbackInbox(sqs), new CallbackMessageParser(),
                    new AwsErrorExplainer(), callbacks, token -> history.answered(token, ConnectionId.sandbox()), List.of(queueUrl),
                    CallbackPoller.PollerSettings.defaults(), Clock.systemUTC());
            CompletableFuture<Long> drained = new CompletableFuture<>();
            poller.addListener((PendingSnapshot snapshot) -> {
                if (snapshot.pending().size() >= messages) {
                    drained.complete(System.nanoTime());
                }
            });
            long start = System.nanoTime();
            poller.start();
            long end = drained.get(10, TimeUnit.MINUTES);
            // Forget the held messages so closing does not release each one: the queue is deleted anyway.
            for (PendingCallback p : callbacks.snapshot(poller.state(), java.time.Instant.now()).pending()) {
                callbacks.remove(p.token());
            }
            poller.close();
            sqs.close();
            return messages / ((end - start) / 1e9);
        } finally {
            bench.deleteQueue(queueUrl);
        }
    }

    /** Messages per second of a bare receive (10 at a time) and DeleteMessageBatch loop on one thread. */
    double bare() throws Exception {
        String queueUrl = bench.createQueue("bench-drain-bare-" + (++queues));
        bench.fill(queueUrl, messages);
        try {
            long start = System.nanoTime();
            int received = 0;
            while (received < messages) {
                List<Message> batch = bench.bareSqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                if (batch.isEmpty()) {
                    continue;
                }
                received += batch.size();
                List<DeleteMessageBatchRequestEntry> entries = batch.stream()
                        .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                                .receiptHandle(m.receiptHandle()).build()).toList();
                bench.bareSqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            }
            long end = System.nanoTime();
            return messages / ((end - start) / 1e9);
        } finally {
            bench.deleteQueue(queueUrl);
        }
    }
}
