package io.callbackconsole.ui.pending;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The age alarm of each pipeline: a default, and thresholds operators set for pipelines whose reviews take longer (or
 * must be quicker). A row's threshold is its pipeline's, by the pipeline name in its execution ARN, else the default.
 */
public record AgeAlarms(AgeAlarm fallback, Map<String, AgeAlarm> byPipeline) {
    public static final AgeAlarms DEFAULT = new AgeAlarms(AgeAlarm.DEFAULT, Map.of());

    public AgeAlarms {
        Objects.requireNonNull(fallback, "fallback");
        byPipeline.keySet().forEach(name -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A per-pipeline age alarm needs a pipeline name");
            }
        });
        byPipeline = Map.copyOf(new TreeMap<>(byPipeline));
    }

    /** The alarm of {@code row}'s pipeline. */
    public AgeAlarm of(PendingRow row) {
        return byPipeline.getOrDefault(row.pipelineName(), fallback);
    }

    public boolean over(PendingRow row) {
        return of(row).over(row);
    }
}
