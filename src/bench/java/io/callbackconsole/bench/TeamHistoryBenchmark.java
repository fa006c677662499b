package io.callbackconsole.bench;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.testing.TestPostgres;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.SubmissionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The team history's figures, on a loopback PostgreSQL server with fsync on (as a real server): the bulk fail of
 * {@link FailBenchmark} journaling in a team history against the same in an SQLite file, alternating; and the live
 * update, from a decision submitted in console A to its accepted row in console B's History (B reads it as its History
 * tab does: woken by the team history's notification, then a page of the newest decisions).
 */
final class TeamHistoryBenchmark {
    private static final String PIPELINE = "manual-approval";
    private static final String STEP = "ManualReview";
    private static final String REASON = "Rejected in the benchmark: the model's recall is below the threshold";
    private static final int LIVE_DECISIONS = 20;

    private final SandboxBench bench;
    private final TestPostgres server;

    private TeamHistoryBenchmark(SandboxBench bench, TestPostgres server) {
        this.bench = bench;
        this.server = server;
    }

    static List<Figure> run(SandboxBench bench, Path scratch, int tokens, int runs) throws Exception {
        TestPostgres server = TestPostgres.startWithFsync();
        try {
            // The driver reads the password file itself, as for an operator; console B's History reads with it too.
            Path pgpass = Files.createTempDirectory(scratch, "team").resolve("pgpass");
            Files.writeString(pgpass, "*:*:*:" + TestPostgres.SUPERUSER + ":" + TestPostgres.SUPERUSER_PASSWORD + "\n");
            Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
            System.setProperty("org.postgresql.pgpassfile", pgpass.toString());
            TeamHistoryBenchmark team = new TeamHistoryBenchmark(bench, server);
            List<Figure> figures = new ArrayList<>();
            figures.add(team.bulk(scratch, tokens, runs));
            figures.add(team.liveUpdate());
            return figures;
        } finally {
            System.clearProperty("org.postgresql.pgpassfile");
            server.stop();
        }
    }

    private Supplier<HistoryStore> freshTeamHistory() {
        TeamHistoryLocation location = TeamHistoryLocation.parse(server.createDatabase() + "?user="
                + TestPostgres.SUPERUSER);
        return () -> HistoryStore.openTeam(location, "bench");
    }

    private Figure bulk(Path scratch, int tokens, int runs) throws Exception {
        FailBenchmark fail = new FailBenchmark(bench, scratch, tokens);
        ConsoleBenchmark.log("team: warm-up");
        for (int i = 0; i < ConsoleBenchmark.WARM_UP_ROUNDS; i++) {
            fail.console(freshTeamHistory());
            fail.console();
        }
        Samples team = new Samples();
        Samples file = new Samples();
        ConsoleBenchmark.alternate(runs, () -> fail.console(freshTeamHistory()), fail::console, team, file,
                "team run %d: team history %.0f tokens/s, SQLite journal %.0f tokens/s");
        double ratio = Samples.medianRatio(team, file);
        return new Figure("fail " + String.format(Locale.ROOT, "%,d", tokens).replace(',', ' ') + " tokens in bulk,"
                + " journaled in a team history on loopback PostgreSQL (fsync on), " + FailBenchmark.THREADS
                + " calls in flight", "tokens/s", team, file, "the same journaled in an SQLite file",
                String.format(Locale.ROOT, "%.2f×", ratio), "≥ 0.8×", ratio >= 0.8);
    }

    /**
     * Milliseconds from console A's submit to console B's History showing the decision accepted, one decision at a
     * time, {@value #LIVE_DECISIONS} of them. B polls nothing here: its history's notification wakes it.
     */
    private Figure liveUpdate() throws Exception {
        Supplier<HistoryStore> history = freshTeamHistory();
        CallbackPoller.PollerSettings settings = new CallbackPoller.PollerSettings(Duration.ofMinutes(5),
                Duration.ofSeconds(2), 0);
        Samples millis = new Samples();
        try (ConsoleSession a = ConsoleSession.open(bench.connection, history, settings);
             ConsoleSession b = ConsoleSession.open(bench.connection, history, settings);
             AuditLog bHistory = b.history().openAudit()) {
            BlockingQueue<Long> wakeUps = new LinkedBlockingQueue<>();
            b.history().addChangeListener(() -> wakeUps.add(System.nanoTime()));
            a.start();
            b.start();
            for (int i = 0; i < LIVE_DECISIONS + 2; i++) {
                CallbackToken token = nextToken();
                wakeUps.clear();
                long start = System.nanoTime();
                // By token, as `fail TOKEN` does: either console may hold the step's message (both poll the queue).
                SubmissionResult result = a.decisions().submitFailureByToken(token, FailureReason.of(REASON));
                if (!result.accepted()) {
                    throw new IllegalStateException("not accepted: " + result);
                }
                long shown = awaitAccepted(bHistory, wakeUps, token);
                if (i >= 2) { // the first two warm the paths up
                    millis.add((shown - start) / 1e6);
                }
            }
        } finally {
            purgeQueues();
        }
        ConsoleBenchmark.log("team: live update median %.0f ms %s", millis.median(), millis.values());
        return new Figure("live update: a decision submitted in console A → accepted in console B's History (team"
                + " history, notified)", "ms", millis, null, "—", "—", "median < 1 000 ms",
                millis.median() < 1000);
    }

    /** The callback token of an execution started now, once its callback step waits. */
    private CallbackToken nextToken() throws InterruptedException {
        String execution = bench.sandbox.simulator().startExecution(PIPELINE, Map.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String token = bench.sandbox.simulator().callbackToken(execution, STEP);
            if (token != null) {
                return CallbackToken.of(token);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the callback step of " + execution + " never started");
    }

    /** When B's History first shows the token's decision accepted: read at each of B's wake-ups, as the tab reloads. */
    private static long awaitAccepted(AuditLog bHistory, BlockingQueue<Long> wakeUps, CallbackToken token)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Long woken = wakeUps.poll(1, TimeUnit.SECONDS);
            if (woken == null) {
                continue;
            }
            AuditFilter newest = AuditFilter.everything();
            for (DecisionRecord d : bHistory.decisionPage(newest, DecisionSort.NEWEST_FIRST, 0, 100)) {
                if (token.value().equals(d.get(DecisionColumn.CALLBACK_TOKEN))
                        && "ACCEPTED".equals(d.get(DecisionColumn.OUTCOME))) {
                    return System.nanoTime();
                }
            }
        }
        throw new IllegalStateException("console B's History never showed " + token.value() + " accepted");
    }

    private void purgeQueues() {
        for (String queueUrl : bench.sandbox.queueUrls()) {
            bench.bareSqs.purgeQueue(r -> r.queueUrl(queueUrl));
        }
    }
}
