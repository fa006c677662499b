package io.callbackconsole.ui.preferences;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.BulkSubmission;
import io.callbackconsole.ui.common.WindowWords;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Preferences dialog's text read as preferences: each field either gives its value or says what is wrong and what
 * it takes, as the operator types. Per-pipeline alarms are one "pipeline = minutes" a line; any pipeline name is
 * taken (a pipeline not seen yet may come), an empty one is not.
 */
public final class PreferencesInput {
    /** A field's value, or why the text is not one (then {@code value} is null). */
    public record Parsed<T>(T value, String problem) {
        static <T> Parsed<T> of(T value) {
            return new Parsed<>(value, "");
        }

        static <T> Parsed<T> refused(String problem) {
            return new Parsed<>(null, problem);
        }

        public boolean ok() {
            return problem.isEmpty();
        }
    }

    private PreferencesInput() {
    }

    public static Parsed<Integer> alarmMinutes(String text) {
        return whole(WindowWords.text("preferences.alarm.subject"), text, 1, Preferences.MAX_ALARM_MINUTES,
                WindowWords.text("preferences.unit.minutes"));
    }

    public static Parsed<Integer> findWaitingDays(String text) {
        return whole(WindowWords.text("preferences.findWaiting.subject"), text, 1, Preferences.MAX_FIND_WAITING_DAYS,
                WindowWords.text("preferences.unit.days"));
    }

    public static Parsed<Integer> bulkConcurrency(String text) {
        return whole(WindowWords.text("preferences.bulkConcurrency.subject"), text, 1, BulkSubmission.MAX_CONCURRENCY,
                WindowWords.text("preferences.unit.calls"));
    }

    /** "pipeline = minutes" a line; blank lines are skipped; a pipeline named twice is refused. */
    public static Parsed<Map<String, Integer>> pipelineAlarms(String text) {
        Map<String, Integer> alarms = new LinkedHashMap<>();
        String[] lines = (text == null ? "" : text).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            int equals = line.lastIndexOf('=');
            if (equals < 0) {
                return Parsed.refused(WindowWords.text("preferences.pipelineAlarms.noEquals", lineNumber));
            }
            String pipeline = line.substring(0, equals).trim();
            if (pipeline.isEmpty()) {
                return Parsed.refused(WindowWords.text("preferences.pipelineAlarms.noName", lineNumber));
            }
            Parsed<Integer> minutes = whole(WindowWords.text("preferences.pipelineAlarm.subject",
                    DisplayText.escape(pipeline)), line.substring(equals + 1), 1, Preferences.MAX_ALARM_MINUTES,
                    WindowWords.text("preferences.unit.minutes"));
            if (!minutes.ok()) {
                return Parsed.refused(WindowWords.text("preferences.pipelineAlarms.problem", lineNumber,
                        minutes.problem()));
            }
            if (alarms.put(pipeline, minutes.value()) != null) {
                return Parsed.refused(WindowWords.text("preferences.pipelineAlarms.twice", lineNumber,
                        DisplayText.escape(pipeline)));
            }
        }
        return Parsed.of(alarms);
    }

    /** The per-pipeline alarms as the dialog shows them: "pipeline = minutes" a line. */
    public static String pipelineAlarmsText(Map<String, Integer> alarms) {
        StringBuilder text = new StringBuilder();
        alarms.forEach((pipeline, minutes) -> text.append(pipeline).append(" = ").append(minutes).append('\n'));
        return text.toString();
    }

    /** Every field read together; empty when one of them is refused. */
    public static Optional<Preferences> all(String alarm, String pipelines, boolean notifyNew, boolean notifyOverdue,
                                            boolean notifyNearDeadLetter, String days, String concurrency) {
        Parsed<Integer> a = alarmMinutes(alarm);
        Parsed<Map<String, Integer>> p = pipelineAlarms(pipelines);
        Parsed<Integer> d = findWaitingDays(days);
        Parsed<Integer> c = bulkConcurrency(concurrency);
        if (!a.ok() || !p.ok() || !d.ok() || !c.ok()) {
            return Optional.empty();
        }
        return Optional.of(new Preferences(a.value(), p.value(), notifyNew, notifyOverdue, notifyNearDeadLetter,
                d.value(), c.value()));
    }

    private static Parsed<Integer> whole(String what, String text, int min, int max, String unit) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return Parsed.refused(WindowWords.text("preferences.whole.empty", what, unit, min, max));
        }
        if (!trimmed.matches("[+-]?\\d{1,9}")) {
            return Parsed.refused(WindowWords.text("preferences.whole.notANumber", what, unit, min, max,
                    DisplayText.escape(trimmed)));
        }
        int value = Integer.parseInt(trimmed);
        if (value < min || value > max) {
            return Parsed.refused(WindowWords.text("preferences.whole.outOfRange", what, unit, min, max, value));
        }
        return Parsed.of(value);
    }
}
