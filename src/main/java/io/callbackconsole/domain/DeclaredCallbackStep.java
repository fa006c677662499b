package io.callbackconsole.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code Callback} step as its pipeline definition declares it.
 *
 * @param queueUrl    the {@code SqsQueueUrl} its messages go to; may be null when the definition names none
 * @param description the step's own {@code Description}, as written (outside text: escape it to show it); null when
 *                    the definition gives none, or gives something other than text
 */
public record DeclaredCallbackStep(String name, String queueUrl, List<DeclaredOutput> outputs, String description) {
    public DeclaredCallbackStep {
        Objects.requireNonNull(name, "name");
        outputs = List.copyOf(outputs);
        description = description == null || description.isBlank() ? null : description;
    }

    /** A step without a description. */
    public DeclaredCallbackStep(String name, String queueUrl, List<DeclaredOutput> outputs) {
        this(name, queueUrl, outputs, null);
    }

    public Optional<String> describedAs() {
        return Optional.ofNullable(description);
    }
}
