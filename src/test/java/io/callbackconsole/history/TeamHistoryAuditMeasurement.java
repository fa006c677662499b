package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Not a test: the auditor's reads on a team history beside the same on an SQLite file, in one run. Writes DECISIONS
 * decisions (intent and outcome, batches of 500) to both, then prints for each the p95 of 20 runs of a search and
 * filters (the first count a view makes, up to {@link AuditLog#ROWS_COUNTED_FIRST}, and the first page of 100),
 * and the raw-row CSV export's rows per second (median of 3). Run with the test class path:
 * {@code java -cp target/test-classes:target/classes:$(cat cp.txt) io.callbackconsole.history.TeamHistoryAuditMeasurement 100000}.
 */
public final class TeamHistoryAuditMeasurement {
    private static final String[] WORDS = {"quality", "rollback", "threshold", "runbook", "upstream", "review"};

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path file = Files.createTempDirectory("audit-measure").resolve("history.db");
        String database = TestPostgres.freshDatabase();
        try (HistoryStore sqlite = HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION);
             HistoryStore team = TeamHistories.openAsOwner(database)) {
            long start = System.nanoTime();
            fill(sqlite, decisions);
            System.out.printf("SQLite filled: %d rows in %.1f s%n", 2L * decisions, (System.nanoTime() - start) / 1e9);
            start = System.nanoTime();
            fill(team, decisions);
            System.out.printf("Team history filled: %d rows in %.1f s%n", 2L * decisions,
                    (System.nanoTime() - start) / 1e9);
        }
        try (AuditLog onFile = AuditLog.open(file);
             AuditLog onTeam = AuditLog.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                     TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD))) {
            try (var c = TestPostgres.superuserOn(database); var s = c.createStatement()) {
                s.execute("VACUUM ANALYZE submission_event");
            }
            Map<String, AuditFilter> filters = new LinkedHashMap<>();
            filters.put("search, rare word (drift)", text("drift"));
            filters.put("search, common word (quality)", text("quality"));
            filters.put("search, token prefix", text("T00004242"));
            filters.put("pipeline filter (every row)", new AuditFilter(null, null, "callback-pipeline", null, null, null, null));
            filters.put("outcome REFUSED", new AuditFilter(null, null, null, null, null, "REFUSED", null));
            for (Map.Entry<String, AuditFilter> filter : filters.entrySet()) {
                System.out.printf("%-32s SQLite p95 %6.1f ms   team %6.1f ms (events); decisions %6.1f / %6.1f ms%n",
                        filter.getKey(), p95(() -> events(onFile, filter.getValue())),
                        p95(() -> events(onTeam, filter.getValue())), p95(() -> decisions(onFile, filter.getValue())),
                        p95(() -> decisions(onTeam, filter.getValue())));
            }
            System.out.printf("raw-row CSV export: SQLite %.0f rows/s, team %.0f rows/s%n", exportRate(onFile),
                    exportRate(onTeam));
        }
    }

    private static AuditFilter text(String text) {
        return new AuditFilter(null, null, null, null, null, null, text);
    }

    private static void fill(HistoryStore store, int decisions) {
        Instant at = SampleSubmissions.MORNING;
        for (int i = 0; i < decisions; i += 500) {
            JournalBatch batch = new JournalBatch();
            for (int j = i; j < Math.min(decisions, i + 500); j++) {
                Submission decision = SampleSubmissions.decision(String.format("T%09d", j),
                        String.format("request-token-%012d-0123456789abcdef", j), at.plusMillis(100L * j));
                batch.intent(decision, j % 3 == 0 ? "nightly-retrain" : "ManualReview");
                batch.outcome(decision.requestToken(), j % 97 == 0
                        ? new Outcome.Refused("ResourceNotFound", "drift " + WORDS[j % WORDS.length], "gone", "r")
                        : new Outcome.Accepted(decision.executionArn().value(), "req-" + j), at.plusMillis(100L * j + 1));
            }
            store.append(batch);
        }
    }

    private static long events(AuditLog log, AuditFilter filter) {
        return log.countUpTo(filter, AuditLog.ROWS_COUNTED_FIRST) + log.page(filter, AuditSort.NEWEST_FIRST, 0, 100).size();
    }

    private static long decisions(AuditLog log, AuditFilter filter) {
        return log.countDecisionsUpTo(filter, AuditLog.ROWS_COUNTED_FIRST)
                + log.decisionPage(filter, DecisionSort.NEWEST_FIRST, 0, 100).size();
    }

    private static double p95(Supplier<Long> work) {
        double[] ms = new double[20];
        work.get(); // warm
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[(int) Math.ceil(0.95 * ms.length) - 1];
    }

    private static double exportRate(AuditLog log) {
        double[] rates = new double[3];
        for (int i = 0; i < rates.length; i++) {
            long start = System.nanoTime();
            ExportSummary summary = log.export(AuditFilter.everything(), AuditSort.NEWEST_FIRST, ExportFormat.CSV,
                    OutputStream.nullOutputStream(), Instant.now());
            rates[i] = summary.rows() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[1];
    }
}
