package io.callbackconsole.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Writes callback steps' SQS messages in the shape SageMaker sends and puts them on the step's queue. Bodies are
 * written under the simulator's lock (they read the execution); sending happens after it is released, so a slow
 * queue never blocks other requests, but before the operation answers, so a client that got its answer finds the
 * message on the queue.
 */
final class CallbackMessages {
    private static final Logger log = LoggerFactory.getLogger(CallbackMessages.class);

    private final SqsClient sqs;
    private final ObjectMapper mapper;
    private final Object lock;
    private final Clock clock;

    /** A message to send: the step it belongs to and its body. */
    record Delivery(StepRun step, String body) {
    }

    /**
     * @param lock the simulator's lock, taken to fail a step whose message cannot be sent
     */
    CallbackMessages(SqsClient sqs, ObjectMapper mapper, Object lock, Clock clock) {
        this.sqs = sqs;
        this.mapper = mapper;
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * The messages of these callback steps, with {@code status} {@code Executing} or {@code Stopping}. Called with
     * the lock held.
     */
    List<Delivery> messages(List<StepRun> steps, StepStatus status) {
        return steps.stream().map(run -> new Delivery(run, body(run, status))).toList();
    }

    /**
     * Sends the messages, in order. A message that cannot be sent fails its step and execution, so the failure is
     * visible through the API rather than leaving a step waiting for a message nobody will get. Called without the
     * lock.
     */
    void send(List<Delivery> deliveries) {
        for (Delivery delivery : deliveries) {
            StepRun run = delivery.step();
            String queueUrl = run.step().sqsQueueUrl();
            try {
                String messageId = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(delivery.body()))
                        .messageId();
                log.debug("Sent callback token {} of {} to {} as message {}", run.callbackToken(),
                        run.execution().arn(), queueUrl, messageId);
            } catch (SdkException e) {
                log.warn("Cannot send callback message of step {} to {}: {}", run.step().name(), queueUrl,
                        e.getMessage());
                synchronized (lock) {
                    if (run.status() == StepStatus.Executing) {
                        Instant now = clock.instant();
                        run.execution().failStep(run,
                                "Failed to send the callback message to " + queueUrl + ": " + e.getMessage(), now);
                    }
                }
            }
        }
    }

    /** The body SageMaker sends: {@code {"token", "pipelineExecutionArn", "arguments", "status"}}. */
    private String body(StepRun run, StepStatus status) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("token", run.callbackToken());
        body.put("pipelineExecutionArn", run.execution().arn());
        body.set("arguments", run.resolvedArguments());
        body.put("status", status.name());
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a callback message", e);
        }
    }
}
