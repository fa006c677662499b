package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: how fast the witness beside a history grows and what it costs {@code verify}. Writes DECISIONS decisions
 * one at a time (intent, then outcome: two write transactions, as a single Fail does) and in bulk batches of 50 (one
 * transaction per batch), then prints the witness's bytes per decision and the median verify time with the witness
 * against without it, five runs each. Run with the test class path:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.callbackconsole.history.WitnessGrowthMeasurement 20000}.
 */
public final class WitnessGrowthMeasurement {

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Path directory = Files.createTempDirectory("witness-growth");
        measure(directory.resolve("single.db"), decisions, 1);
        measure(directory.resolve("bulk.db"), decisions, 50);
    }

    private static void measure(Path file, int decisions, int perBatch) {
        Instant at = SampleSubmissions.MORNING;
        try (HistoryStore store = HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION)) {
            for (int i = 0; i < decisions; i += perBatch) {
                JournalBatch intents = new JournalBatch();
                JournalBatch outcomes = new JournalBatch();
                for (int j = i; j < Math.min(decisions, i + perBatch); j++) {
                    Submission decision = SampleSubmissions.decision(String.format("T%09d", j),
                            String.format("request-token-%012d-0123456789abcdef", j), at.plusMillis(j));
                    intents.intent(decision, "ManualReview");
                    outcomes.outcome(decision.requestToken(), new Outcome.Accepted(decision.executionArn().value(),
                            "req-" + j), at.plusMillis(j));
                }
                store.append(intents);
                store.append(outcomes);
            }
        }
        long witnessBytes = FileHeadWitness.besides(file).file().toFile().length();
        double[] withWitness = new double[5];
        double[] without = new double[5];
        try (AuditLog log = AuditLog.open(file)) {
            for (int run = 0; run < 5; run++) {
                long started = System.nanoTime();
                if (!log.verify(List.of(), FileHeadWitness.besides(file)).intact()) {
                    throw new IllegalStateException("not intact");
                }
                withWitness[run] = (System.nanoTime() - started) / 1e6;
                started = System.nanoTime();
                log.verify(List.of(), null);
                without[run] = (System.nanoTime() - started) / 1e6;
            }
        }
        Arrays.sort(withWitness);
        Arrays.sort(without);
        System.out.printf("%,d decisions, %d per transaction: witness %,d bytes (%.1f B/decision, %s per million);"
                        + " verify median %.0f ms with the witness, %.0f ms without (%.2fx)%n", decisions, perBatch,
                witnessBytes, witnessBytes / (double) decisions,
                String.format("%.0f MB", witnessBytes / (double) decisions * 1e6 / 1e6),
                withWitness[2], without[2], withWitness[2] / without[2]);
    }
}
