package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.Action;
import io.callbackconsole.triage.CallbackContext;
import io.callbackconsole.triage.RetrySchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Not a test: how long the Status column's sort of ROWS pending rows takes (the comparator the table's Status column
 * uses, {@code Comparator.comparing(PendingRow::statusLine)}), over a mix of plain, stale, retried and
 * being-decided rows; median and p95 of 30 sorts of a shuffled copy, after 10 warm-up sorts, and the time to make the
 * rows. Run with the test class path: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.callbackconsole.ui.pending.StatusSortMeasurement 100000}.
 */
public final class StatusSortMeasurement {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> pipelines = new ArrayList<>(n);
        List<Duration> ages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pipelines.add("p" + (i % 50));
            ages.add(Duration.ofSeconds((i * 7919L) % (3 * 86_400L)));
        }
        long madeFrom = System.nanoTime();
        List<PendingRow> rows = new ArrayList<>(n);
        for (PendingRow plain : AgedRows.rows(pipelines, ages)) {
            int kind = rows.size() % 4;
            CallbackContext context = kind == 1 ? new CallbackContext(CallbackContext.Lookup.FOUND, null, null,
                    "step Succeeded at 10:" + (rows.size() % 60), null) : CallbackContext.notLookedUp();
            RetrySchedule retry = kind == 2 ? new RetrySchedule(2 + rows.size() % 7,
                    plain.snapshotTime().plusSeconds(rows.size() % 90),
                    plain.snapshotTime().plusSeconds(1800), Action.FAIL, "Bad data") : null;
            String decidedBy = kind == 3 ? "operator" + rows.size() % 20 : null;
            rows.add(new PendingRow(plain.callback(), plain.snapshotTime(), context, 5, retry, null, decidedBy));
        }
        double madeMs = (System.nanoTime() - madeFrom) / 1e6;
        Comparator<PendingRow> byStatus = Comparator.comparing(PendingRow::statusLine);
        double[] ms = new double[30];
        for (int i = -10; i < ms.length; i++) {
            List<PendingRow> shuffled = new ArrayList<>(rows);
            java.util.Collections.shuffle(shuffled, new java.util.Random(i));
            long start = System.nanoTime();
            shuffled.sort(byStatus);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%d rows: rows made in %.0f ms; Status sort median %.1f ms, p95 %.1f ms%n", n, madeMs,
                ms[ms.length / 2], ms[(int) Math.ceil(0.95 * ms.length) - 1]);
    }
}
