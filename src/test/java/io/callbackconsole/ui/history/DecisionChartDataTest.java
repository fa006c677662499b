package io.callbackconsole.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.history.DecisionsPerDay;
import io.callbackconsole.history.DecisionsPerDay.DayCount;
import io.callbackconsole.history.DecisionsPerDay.SplitBy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's series from the history's counts: every day, outcomes in a fixed order, operators escaped and capped. */
class DecisionChartDataTest {
    private static final LocalDate DAY = LocalDate.parse("2025-03-01");

    @Test
    void everyOutcomeHasASeriesInItsPlaceAndEveryDayAValue() {
        DecisionChartData data = new DecisionChartData(new DecisionsPerDay(SplitBy.OUTCOME, DAY, DAY.plusDays(2),
                List.of(new DayCount(DAY, "REFUSED", 2), new DayCount(DAY.plusDays(2), "ACCEPTED", 1))));

        assertThat(data.series()).extracting(DecisionChartData.Series::name)
                .containsExactly("ACCEPTED", "REFUSED", "UNKNOWN", "NOT_SENT", "in flight");
        assertThat(data.series().get(0).perDay()).containsExactly(0L, 0L, 1L);
        assertThat(data.series().get(1).perDay()).containsExactly(2L, 0L, 0L);
        assertThat(data.dayText(1)).isEqualTo("2025-03-02: no decisions");
        assertThat(data.summary()).isEqualTo("Decisions per day (UTC), 2025-03-01 to 2025-03-03, by outcome:"
                + " 3 decisions — 1 ACCEPTED, 2 REFUSED; busiest day 2025-03-01 with 2.");
    }

    @Test
    void anOperatorsNameIsEscapedBeforeTheLegendShowsIt() {
        // An OS user name is outside text: a right-to-left override in it must not turn the legend around.
        DecisionChartData data = new DecisionChartData(new DecisionsPerDay(SplitBy.OPERATOR, DAY, DAY,
                List.of(new DayCount(DAY, "mallory\u202Eeci\u007Fla", 1))));

        String name = data.series().get(0).name();
        assertThat(name).doesNotContain("\u202E").doesNotContain("\u007F").startsWith("mallory\\u202e");
        assertThat(data.dayText(0)).isEqualTo("2025-03-01: 1 decision — 1 " + name);
    }

    @Test
    void pastSevenOperatorsTheQuietestAreSummedAsOthers() {
        List<DayCount> counts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            counts.add(new DayCount(DAY, "op" + i, 10 - i)); // op0 the busiest
        }
        DecisionChartData data = new DecisionChartData(new DecisionsPerDay(SplitBy.OPERATOR, DAY, DAY, counts));

        assertThat(data.series()).extracting(DecisionChartData.Series::name)
                .containsExactly("op0", "op1", "op2", "op3", "op4", "op5", "3 others");
        assertThat(data.series().get(6).perDay()).containsExactly(4L + 3L + 2L);

        List<DayCount> seven = counts.subList(0, 7);
        assertThat(new DecisionChartData(new DecisionsPerDay(SplitBy.OPERATOR, DAY, DAY, seven)).series())
                .as("one more would be folded alone: named instead").hasSize(7)
                .extracting(DecisionChartData.Series::name).endsWith("op6");
    }
}
