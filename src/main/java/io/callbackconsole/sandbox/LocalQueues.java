package io.callbackconsole.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The sandbox's stand-ins for the queues pipeline definitions name: a callback step's {@code SqsQueueUrl} (an AWS
 * queue, say {@code https://sqs.us-east-2.amazonaws.com/0123…/manual-review}) maps to the ElasticMQ queue of the same
 * name, created the first time a definition names it. Thread-safe.
 */
final class LocalQueues {
    /** The SQS queue name rule: 1 to 80 letters, digits, hyphens and underscores (and ".fifo" for FIFO queues). */
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}(\\.fifo)?");

    private final SqsClient sqs;
    private final Map<String, String> localByOriginal = new LinkedHashMap<>();

    LocalQueues(SqsClient sqs) {
        this.sqs = sqs;
    }

    /**
     * The local queue for a definition's queue URL, created when first named; a URL of the sandbox's own queues maps
     * to itself.
     *
     * @throws IllegalArgumentException when the URL's last path segment is not a queue name
     */
    synchronized String localUrlFor(String originalUrl) {
        String known = localByOriginal.get(originalUrl);
        if (known != null) {
            return known;
        }
        if (localByOriginal.containsValue(originalUrl)) {
            return originalUrl;
        }
        String trimmed = originalUrl.replaceAll("/+$", "");
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("SqsQueueUrl '" + originalUrl + "' does not end in a queue name (1 to 80"
                    + " letters, digits, hyphens or underscores)");
        }
        String local = sqs.createQueue(b -> {
            b.queueName(name);
            if (name.endsWith(".fifo")) {
                b.attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
            }
        }).queueUrl();
        localByOriginal.put(originalUrl, local);
        return local;
    }

    /** Every local queue made so far, in the order definitions first named them. */
    synchronized List<String> urls() {
        return new ArrayList<>(localByOriginal.values().stream().distinct().toList());
    }
}
