package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.pending.AgeDistribution.Bucket;
import io.callbackconsole.ui.pending.AgeDistribution.Span;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spread of the waiting tokens' ages: each row in its span by its own age, overdue by its own pipeline's alarm. */
class AgeDistributionTest {
    private static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    @Test
    void eachRowFallsInTheSpanOfItsAgeTheEndsBelongingToTheNextSpan() {
        List<PendingRow> rows = AgedRows.rows(Collections.nCopies(8, "nightly"), List.of(Duration.ZERO,
                min(4).plusSeconds(59), min(5), min(29), min(30), min(119), Duration.ofHours(2), Duration.ofDays(3)));

        AgeDistribution ages = AgeDistribution.of(rows, AgeAlarms.DEFAULT);

        assertThat(ages.buckets()).containsExactly(new Bucket(Span.UNDER_5_MIN, 2, 0),
                new Bucket(Span.MINUTES_5_TO_30, 2, 0), new Bucket(Span.MINUTES_30_TO_2_HOURS, 2, 2),
                new Bucket(Span.HOURS_2_TO_24, 1, 1), new Bucket(Span.OVER_A_DAY, 1, 1));
        assertThat(ages.overdue()).as("30 min and older, against the default alarm of 30 min").isEqualTo(4);
        assertThat(ages.rows()).isEqualTo(8);
        assertThat(ages.largest()).isEqualTo(2);
        assertThat(ages.text()).isEqualTo("Ages: 2 under 5 min, 2 5–30 min, 2 30 min–2 h, 1 2–24 h, 1 over 1 day;"
                + " 4 over their age alarm");
    }

    @Test
    void aRowIsOverdueByItsOwnPipelinesAlarm() {
        // Both 20 min old: "fast" alarms after 10 min, "slow" after 3 h, the rest after 1 h.
        List<PendingRow> rows = AgedRows.rows(List.of("fast", "other", "slow", "slow", "other"),
                List.of(min(20), min(20), min(20), min(200), min(70)));
        AgeAlarms alarms = new AgeAlarms(new AgeAlarm(min(60)), Map.of("fast", new AgeAlarm(min(10)),
                "slow", new AgeAlarm(Duration.ofHours(3))));

        AgeDistribution ages = AgeDistribution.of(rows, alarms);

        assertThat(ages.buckets()).containsExactly(new Bucket(Span.UNDER_5_MIN, 0, 0),
                new Bucket(Span.MINUTES_5_TO_30, 3, 1), new Bucket(Span.MINUTES_30_TO_2_HOURS, 1, 1),
                new Bucket(Span.HOURS_2_TO_24, 1, 1), new Bucket(Span.OVER_A_DAY, 0, 0));
        // The same answer as the table's own mark, row by row.
        assertThat(ages.overdue()).isEqualTo((int) rows.stream().filter(alarms::over).count()).isEqualTo(3);
        assertThat(ages.text()).isEqualTo("Ages: 3 5–30 min, 1 30 min–2 h, 1 2–24 h; 3 over their age alarm");
        assertThat(AgeDistribution.text(ages.buckets().get(1)))
                .isEqualTo("5–30 min: 3 tokens, 1 of them over its age alarm");
        assertThat(AgeDistribution.text(ages.buckets().get(0))).isEqualTo("under 5 min: 0 tokens");
    }

    @Test
    void noRowsSaySo() {
        AgeDistribution ages = AgeDistribution.of(List.of(), AgeAlarms.DEFAULT);

        assertThat(ages.text()).isEqualTo("No tokens waiting");
        assertThat(ages.buckets()).hasSize(5).allMatch(b -> b.rows() == 0 && b.overdue() == 0);
        assertThat(AgeDistribution.of(AgedRows.rows(List.of("p"), List.of(min(1))), AgeAlarms.DEFAULT).text())
                .isEqualTo("Ages: 1 under 5 min; none over their age alarm");
    }
}
