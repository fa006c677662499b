package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SqsCallbackInbox;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each queue's redrive {@code maxReceiveCount}, read once per queue and session the first time the queue answers, so
 * rows can warn before a message goes to the dead-letter queue. A failure is logged, not retried.
 */
final class RedriveLimits {
    private static final Logger log = LoggerFactory.getLogger(RedriveLimits.class);

    private final SqsCallbackInbox inbox;
    private final AwsErrorExplainer explainer;
    /** 0 when the queue has no redrive policy or it could not be read. */
    private final Map<String, Integer> maxReceiveCounts = new ConcurrentHashMap<>();

    RedriveLimits(SqsCallbackInbox inbox, AwsErrorExplainer explainer) {
        this.inbox = inbox;
        this.explainer = explainer;
    }

    void readOnce(String queueUrl) {
        if (maxReceiveCounts.containsKey(queueUrl)) {
            return;
        }
        try {
            maxReceiveCounts.put(queueUrl, inbox.maxReceiveCount(queueUrl).orElse(0));
        } catch (RuntimeException e) {
            maxReceiveCounts.put(queueUrl, 0);
            log.warn("Cannot read the redrive policy of {}, so rows do not warn before its dead-letter queue: {}",
                    queueUrl, explainer.explainRead(e).explanation());
        }
    }

    /** The known limits, by queue URL; queues without one are left out. */
    Map<String, Integer> known() {
        Map<String, Integer> limits = new HashMap<>(maxReceiveCounts);
        limits.values().removeIf(count -> count <= 0);
        return limits;
    }
}
