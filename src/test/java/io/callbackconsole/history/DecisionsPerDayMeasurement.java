package io.callbackconsole.history;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.DecisionsPerDay.SplitBy;
import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not a test: how long the History chart's count takes ({@link AuditLog#decisionsPerDay}, 30 days) on an SQLite file
 * and a team history of DECISIONS decisions spread over 60 days, p95 of 20 runs for a few filters. Run with the test
 * class path: {@code java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.callbackconsole.history.DecisionsPerDayMeasurement 100000}.
 */
public final class DecisionsPerDayMeasurement {
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path file = Files.createTempDirectory("per-day-measure").resolve("history.db");
        String database = TestPostgres.freshDatabase();
        try (HistoryStore sqlite = HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION);
             HistoryStore team = TeamHistories.openAsOwner(database)) {
            fill(sqlite, decisions);
            fill(team, decisions);
        }
        try (var c = TestPostgres.superuserOn(database); var s = c.createStatement()) {
            s.execute("VACUUM ANALYZE submission_event");
        }
        try (AuditLog onFile = AuditLog.open(file);
             AuditLog onTeam = TeamHistories.openAuditAsSuperuser(database)) {
            Map<String, AuditFilter> filters = new LinkedHashMap<>();
            filters.put("everything", AuditFilter.everything());
            filters.put("operator bob", new AuditFilter(null, null, null, "bob", null, null, null));
            filters.put("outcome REFUSED", new AuditFilter(null, null, null, null, null, "REFUSED", null));
            filters.put("search, rare word (drift)", new AuditFilter(null, null, null, null, null, null, "drift"));
            for (Map.Entry<String, AuditFilter> filter : filters.entrySet()) {
                for (SplitBy split : SplitBy.values()) {
                    System.out.printf("%-28s by %-8s SQLite p95 %7.1f ms   team %7.1f ms%n", filter.getKey(), split,
                            p95(onFile, filter.getValue(), split), p95(onTeam, filter.getValue(), split));
                }
            }
        }
    }

    private static void fill(HistoryStore store, int decisions) {
        long step = Duration.ofDays(60).toMillis() / decisions;
        String[] operators = {"alice", "bob", "carol"};
        for (int i = 0; i < decisions; i += 500) {
            JournalBatch batch = new JournalBatch();
            for (int j = i; j < Math.min(decisions, i + 500); j++) {
                Instant at = START.plusMillis(step * j);
                Submission s = SampleSubmissions.decision(String.format("T%09d", j),
                        String.format("request-token-%012d-0123456789abcdef", j), at);
                s = new Submission(s.requestToken(), s.action(), s.token(), s.executionArn(), s.reason(),
                        new io.callbackconsole.domain.Operator(operators[j % 3]), s.connection(), at);
                batch.intent(s, "ManualReview");
                batch.outcome(s.requestToken(), j % 97 == 0
                        ? new Outcome.Refused("ResourceNotFound", "drift", "gone", "r")
                        : new Outcome.Accepted(s.executionArn().value(), "req-" + j), at.plusMillis(1));
            }
            store.append(batch);
        }
    }

    private static double p95(AuditLog log, AuditFilter filter, SplitBy split) {
        double[] ms = new double[20];
        log.decisionsPerDay(filter, split, 30); // warm
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            log.decisionsPerDay(filter, split, 30);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[(int) Math.ceil(0.95 * ms.length) - 1];
    }
}
