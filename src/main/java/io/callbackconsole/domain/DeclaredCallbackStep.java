package io.callbackconsole.domain;

import java.util.List;
import java.util.Objects;

/**
 * A {@code Callback} step as its pipeline definition declares it.
 *
 * @param queueUrl the {@code SqsQueueUrl} its messages go to; may be null when the definition names none
 */
public record DeclaredCallbackStep(String name, String queueUrl, List<DeclaredOutput> outputs) {
    public DeclaredCallbackStep {
        Objects.requireNonNull(name, "name");
        outputs = List.copyOf(outputs);
    }
}
