package io.callbackconsole.ui.preferences;

import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.pending.AgeAlarm;
import io.callbackconsole.ui.pending.AgeAlarms;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the operator set in Edit → Preferences (the theme apart: View → Theme keeps it): the age alarm's default and
 * per-pipeline thresholds in minutes, which notifications to show, how far back Find waiting looks, and how many calls
 * a bulk decision has in flight. A value that exists is within its bounds; {@link PreferencesInput} says why text is
 * not.
 */
public record Preferences(int alarmMinutes, Map<String, Integer> pipelineAlarmMinutes, boolean notifyNew,
                          boolean notifyOverdue, boolean notifyNearDeadLetter, int findWaitingDays,
                          int bulkConcurrency) {
    /** A week: past that an alarm is no alarm, and a typo (300000) is caught. */
    public static final int MAX_ALARM_MINUTES = 7 * 24 * 60;
    /** The longest choice Find waiting offers; each day more costs list calls per pipeline. */
    public static final int MAX_FIND_WAITING_DAYS = 90;

    public static final Preferences DEFAULT = new Preferences((int) AgeAlarm.DEFAULT.after().toMinutes(), Map.of(),
            true, true, true, 7, BulkSubmission.DEFAULT_CONCURRENCY);

    public Preferences {
        requireWithin(WindowWords.text("preferences.alarm.subject"), alarmMinutes, 1, MAX_ALARM_MINUTES);
        Objects.requireNonNull(pipelineAlarmMinutes, "pipelineAlarmMinutes");
        pipelineAlarmMinutes.forEach((pipeline, minutes) -> {
            if (pipeline == null || pipeline.isBlank()) {
                throw new IllegalArgumentException(WindowWords.text("preferences.pipelineAlarm.noName"));
            }
            requireWithin(WindowWords.text("preferences.pipelineAlarm.subject", pipeline),
                    minutes == null ? 0 : minutes, 1, MAX_ALARM_MINUTES);
        });
        pipelineAlarmMinutes = Map.copyOf(new TreeMap<>(pipelineAlarmMinutes));
        requireWithin(WindowWords.text("preferences.findWaiting.subject"), findWaitingDays, 1, MAX_FIND_WAITING_DAYS);
        requireWithin(WindowWords.text("preferences.bulkConcurrency.subject"), bulkConcurrency, 1,
                BulkSubmission.MAX_CONCURRENCY);
    }

    private static void requireWithin(String what, int value, int min, int max) {
        if (value < min || value > max) {
            // Said on screen when a saved preferences file holds it (preferences.unreadable).
            throw new IllegalArgumentException(WindowWords.text("preferences.outOfRange", what, min, max, value));
        }
    }

    /** The thresholds as the table and the alerts use them. */
    public AgeAlarms ageAlarms() {
        Map<String, AgeAlarm> byPipeline = new TreeMap<>();
        pipelineAlarmMinutes.forEach((pipeline, minutes) -> byPipeline.put(pipeline,
                new AgeAlarm(Duration.ofMinutes(minutes))));
        return new AgeAlarms(new AgeAlarm(Duration.ofMinutes(alarmMinutes)), byPipeline);
    }
}
