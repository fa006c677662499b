package io.callbackconsole.history;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How many decisions were made on each UTC day (the day of the intent's {@code recorded_at}, the History table's
 * "Time (UTC)"), split by their latest outcome or by operator: what the History chart draws. Covers the days from
 * {@link #firstDay} to {@link #lastDay}; a day or key without decisions has no count.
 *
 * @param splitBy  what the counts are split by
 * @param firstDay the first day counted; null when nothing matched
 * @param lastDay  the day of the newest matching decision; null when nothing matched
 * @param counts   per day and key, by day then key; never a zero
 */
public record DecisionsPerDay(SplitBy splitBy, LocalDate firstDay, LocalDate lastDay, List<DayCount> counts) {

    /** What a day's decisions are split by. */
    public enum SplitBy {
        /** The latest outcome's kind ({@code ACCEPTED}, ..., or {@link DecisionRecord#IN_FLIGHT} while none). */
        OUTCOME,
        /** The operator who decided. */
        OPERATOR
    }

    /** The outcome keys in the order the chart stacks them, first at the bottom: every kind a decision can end in. */
    public static final List<String> OUTCOMES = List.of("ACCEPTED", "REFUSED", "UNKNOWN", "NOT_SENT",
            DecisionRecord.IN_FLIGHT);

    /** @param key an outcome kind or an operator */
    public record DayCount(LocalDate day, String key, long decisions) {
        public DayCount {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(key, "key");
        }
    }

    public DecisionsPerDay {
        Objects.requireNonNull(splitBy, "splitBy");
        if ((firstDay == null) != (lastDay == null) || firstDay != null && firstDay.isAfter(lastDay)) {
            throw new IllegalArgumentException("A day range runs from its first day to its last; got " + firstDay
                    + " to " + lastDay + ".");
        }
        counts = List.copyOf(counts);
    }

    static DecisionsPerDay none(SplitBy splitBy) {
        return new DecisionsPerDay(splitBy, null, null, List.of());
    }

    /** True when no decision matched. */
    public boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The keys that have counts, in the order they first appear (by day, then key). */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        counts.forEach(count -> keys.add(count.key()));
        return keys;
    }

    /** The decisions of {@code day} with {@code key}; 0 when there were none. */
    public long count(LocalDate day, String key) {
        return counts.stream().filter(c -> c.day().equals(day) && c.key().equals(key)).mapToLong(DayCount::decisions)
                .sum();
    }

    /** Every decision counted. */
    public long total() {
        return counts.stream().mapToLong(DayCount::decisions).sum();
    }
}
