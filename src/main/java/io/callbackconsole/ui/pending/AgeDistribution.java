package io.callbackconsole.ui.pending;

import io.callbackconsole.ui.common.WindowWords;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * How long the waiting tokens have waited, in five spans (under 5 min, 5–30 min, 30 min–2 h, 2–24 h, over a day), and
 * how many in each are past their pipeline's age alarm. Counted in one pass over the rows, each row's own age as of
 * its snapshot; a row's pipeline (a look-up in its ARN) is asked only when its age lies between the shortest and the
 * longest alarm, the only ages at which the pipeline decides. No JavaFX.
 *
 * @param buckets every span in order, empty ones too
 * @param overdue rows past their alarm, over all spans
 */
record AgeDistribution(List<Bucket> buckets, int overdue) {

    /** An age span: from the end of the one before it, up to (not including) {@code below}; null for no end. */
    enum Span {
        UNDER_5_MIN(Duration.ofMinutes(5)),
        MINUTES_5_TO_30(Duration.ofMinutes(30)),
        MINUTES_30_TO_2_HOURS(Duration.ofHours(2)),
        HOURS_2_TO_24(Duration.ofDays(1)),
        OVER_A_DAY(null);

        private final Duration below;

        Span(Duration below) {
            this.below = below;
        }

        String text() {
            return switch (this) {
                case UNDER_5_MIN -> WindowWords.text("ages.span.under5Min");
                case MINUTES_5_TO_30 -> WindowWords.text("ages.span.5To30Min");
                case MINUTES_30_TO_2_HOURS -> WindowWords.text("ages.span.30MinTo2H");
                case HOURS_2_TO_24 -> WindowWords.text("ages.span.2To24H");
                case OVER_A_DAY -> WindowWords.text("ages.span.overADay");
            };
        }

        private static final Span[] ALL = values();

        static Span of(Duration age) {
            for (Span span : ALL) {
                if (span.below == null || age.compareTo(span.below) < 0) {
                    return span;
                }
            }
            throw new IllegalStateException("the last span has no end");
        }
    }

    /** @param overdue how many of its rows are past their alarm */
    record Bucket(Span span, int rows, int overdue) {
    }

    static final AgeDistribution NONE = of(List.of(), AgeAlarms.DEFAULT);

    AgeDistribution {
        buckets = List.copyOf(buckets);
    }

    static AgeDistribution of(List<PendingRow> rows, AgeAlarms alarms) {
        Duration shortest = alarms.fallback().after();
        Duration longest = shortest;
        for (AgeAlarm alarm : alarms.byPipeline().values()) {
            shortest = alarm.after().compareTo(shortest) < 0 ? alarm.after() : shortest;
            longest = alarm.after().compareTo(longest) > 0 ? alarm.after() : longest;
        }
        Span[] spans = Span.values();
        int[] counts = new int[spans.length];
        int[] overdueCounts = new int[spans.length];
        for (PendingRow row : rows) {
            Duration age = row.waitedFor();
            int span = Span.of(age).ordinal();
            counts[span]++;
            boolean over = age.compareTo(shortest) >= 0
                    && (age.compareTo(longest) >= 0 || alarms.of(row).after().compareTo(age) <= 0);
            if (over) {
                overdueCounts[span]++;
            }
        }
        List<Bucket> buckets = new ArrayList<>(spans.length);
        int overdue = 0;
        for (Span span : spans) {
            buckets.add(new Bucket(span, counts[span.ordinal()], overdueCounts[span.ordinal()]));
            overdue += overdueCounts[span.ordinal()];
        }
        return new AgeDistribution(buckets, overdue);
    }

    /** How many rows were counted. */
    int rows() {
        return buckets.stream().mapToInt(Bucket::rows).sum();
    }

    /** The most rows in one span: the tallest bar. */
    int largest() {
        return buckets.stream().mapToInt(Bucket::rows).max().orElse(0);
    }

    /** "Ages: 3 under 5 min, 10 5–30 min, 2 over 1 day; 2 over their age alarm", or "No tokens waiting". */
    String text() {
        if (rows() == 0) {
            return WindowWords.text("ages.none");
        }
        StringJoiner spans = new StringJoiner(", ");
        for (Bucket bucket : buckets) {
            if (bucket.rows() > 0) {
                spans.add(WindowWords.text("ages.span", bucket.rows(), bucket.span().text()));
            }
        }
        String over = overdue == 0 ? WindowWords.text("ages.overdue.none")
                : overdue == 1 ? WindowWords.text("ages.overdue.one") : WindowWords.text("ages.overdue", overdue);
        return WindowWords.text("ages", spans, over);
    }

    /** "5–30 min: 10 tokens, 2 of them over their age alarm": one span, for its bar's tooltip. */
    static String text(Bucket bucket) {
        String tokens = bucket.rows() == 1 ? WindowWords.text("ages.bar.oneToken", bucket.span().text())
                : WindowWords.text("ages.bar.tokens", bucket.span().text(), bucket.rows());
        return bucket.overdue() == 0 ? tokens : bucket.overdue() == 1
                ? WindowWords.text("ages.bar.oneOverdue", tokens)
                : WindowWords.text("ages.bar.overdue", tokens, bucket.overdue());
    }
}
