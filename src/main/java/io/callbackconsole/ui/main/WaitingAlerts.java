package io.callbackconsole.ui.main;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.pending.AgeAlarm;
import io.callbackconsole.ui.pending.AgeAlarms;
import io.callbackconsole.ui.pending.PendingRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What the operator should hear about between looks at the table: callbacks that arrived, callbacks waiting past the
 * age alarm, held messages about to go to their dead-letter queue. Each token is told once per kind, and a burst is
 * one notice ("12 new callbacks on 3 pipelines"), at most one per kind per quiet period. The tokens waiting when a
 * connection opens are what the table shows, not news. Each row is overdue by its own pipeline's age alarm, and only the
 * kinds the operator chose in Preferences are shown. FX thread.
 */
public final class WaitingAlerts {
    /** Between two notices of one kind, so a burst of arrivals is one notice. */
    public static final Duration QUIET = Duration.ofSeconds(10);

    public enum Kind { NEW, OVERDUE, NEAR_DEAD_LETTER }

    /** One notice: its kind, a title and a sentence naming the tokens or how many there are. */
    public record Notice(Kind kind, String title, String text) {
    }

    private final Supplier<AgeAlarms> ageAlarms;
    /** The kinds the operator wants to hear about (Preferences); the others are kept track of, never shown. */
    private volatile Set<Kind> enabled = EnumSet.allOf(Kind.class);
    private final Duration quiet;
    private final Set<String> known = new HashSet<>();
    private final Map<Kind, Set<String>> told = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<String, PendingRow>> due = new EnumMap<>(Kind.class);
    private final Map<Kind, Instant> lastSent = new EnumMap<>(Kind.class);
    private final List<Consumer<Notice>> listeners = new ArrayList<>();
    private boolean firstSnapshot = true;

    WaitingAlerts(Supplier<AgeAlarms> ageAlarms, Duration quiet) {
        this.ageAlarms = Objects.requireNonNull(ageAlarms, "ageAlarms");
        this.quiet = Objects.requireNonNull(quiet, "quiet");
        for (Kind kind : Kind.values()) {
            told.put(kind, new HashSet<>());
            due.put(kind, new LinkedHashMap<>());
        }
    }

    /** Notices go to {@code listener} too (the window shows them; a test records them). */
    public void onNotice(Consumer<Notice> listener) {
        listeners.add(listener);
    }

    /**
     * Only these kinds are shown from now on. A token of a kind switched off is still told (silently), so switching
     * it on again brings news of what happens next, not a flood of what happened meanwhile.
     */
    public void enable(Set<Kind> kinds) {
        enabled = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
    }

    /** Another connection: its waiting tokens are its starting point, not news. */
    void reset() {
        known.clear();
        told.values().forEach(Set::clear);
        due.values().forEach(Map::clear);
        lastSent.clear();
        firstSnapshot = true;
    }

    /** The rows of one snapshot, taken at {@code takenAt}. */
    void apply(List<PendingRow> rows, Instant takenAt) {
        Set<String> present = new HashSet<>();
        AgeAlarms alarms = ageAlarms.get();
        for (PendingRow row : rows) {
            String token = row.token();
            present.add(token);
            if (known.add(token) && !firstSnapshot) {
                dueOnce(Kind.NEW, row);
            }
            if (!row.stale() && alarms.over(row)) {
                dueOnce(Kind.OVERDUE, row);
            }
            if (row.nearDeadLetter()) {
                dueOnce(Kind.NEAR_DEAD_LETTER, row);
            }
        }
        // A token that went (decided, released) and comes back is news again.
        known.retainAll(present);
        told.values().forEach(tokens -> tokens.retainAll(present));
        due.values().forEach(rowsDue -> rowsDue.keySet().retainAll(present));
        firstSnapshot = false;
        for (Kind kind : Kind.values()) {
            Map<String, PendingRow> rowsDue = due.get(kind);
            Instant last = lastSent.get(kind);
            if (!rowsDue.isEmpty() && !enabled.contains(kind)) {
                rowsDue.clear();
            } else if (!rowsDue.isEmpty() && (last == null || !takenAt.isBefore(last.plus(quiet)))) {
                Notice notice = noticeOf(kind, List.copyOf(rowsDue.values()), alarms);
                rowsDue.clear();
                lastSent.put(kind, takenAt);
                listeners.forEach(listener -> listener.accept(notice));
            }
        }
    }

    private void dueOnce(Kind kind, PendingRow row) {
        if (told.get(kind).add(row.token())) {
            due.get(kind).put(row.token(), row);
        }
    }

    static Notice noticeOf(Kind kind, List<PendingRow> rows, AgeAlarms alarms) {
        // Each row by its own pipeline's threshold; a burst over several thresholds names none of them.
        List<AgeAlarm> thresholds = rows.stream().map(alarms::of).distinct().toList();
        String waiting = thresholds.size() == 1 ? WindowWords.text("alert.waiting", thresholds.get(0).text())
                : WindowWords.text("alert.waitingPastAlarm");
        if (rows.size() == 1) {
            PendingRow row = rows.get(0);
            // Names come from SageMaker and SQS: escaped before a notification shows them.
            String which = row.stepName().isEmpty()
                    ? WindowWords.text("alert.which", DisplayText.escape(row.pipelineDisplayName()), row.token())
                    : WindowWords.text("alert.which.step", DisplayText.escape(row.pipelineDisplayName()),
                    DisplayText.escape(row.stepName()), row.token());
            return switch (kind) {
                case NEW -> new Notice(kind, WindowWords.text("alert.new.title"),
                        WindowWords.text("alert.new.text", which));
                case OVERDUE -> new Notice(kind, WindowWords.text("alert.overdue.title", thresholds.get(0).text()),
                        WindowWords.text("alert.overdue.text", which, row.stepAge()));
                case NEAR_DEAD_LETTER -> new Notice(kind, WindowWords.text("alert.nearDeadLetter.title"),
                        WindowWords.text("alert.nearDeadLetter.text", which));
            };
        }
        List<String> pipelines = rows.stream().map(row -> DisplayText.escape(row.pipelineDisplayName())).distinct()
                .sorted().toList();
        String on = pipelines.size() == 1 ? WindowWords.text("alert.onOnePipeline", named(pipelines))
                : WindowWords.text("alert.onPipelines", pipelines.size(), named(pipelines));
        return switch (kind) {
            case NEW -> new Notice(kind, WindowWords.text("alert.new.burst.title", rows.size()),
                    WindowWords.text("alert.new.burst.text", rows.size(), on));
            case OVERDUE -> new Notice(kind, WindowWords.text("alert.overdue.burst.title", rows.size(), waiting),
                    WindowWords.text("alert.overdue.burst.text", rows.size(), waiting, on));
            case NEAR_DEAD_LETTER -> new Notice(kind, WindowWords.text("alert.nearDeadLetter.burst.title", rows.size()),
                    WindowWords.text("alert.nearDeadLetter.burst.text", rows.size(), on));
        };
    }

    /** "a, b, c and 2 more". */
    private static String named(List<String> names) {
        if (names.size() <= 3) {
            return String.join(", ", names);
        }
        return WindowWords.text("alert.namesAndMore", names.subList(0, 3).stream().collect(Collectors.joining(", ")),
                names.size() - 3);
    }
}
