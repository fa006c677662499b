package io.callbackconsole.ui.pending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Not a test: how long one count of the Pending ages takes ({@link AgeDistribution#of}, once per snapshot) over ROWS
 * rows of ages from seconds to days, with the default alarm alone and with per-pipeline alarms (whose rows between
 * the shortest and the longest alarm look their pipeline up); median and p95 of 50 runs. Run with the test class
 * path: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.callbackconsole.ui.pending.AgeDistributionMeasurement 100000}.
 */
public final class AgeDistributionMeasurement {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> pipelines = new ArrayList<>(n);
        List<Duration> ages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pipelines.add("p" + (i % 50));
            ages.add(Duration.ofSeconds((i * 7919L) % (3 * 86_400L)));
        }
        List<PendingRow> rows = AgedRows.rows(pipelines, ages);
        AgeAlarms perPipeline = new AgeAlarms(AgeAlarm.DEFAULT, Map.of("p1", new AgeAlarm(Duration.ofMinutes(10)),
                "p2", new AgeAlarm(Duration.ofHours(4))));
        for (AgeAlarms alarms : List.of(AgeAlarms.DEFAULT, perPipeline)) {
            double[] ms = new double[50];
            for (int warm = 0; warm < 20; warm++) {
                AgeDistribution.of(rows, alarms);
            }
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                AgeDistribution.of(rows, alarms);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%d rows, %s: median %.2f ms, p95 %.2f ms%n", n,
                    alarms.byPipeline().isEmpty() ? "default alarm only" : "per-pipeline alarms",
                    ms[ms.length / 2], ms[(int) Math.ceil(0.95 * ms.length) - 1]);
        }
    }
}
