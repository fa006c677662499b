package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.ui.pending.AgeAlarm;
import io.callbackconsole.ui.pending.AgeAlarms;
import io.callbackconsole.ui.pending.PendingRow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the window tells about waiting tokens: once per token and kind, bursts as one notice, nothing at start. */
class WaitingAlertsTest {
    static final Instant T0 = Instant.parse("2030-01-01T09:00:00Z");

    final List<WaitingAlerts.Notice> told = new ArrayList<>();
    WaitingAlerts alerts;

    @BeforeEach
    void listen() {
        alerts = new WaitingAlerts(() -> AgeAlarms.DEFAULT, WaitingAlerts.QUIET);
        alerts.onNotice(told::add);
    }

    static PendingRow row(String token, String pipeline, Instant sent, Instant now, int receives, int maxReceives) {
        String body = "{\"token\":\"" + token + "\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:"
                + "000000000000:pipeline/" + pipeline + "/execution/e" + token.toLowerCase() + "\",\"arguments\":{},"
                + "\"status\":\"Executing\"}";
        var message = ((ParsedMessage.Valid) new CallbackMessageParser().parse(body)).message();
        QueueMessage queued = new QueueMessage("http://q/000000000000/q", "id-" + token, "rh", body, sent, now,
                receives);
        return new PendingRow(PendingCallback.of(message, queued), now, CallbackContext.notLookedUp(), maxReceives);
    }

    static PendingRow row(String token, String pipeline, Instant sent, Instant now) {
        return row(token, pipeline, sent, now, 1, 0);
    }

    @Test
    void whatWaitsWhenTheConnectionOpensIsNotNewsButWhatArrivesAfterIs() {
        alerts.apply(List.of(row("Tok0000001", "p1", T0, T0)), T0);
        assertThat(told).isEmpty();

        Instant later = T0.plusSeconds(5);
        alerts.apply(List.of(row("Tok0000001", "p1", T0, later), row("Tok0000002", "p2", later, later)), later);
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(WaitingAlerts.Kind.NEW);
            assertThat(n.title()).isEqualTo("New callback");
            assertThat(n.text()).isEqualTo("p2 (Tok0000002) waits for a decision.");
        });
        // Told once: the next snapshot with the same rows says nothing.
        alerts.apply(List.of(row("Tok0000001", "p1", T0, later), row("Tok0000002", "p2", later, later)),
                later.plusSeconds(30));
        assertThat(told).hasSize(1);
    }

    @Test
    void aBurstIsOneNoticeAndWhatArrivesInTheQuietPeriodFollowsAfterIt() {
        alerts.apply(List.of(), T0);
        List<PendingRow> burst = new ArrayList<>(IntStream.range(0, 12).mapToObj(i -> row("Burst0000" + (char) ('a' + i),
                "p" + (i % 3), T0, T0.plusSeconds(1))).toList());
        alerts.apply(burst, T0.plusSeconds(1));
        assertThat(told).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("12 new callbacks");
            assertThat(n.text()).isEqualTo("12 new callbacks on 3 pipelines: p0, p1, p2.");
        });
        burst.add(row("Late000001", "p9", T0, T0.plusSeconds(4)));
        alerts.apply(burst, T0.plusSeconds(4));
        assertThat(told).as("within the quiet period: held").hasSize(1);
        alerts.apply(burst, T0.plusSeconds(11));
        assertThat(told).hasSize(2);
        assertThat(told.get(1).text()).isEqualTo("p9 (Late000001) waits for a decision.");
    }

    @Test
    void aTokenCrossingTheAgeAlarmIsToldOnceAndSoIsOneAboutToGoToItsDeadLetterQueue() {
        Instant sent = T0.minus(Duration.ofMinutes(29));
        alerts.apply(List.of(row("Old0000001", "p1", sent, T0, 3, 5)), T0);
        assertThat(told).as("29 min, 3 of 5 receives: nothing yet").isEmpty();

        Instant crossed = T0.plus(Duration.ofMinutes(2));
        alerts.apply(List.of(row("Old0000001", "p1", sent, crossed, 4, 5)), crossed);
        assertThat(told).extracting(WaitingAlerts.Notice::kind)
                .containsExactly(WaitingAlerts.Kind.OVERDUE, WaitingAlerts.Kind.NEAR_DEAD_LETTER);
        assertThat(told.get(0).title()).isEqualTo("Waiting over 30 min");
        assertThat(told.get(0).text()).isEqualTo("p1 (Old0000001) has waited 31 min.");
        assertThat(told.get(1).text()).isEqualTo("p1 (Old0000001): decide soon, and keep it held.");

        alerts.apply(List.of(row("Old0000001", "p1", sent, crossed.plusSeconds(60), 4, 5)), crossed.plusSeconds(60));
        assertThat(told).as("once per token").hasSize(2);
    }

    @Test
    void eachRowIsOverdueByItsOwnPipelinesThreshold() {
        AgeAlarms perPipeline = new AgeAlarms(AgeAlarm.DEFAULT, Map.of("quick", new AgeAlarm(Duration.ofMinutes(5)),
                "slow", new AgeAlarm(Duration.ofMinutes(120))));
        alerts = new WaitingAlerts(() -> perPipeline, WaitingAlerts.QUIET);
        alerts.onNotice(told::add);
        Instant sent = T0.minus(Duration.ofMinutes(40));
        alerts.apply(List.of(row("Slow000001", "slow", sent, T0)), T0);
        assertThat(told).as("40 min on a pipeline with a 2 h alarm").isEmpty();

        Instant later = T0.plusSeconds(1);
        alerts.apply(List.of(row("Slow000001", "slow", sent, later), row("Quick00001", "quick",
                later.minus(Duration.ofMinutes(6)), later)), later);
        assertThat(told).filteredOn(n -> n.kind() == WaitingAlerts.Kind.OVERDUE).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Waiting over 5 min");
            assertThat(n.text()).isEqualTo("quick (Quick00001) has waited 6 min.");
        });
    }

    @Test
    void aKindSwitchedOffIsNotShownAndSwitchedOnAgainBringsOnlyWhatFollows() {
        alerts.enable(java.util.EnumSet.of(WaitingAlerts.Kind.OVERDUE, WaitingAlerts.Kind.NEAR_DEAD_LETTER));
        alerts.apply(List.of(), T0);
        alerts.apply(List.of(row("Tok0000001", "p1", T0, T0)), T0.plusSeconds(1));
        assertThat(told).as("new callbacks switched off").isEmpty();

        alerts.enable(java.util.EnumSet.allOf(WaitingAlerts.Kind.class));
        alerts.apply(List.of(row("Tok0000001", "p1", T0, T0)), T0.plusSeconds(20));
        assertThat(told).as("what arrived while it was off is not news now").isEmpty();
        alerts.apply(List.of(row("Tok0000001", "p1", T0, T0), row("Tok0000002", "p1", T0, T0)), T0.plusSeconds(40));
        assertThat(told).extracting(WaitingAlerts.Notice::text).containsExactly("p1 (Tok0000002) waits for a decision.");
    }

    @Test
    void anotherConnectionStartsAfresh() {
        alerts.apply(List.of(), T0);
        alerts.reset();
        alerts.apply(List.of(row("Tok0000003", "p1", T0, T0)), T0.plusSeconds(20));
        assertThat(told).as("the new connection's first snapshot is its starting point").isEmpty();

    }
}
