package io.callbackconsole.triage;

import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.BulkHandOffs.Accepted;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bulk run's deleter: deletes the messages of accepted decisions, only once their outcomes are durable, in
 * DeleteMessageBatch calls. A call costs about the same for 1 message as for 10, so it waits (up to
 * {@link BulkSubmission#PARTIAL_BATCH_WAIT_MILLIS}) for a full batch of messages, and sends whole batches while more
 * are coming.
 */
final class BulkMessageDeleter implements Runnable {
    private static final int BATCH = SqsCallbackInbox.MAX_MESSAGES_PER_RECEIVE;

    private final BulkDecisionStages stages;
    private final BulkHandOffs handOffs;
    private final BulkRows rows;
    private final long partialBatchWaitMillis;
    private volatile int deleteCalls;

    BulkMessageDeleter(BulkDecisionStages stages, BulkHandOffs handOffs, BulkRows rows, long partialBatchWaitMillis) {
        this.stages = Objects.requireNonNull(stages);
        this.handOffs = Objects.requireNonNull(handOffs);
        this.rows = Objects.requireNonNull(rows);
        this.partialBatchWaitMillis = partialBatchWaitMillis;
    }

    /** How many rounds of deletion it made. */
    int deleteCalls() {
        return deleteCalls;
    }

    /** Until it takes {@link BulkHandOffs#NO_MORE_TO_DELETE} and has deleted everything before it. */
    @Override
    public void run() {
        List<Accepted> waiting = new ArrayList<>();
        int messagesWaiting = 0;
        long oldestSince = 0;
        boolean end = false;
        while (!end || !waiting.isEmpty()) {
            if (!end) {
                long waitMillis = waiting.isEmpty() ? Long.MAX_VALUE
                        : partialBatchWaitMillis - (System.nanoTime() - oldestSince) / 1_000_000;
                List<Accepted> arrived = new ArrayList<>();
                Accepted next = messagesWaiting >= BATCH ? null
                        : BlockingQueues.pollUninterruptibly(handOffs.toDelete, waitMillis);
                if (next != null) {
                    arrived.add(next);
                }
                handOffs.toDelete.drainTo(arrived);
                end = arrived.remove(BulkHandOffs.NO_MORE_TO_DELETE);
                if (waiting.isEmpty() && !arrived.isEmpty()) {
                    oldestSince = System.nanoTime();
                }
                for (Accepted a : arrived) {
                    waiting.add(a);
                    messagesWaiting += a.messages();
                }
            }
            boolean waitedLongEnough = !waiting.isEmpty()
                    && (System.nanoTime() - oldestSince) / 1_000_000 >= partialBatchWaitMillis;
            List<Accepted> whole = wholeBatches(waiting);
            // Tokens with several messages can leave no whole batch: then a full call's worth goes as it is.
            boolean fullCallWaiting = whole.isEmpty() && messagesWaiting >= BATCH;
            List<Accepted> now = end || waitedLongEnough || fullCallWaiting ? List.copyOf(waiting) : whole;
            if (now.isEmpty()) {
                continue;
            }
            waiting.subList(0, now.size()).clear();
            List<QueueMessage> messages = new ArrayList<>();
            now.forEach(a -> messages.addAll(a.journaled().claimed().pending().messages()));
            messagesWaiting -= messages.size();
            deleteCalls++;
            oldestSince = System.nanoTime();
            Map<QueueMessage, String> failures = messages.isEmpty() ? Map.of() : stages.deleteAll(messages);
            for (Accepted a : now) {
                rows.finish(a.journaled().index(), stages.deleted(a.journaled().claimed(), a.result(), failures));
            }
        }
    }

    /** The longest head of {@code waiting} whose messages fill whole batches of 10; empty when there are fewer. */
    private static List<Accepted> wholeBatches(List<Accepted> waiting) {
        int messages = 0;
        int end = 0;
        for (int i = 0; i < waiting.size(); i++) {
            messages += waiting.get(i).messages();
            if (messages % BATCH == 0) {
                end = i + 1;
            }
        }
        return List.copyOf(waiting.subList(0, end));
    }
}
