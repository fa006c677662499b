package io.callbackconsole.bench;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Journal append throughput, SQLite file against a team history on a loopback PostgreSQL server (fsync on, as a real
 * server), in one run: each decision is an intent and an outcome, each its own durable write transaction, as the
 * decision protocol writes them one at a time. Then the same on PostgreSQL with two consoles at once (the chain lock's
 * cost). A number for the README, not a test:
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) io.callbackconsole.bench.TeamHistoryAppendBenchmark [decisions] [runs]</pre>
 */
public final class TeamHistoryAppendBenchmark {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";

    private TeamHistoryAppendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("team-history-bench-");
        TestPostgres server = TestPostgres.startWithFsync();
        try {
            // The driver reads the password file itself, as for an operator.
            Path pgpass = dir.resolve("pgpass");
            Files.writeString(pgpass, "*:*:*:" + TestPostgres.SUPERUSER + ":" + TestPostgres.SUPERUSER_PASSWORD + "\n");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            System.setProperty("org.postgresql.pgpassfile", pgpass.toString());

            Samples sqlite = new Samples();
            Samples team = new Samples();
            Samples teamTwo = new Samples();
            for (int run = 0; run < runs; run++) {
                Path file = dir.resolve("history-" + run + ".db");
                sqlite.add(rate(() -> HistoryStore.open(file, "bench"), 1, decisions, run));
                String url = server.createDatabase() + "?user=" + TestPostgres.SUPERUSER;
                team.add(rate(() -> HistoryStore.openTeam(TeamHistoryLocation.parse(url), "bench"), 1, decisions, run));
                String shared = server.createDatabase() + "?user=" + TestPostgres.SUPERUSER;
                teamTwo.add(rate(() -> HistoryStore.openTeam(TeamHistoryLocation.parse(shared), "bench"), 2,
                        decisions, run));
            }
            System.out.printf(Locale.ROOT, "%d decisions (intent + outcome, one durable commit each), median of %d:%n",
                    decisions, runs);
            System.out.printf(Locale.ROOT, "  SQLite file (WAL, synchronous=FULL): %8.0f decisions/s  %s%n",
                    sqlite.median(), sqlite.values());
            System.out.printf(Locale.ROOT, "  team history, 1 console:             %8.0f decisions/s  %s%n",
                    team.median(), team.values());
            System.out.printf(Locale.ROOT, "  team history, 2 consoles at once:    %8.0f decisions/s  %s%n",
                    teamTwo.median(), teamTwo.values());
            System.out.printf(Locale.ROOT, "  team / SQLite: %.2f×%n", team.median() / sqlite.median());
        } finally {
            server.stop();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Decisions per second over all consoles, each on a store of its own appending {@code decisions}. */
    private static double rate(Supplier<HistoryStore> opener, int consoles, int decisions, int run)
            throws InterruptedException {
        List<HistoryStore> stores = new ArrayList<>();
        for (int i = 0; i < consoles; i++) {
            stores.add(opener.get());
        }
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < consoles; i++) {
            HistoryStore store = stores.get(i);
            int console = i;
            Thread thread = new Thread(() -> {
                for (int d = 0; d < decisions; d++) {
                    String token = String.format(Locale.ROOT, "R%dC%d%06d", run % 10, console, d);
                    Submission s = new Submission(new ClientRequestToken("bench-" + token + "-0123456789abcdefghij"),
                            Action.FAIL, CallbackToken.of(token), null, FailureReason.of("benchmark decision " + d),
                            new Operator("bench"), ConnectionId.sandbox(), Instant.now());
                    store.recordIntent(s);
                    store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + d), Instant.now());
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        stores.forEach(HistoryStore::close);
        return consoles * decisions / seconds;
    }
}
