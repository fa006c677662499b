package io.callbackconsole.ui.history;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionsPerDay;
import io.callbackconsole.ui.common.WindowWords;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The History chart's series, made from the counts the history returned: every day of the range (days without
 * decisions too, so the axis does not skip them), one series per outcome in a fixed order (so each outcome keeps its
 * colour and place in the legend), or per operator, the busiest first, the rest folded into one series. And the same
 * numbers in words, for tooltips and screen readers. Pure: no JavaFX.
 */
final class DecisionChartData {
    /** Operators drawn one by one; the others are summed up, so the legend stays one line at 1280 px. */
    static final int OPERATORS_SHOWN = 6;
    static final String OTHER_OPERATORS = "others";

    /** One series: its key as stored, its name as the legend shows it, and one count per day of {@link #days}. */
    record Series(String key, String name, List<Long> perDay) {
        long total() {
            return perDay.stream().mapToLong(Long::longValue).sum();
        }
    }

    private final DecisionsPerDay counts;
    private final List<LocalDate> days;
    private final List<Series> series;

    DecisionChartData(DecisionsPerDay counts) {
        this.counts = counts;
        this.days = daysOf(counts);
        this.series = byOutcome() ? outcomeSeries() : operatorSeries();
    }

    List<LocalDate> days() {
        return days;
    }

    List<Series> series() {
        return series;
    }

    boolean byOutcome() {
        return counts.splitBy() == DecisionsPerDay.SplitBy.OUTCOME;
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** How a legend names an outcome: "in flight" while none is recorded, as the detail pane says it. */
    static String outcomeName(String kind) {
        return DecisionRecord.IN_FLIGHT.equals(kind) ? WindowWords.text("history.inFlight") : kind;
    }

    /** "2025-03-01: 3 decisions — 2 ACCEPTED, 1 REFUSED", or "2025-03-03: no decisions". */
    String dayText(int dayIndex) {
        long total = 0;
        StringJoiner parts = new StringJoiner(", ");
        for (Series s : series) {
            long n = s.perDay().get(dayIndex);
            if (n > 0) {
                total += n;
                parts.add(WindowWords.text("chart.part", n, s.name()));
            }
        }
        String day = days.get(dayIndex).toString();
        return total == 0 ? WindowWords.text("chart.day.none", day)
                : WindowWords.text("chart.day", day, decisions(total), parts);
    }

    /**
     * The whole chart in one sentence: "Decisions per day (UTC), 2025-02-03 to 2025-03-04, by outcome: 6 decisions —
     * 3 ACCEPTED, 1 REFUSED, 1 NOT_SENT, 1 in flight; busiest day 2025-03-01 with 3."
     */
    String summary() {
        if (isEmpty()) {
            return WindowWords.text("chart.empty");
        }
        StringJoiner parts = new StringJoiner(", ");
        for (Series s : series) {
            long n = s.total();
            if (n > 0) {
                parts.add(WindowWords.text("chart.part", n, s.name()));
            }
        }
        int busiest = 0;
        long most = 0;
        for (int d = 0; d < days.size(); d++) {
            long onDay = 0;
            for (Series s : series) {
                onDay += s.perDay().get(d);
            }
            if (onDay > most) {
                most = onDay;
                busiest = d;
            }
        }
        return byOutcome()
                ? WindowWords.text("chart.summary.byOutcome", range(), decisions(counts.total()), parts,
                days.get(busiest), most)
                : WindowWords.text("chart.summary.byOperator", range(), decisions(counts.total()), parts,
                days.get(busiest), most);
    }

    /** "2025-02-03 to 2025-03-04"; empty when nothing matched. */
    String range() {
        return isEmpty() ? "" : WindowWords.text("chart.range", counts.firstDay(), counts.lastDay());
    }

    private static String decisions(long n) {
        return n == 1 ? WindowWords.text("history.count.oneDecision") : WindowWords.text("history.count.decisions", n);
    }

    private static List<LocalDate> daysOf(DecisionsPerDay counts) {
        List<LocalDate> days = new ArrayList<>();
        if (counts.firstDay() != null) {
            for (LocalDate d = counts.firstDay(); !d.isAfter(counts.lastDay()); d = d.plusDays(1)) {
                days.add(d);
            }
        }
        return List.copyOf(days);
    }

    private List<Series> outcomeSeries() {
        List<Series> all = new ArrayList<>();
        for (String kind : DecisionsPerDay.OUTCOMES) {
            all.add(new Series(kind, outcomeName(kind), perDay(List.of(kind))));
        }
        return List.copyOf(all);
    }

    private List<Series> operatorSeries() {
        Map<String, Long> totals = counts.counts().stream().collect(Collectors.groupingBy(
                DecisionsPerDay.DayCount::key, LinkedHashMap::new,
                Collectors.summingLong(DecisionsPerDay.DayCount::decisions)));
        List<String> busiestFirst = totals.keySet().stream()
                .sorted(Comparator.comparing((String key) -> -totals.get(key)).thenComparing(Comparator.naturalOrder()))
                .toList();
        // Folding a single operator into "1 others" would hide a name for nothing: seven are drawn one by one.
        int shown = busiestFirst.size() > OPERATORS_SHOWN + 1 ? OPERATORS_SHOWN : busiestFirst.size();
        List<Series> all = new ArrayList<>();
        for (String operator : busiestFirst.subList(0, shown)) {
            // An operator's name is whatever the OS user was: escaped before any label shows it.
            all.add(new Series(operator, DisplayText.escape(operator), perDay(List.of(operator))));
        }
        if (shown < busiestFirst.size()) {
            List<String> rest = busiestFirst.subList(shown, busiestFirst.size());
            all.add(new Series(OTHER_OPERATORS, WindowWords.text("chart.otherOperators", rest.size()),
                    perDay(rest)));
        }
        return List.copyOf(all);
    }

    /** The decisions of the given keys, summed per day of {@link #days}. */
    private List<Long> perDay(List<String> keys) {
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        for (DecisionsPerDay.DayCount count : counts.counts()) {
            if (keys.contains(count.key())) {
                byDay.merge(count.day(), count.decisions(), Long::sum);
            }
        }
        return days.stream().map(day -> byDay.getOrDefault(day, 0L)).toList();
    }
}
