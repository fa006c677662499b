package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.RecordedCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a console process with SIGKILL at random points of a submission, restarts it on the same data directory, and
 * checks that every decision was applied exactly once, has a recorded outcome, and that a message is gone only when
 * its outcome is on record. The number of crash points is {@code -Dcrash.points} (20 in a normal build, 200 with
 * {@code -Pstress}); the two-connection test's is {@code -Dcrash.repeatPoints} (6).
 *
 * <p>The kill times come from a random seed, which each test prints at its start (in
 * {@code target/surefire-reports/io.callbackconsole.cli.CrashRecoveryTest-output.txt}) and names in its failure
 * message. {@code mvn -B test -Dtest=CrashRecoveryTest -Dcrash.seed=N} reruns the tests with seed {@code N}: the
 * same kill times into each run. The processes' own timing still varies from run to run, so a rerun aims at the same
 * moments of a submission, not at the same instruction.
 */
class CrashRecoveryTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");
    /** How {@code fail} says it left a token alone because an earlier decision on it is unsettled. */
    static final Pattern SKIPPED_UNSETTLED = Pattern.compile("Token ([A-Za-z0-9]{10}) has an unsettled decision");
    /** The second connection of the two-connection test: another account, in another region. */
    static final String OTHER_ACCOUNT = "210987654321";
    static final String OTHER_REGION = "eu-west-1";
    static final int TOKENS_PER_BULK_RUN = 6;
    /**
     * The two-connection test's new tokens per run: the first commit of a run journals them all (two per sender),
     * so a kill during the first four calls leaves four intents not sent, for the next run to repeat or skip.
     */
    static final int TOKENS_PER_REPEAT_RUN = 8;

    /** The connection every test runs on; the two-connection test adds a second one beside it. */
    static SandboxConnection sandbox;

    /** The one data directory (and history) of every console the tests launch; kept when a test fails. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @BeforeAll
    static void start() {
        sandbox = SandboxConnection.start("A");
        slowDownFailures(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** Slow calls widen every window a crash can fall into: before, during and after SageMaker applies the call. */
    static void slowDownFailures(SandboxConnection connection) {
        connection.simulator().faults().latency(FAILURE, Duration.ofMillis(250), Duration.ofMillis(250));
    }

    Process launch(String... args) throws Exception {
        return sandbox.launch(dataDir, ProcessBuilder.Redirect.DISCARD, args);
    }

    static String[] bulkFailure(String reason) {
        return new String[] {"fail", "--pipeline", "manual-approval", "--reason", reason, "--yes", "--concurrency",
            "4"};
    }

    /** How long an undisturbed run takes, to spread the kills over all of it; it must succeed. */
    static long undisturbedMillis(Process process) throws Exception {
        long started = System.nanoTime();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("an undisturbed run succeeds").isZero();
        return (System.nanoTime() - started) / 1_000_000;
    }

    /**
     * When to kill a run: most of a run is JVM start-up, so the kills spread over its later two thirds, where the
     * journal and the calls happen, and a little past its end.
     */
    static long killTime(Random random, long fullMillis) {
        return (long) (fullMillis * (0.35 + random.nextDouble() * 0.75));
    }

    /** Lets the process run for {@code millis} at most, then kills it; true when it was killed. */
    static boolean killAfter(Process process, long millis) throws InterruptedException {
        if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no release of held messages
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("a killed console ends").isTrue();
        return true;
    }

    /** Runs {@code recover} to its end; it settles everything while SageMaker is reachable. */
    static void recover(Process recover) throws InterruptedException {
        assertThat(recover.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(recover.exitValue()).as("recover settles everything while SageMaker is reachable").isZero();
    }

    /** The body of a crash test, given the random source of its kill times. */
    interface CrashRun {
        void run(Random random) throws Exception;
    }

    /**
     * Runs {@code test} with the seed {@code -Dcrash.seed} names, or a fresh one; prints it first, and puts it in the
     * message of any failure, so that run's kill times can be replayed.
     */
    static void withSeed(String test, CrashRun run) throws Exception {
        Long given = Long.getLong("crash.seed");
        long seed = given != null ? given : new SecureRandom().nextLong();
        String rerun = "rerun with -Dtest=CrashRecoveryTest -Dcrash.seed=" + seed;
        System.out.printf("%s: crash seed %d%s (%s)%n", test, seed, given != null ? ", given" : "", rerun);
        try {
            run.run(new Random(seed));
        } catch (AssertionError | Exception e) {
            throw new AssertionError(test + " failed with crash seed " + seed + " (" + rerun + "): " + e.getMessage(),
                    e);
        }
    }

    @Test
    void killedMidSubmissionAndRestartedEachDecisionIsAppliedOnceAndOnRecord() throws Exception {
        withSeed("crash test", this::killedMidSubmission);
    }

    void killedMidSubmission(Random random) throws Exception {
        int points = Integer.getInteger("crash.points", 20);

        String warmUp = sandbox.waitingToken();
        long fullMillis = undisturbedMillis(launch("fail", warmUp, "--reason", "undisturbed", "--yes"));

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            String token = sandbox.waitingToken();
            tokens.add(token);
            killAfter(launch("fail", token, "--reason", "crash point " + i, "--yes"), killTime(random, fullMillis));
            recover(launch("recover"));
        }

        Tally tally = checkEachDecision(sandbox, tokens, List.of());
        assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(sandbox, tokens, tally);

        System.out.printf("Crash test: %d crash points (an undisturbed run takes %d ms), %d applied exactly once, "
                        + "%d killed before the intent was durable (nothing sent, message kept), %d messages left "
                        + "after a recorded outcome, 0 lost, 0 duplicated%n",
                points, fullMillis, tally.appliedOnce(), tally.neverJournaled(), tally.messageKeptAfterOutcome());
        assertThat(tally.appliedOnce() + tally.neverJournaled()).isEqualTo(points);
    }

    /**
     * What the checks of every token found.
     *
     * @param sentAgain tokens whose one decision went to SageMaker more than once (a later run or recover repeated it)
     */
    record Tally(int appliedOnce, int neverJournaled, int messageKeptAfterOutcome, int sentAgain,
                 Map<String, List<HistoryEntry>> historyByToken) {
    }

    /**
     * Checks each token of {@code connection} once its held messages are back: either never journaled (nothing sent,
     * message kept) or journaled once on that connection, recovered to a recorded acceptance, every call carrying that
     * decision's one client request token and going to that connection's SageMaker alone, and the execution failed.
     *
     * @param others the other connections writing the same history: none of their simulators may see the token
     */
    Tally checkEachDecision(SandboxConnection connection, List<String> tokens, List<SandboxConnection> others)
            throws Exception {
        // Held messages come back after their visibility timeout; see which tokens still have one.
        Thread.sleep(TimeUnit.SECONDS.toMillis(SandboxConnection.VISIBILITY_SECONDS + 1));
        Set<String> tokensWithMessage = connection.tokensOnQueue();

        Map<String, List<HistoryEntry>> historyByToken = new HashMap<>();
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            // Operator decisions only: a leftover message of an answered token that a later poll deleted is on
            // record too, as a dismissal of that message.
            history.recentSubmissions(Integer.MAX_VALUE).stream()
                    .filter(e -> e.submission().action() == Action.FAIL)
                    .forEach(e -> historyByToken.computeIfAbsent(e.submission().token().value(),
                            t -> new ArrayList<>()).add(e));
        }

        int neverJournaled = 0;
        int appliedOnce = 0;
        int messageKeptAfterOutcome = 0;
        int sentAgain = 0;
        for (String token : tokens) {
            List<RecordedCall> calls = connection.simulator().callsTo(FAILURE).stream()
                    .filter(c -> c.requestBody().contains(token)).toList();
            for (SandboxConnection other : others) {
                assertThat(other.simulator().callsTo(FAILURE)).as("token %s of %s: never sent to %s", token,
                        connection.name(), other.name()).noneMatch(c -> c.requestBody().contains(token));
            }
            List<HistoryEntry> decisions = historyByToken.getOrDefault(token, List.of());
            assertThat(decisions).as("token %s: at most one decision", token).hasSizeLessThanOrEqualTo(1);
            if (decisions.isEmpty()) {
                neverJournaled++;
                assertThat(calls).as("token %s: nothing is sent without a durable intent", token).isEmpty();
                assertThat(tokensWithMessage).as("token %s: its message is kept", token).contains(token);
                continue;
            }
            HistoryEntry decision = decisions.get(0);
            assertThat(decision.submission().connection()).as("token %s: journaled as a decision of %s", token,
                    connection.name()).isEqualTo(connection.id());
            assertThat(decision.outcome()).as("token %s: recovered to a recorded acceptance", token)
                    .isInstanceOf(Outcome.Accepted.class);
            Set<String> requestTokens = new HashSet<>();
            for (RecordedCall call : calls) {
                Matcher m = CLIENT_REQUEST_TOKEN.matcher(call.requestBody());
                assertThat(m.find()).isTrue();
                requestTokens.add(m.group(1));
                assertThat(call.errorCode()).as("token %s: no second decision was ever refused as a conflict", token)
                        .isNotEqualTo("ConflictException");
            }
            assertThat(requestTokens).as("token %s: one decision, one client request token", token)
                    .containsExactly(decision.submission().requestToken().value());
            assertThat(connection.sageMaker().describePipelineExecution(b -> b.pipelineExecutionArn(
                    ((Outcome.Accepted) decision.outcome()).returnedExecutionArn())).pipelineExecutionStatusAsString())
                    .isEqualTo("Failed");
            appliedOnce++;
            if (calls.size() > 1) {
                sentAgain++;
            }
            if (tokensWithMessage.contains(token)) {
                messageKeptAfterOutcome++; // killed between outcome and delete: a leftover the next poll deletes
            }
        }
        return new Tally(appliedOnce, neverJournaled, messageKeptAfterOutcome, sentAgain, historyByToken);
    }

    /** The next poll recognises leftovers of answered tokens and deletes them instead of showing them. */
    void assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(SandboxConnection connection, List<String> tokens,
                                                                Tally tally) throws Exception {
        Process pending = connection.launch(dataDir, ProcessBuilder.Redirect.DISCARD, "pending", "--json");
        assertThat(pending.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pending.exitValue()).isZero();
        Set<String> stillQueued = connection.tokensOnQueue();
        for (String token : tokens) {
            boolean answered = tally.historyByToken().containsKey(token);
            assertThat(stillQueued.contains(token)).as("token %s of %s: message kept exactly when not answered",
                    token, connection.name()).isEqualTo(!answered);
        }
    }

    /**
     * The same for {@code fail --pipeline}: the bulk path journals intents ahead of its calls, group-commits, and
     * deletes messages in batches, so a kill can leave intents that were never sent; recovery must send each once,
     * with its own client request token.
     */
    @Test
    void killedMidBulkRunAndRestartedEachDecisionIsAppliedOnceAndOnRecord() throws Exception {
        withSeed("bulk crash test", this::killedMidBulkRun);
    }

    void killedMidBulkRun(Random random) throws Exception {
        int points = Integer.getInteger("crash.bulkPoints", Math.max(5, Integer.getInteger("crash.points", 20) / 4));
        String[] bulk = bulkFailure("bulk crash point");

        List<String> tokens = addWaitingTokens(sandbox, new ArrayList<>(), TOKENS_PER_BULK_RUN);
        long fullMillis = undisturbedMillis(launch(bulk));

        for (int point = 0; point < points; point++) {
            addWaitingTokens(sandbox, tokens, TOKENS_PER_BULK_RUN);
            killAfter(launch(bulk), killTime(random, fullMillis));
            recover(launch("recover"));
        }

        Tally tally = checkEachDecision(sandbox, tokens, List.of());
        assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(sandbox, tokens, tally);
        System.out.printf("Bulk crash test: %d crash points of `fail --pipeline` with %d new tokens each (an"
                        + " undisturbed run takes %d ms): %d tokens, %d applied exactly once, %d never journaled"
                        + " (nothing sent, message kept), %d messages left after a recorded outcome, 0 lost,"
                        + " 0 duplicated%n", points, TOKENS_PER_BULK_RUN, fullMillis, tokens.size(),
                tally.appliedOnce(), tally.neverJournaled(), tally.messageKeptAfterOutcome());
        assertThat(tally.appliedOnce() + tally.neverJournaled()).isEqualTo(tokens.size());
    }

    /** Starts {@code count} executions waiting on {@code connection}; adds their tokens to {@code tokens}. */
    static List<String> addWaitingTokens(SandboxConnection connection, List<String> tokens, int count) {
        for (int i = 0; i < count; i++) {
            tokens.add(connection.waitingToken());
        }
        return tokens;
    }

    /**
     * Issue 13, one decision per token, on two connections writing one history: each kill of {@code fail --pipeline}
     * is followed at once by a new run on the same connection, with no {@code recover} between. A new run repeats an
     * unsettled decision with its own request token when it is the same decision (the same reason), and otherwise
     * leaves its token alone; {@code recover} on one connection settles that connection's decisions and only names
     * the other's. The second connection is another sandbox behind another account (its own STS) and region.
     */
    @Test
    void killedBulkRunsFollowedByNewRunsOnTwoConnectionsDecideEachTokenOnceOnItsOwnConnection(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path outputFolder) throws Exception {
        withSeed("two-connection crash test (console output in " + outputFolder + ", history in " + dataDir + ")",
                random -> killedBulkRunsFollowedByNewRuns(random, outputFolder));
    }

    void killedBulkRunsFollowedByNewRuns(Random random, Path outputFolder) throws Exception {
        int points = Integer.getInteger("crash.repeatPoints", 6);
        ConsoleRuns consoles = new ConsoleRuns(outputFolder);
        try (SandboxConnection other = SandboxConnection.start("B", OTHER_ACCOUNT, OTHER_REGION)) {
            slowDownFailures(other);
            assertThat(other.id()).as("two connections").isNotEqualTo(sandbox.id());
            List<SandboxConnection> connections = List.of(sandbox, other);
            Map<SandboxConnection, List<String>> tokens = new LinkedHashMap<>();
            connections.forEach(c -> tokens.put(c, new ArrayList<>()));

            addWaitingTokens(sandbox, tokens.get(sandbox), TOKENS_PER_REPEAT_RUN);
            RunTiming timing = undisturbedTiming(sandbox, () -> consoles.launch(sandbox,
                    bulkFailure("undisturbed bulk run")).process());
            int killed = 0;
            for (int point = 0; point < points; point++) {
                SandboxConnection on = connections.get(point % 2);
                addWaitingTokens(on, tokens.get(on), TOKENS_PER_REPEAT_RUN);
                String reason = "repeat crash point " + point;
                killed += killAfter(consoles.launch(on, bulkFailure(reason)).process(), timing.killTime(random))
                        ? 1 : 0;
                // At once, no recover between; a run with the same reason is the same decision, repeated.
                String nextReason = random.nextBoolean() ? reason : reason + ", next run";
                Process next = consoles.launch(on, bulkFailure(nextReason)).process();
                if (random.nextBoolean()) {
                    killed += killAfter(next, timing.killTime(random)) ? 1 : 0;
                } else {
                    assertThat(next.waitFor(120, TimeUnit.SECONDS)).as("a run left to finish ends").isTrue();
                }
            }
            // So that B surely has unsettled decisions when A recovers, whatever the random kills left.
            addWaitingTokens(other, tokens.get(other), TOKENS_PER_REPEAT_RUN);
            killWithCallsInFlight(other, () -> consoles.launch(other, bulkFailure("killed with calls in flight"))
                    .process());
            killed++;

            Map<SandboxConnection, Integer> unsettledAfterKills = new HashMap<>();
            connections.forEach(c -> unsettledAfterKills.put(c, unsettledDecisions(c).size()));
            assertThat(unsettledAfterKills.get(other)).as("decisions of B left unsettled by the kills").isPositive();
            assertRecoverSettlesItsOwnConnectionOnly(consoles, sandbox, other);
            assertRecoverSettlesItsOwnConnectionOnly(consoles, other, sandbox);

            Map<SandboxConnection, Tally> tallies = new LinkedHashMap<>();
            for (SandboxConnection connection : connections) {
                List<SandboxConnection> rest = connections.stream().filter(c -> c != connection).toList();
                Tally tally = checkEachDecision(connection, tokens.get(connection), rest);
                assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(connection, tokens.get(connection), tally);
                assertThat(connection.simulator().callsTo(FAILURE)).as("no call to %s was ever a second decision",
                        connection.name()).noneMatch(call -> "ConflictException".equals(call.errorCode()));
                tallies.put(connection, tally);
            }

            StringBuilder perConnection = new StringBuilder();
            for (SandboxConnection c : connections) {
                Tally tally = tallies.get(c);
                Set<String> skipped = new HashSet<>(consoles.tokensSkippedBecauseUnsettled(c));
                skipped.retainAll(tokens.get(c));
                perConnection.append(String.format("; %s (%s): %d tokens, %d applied exactly once, %d never journaled"
                                + " (nothing sent, message kept), %d skipped by a later run because unsettled, %d sent"
                                + " again with their own request token, %d unsettled before recover", c.name(),
                        c.id().describe(), tokens.get(c).size(), tally.appliedOnce(), tally.neverJournaled(),
                        skipped.size(), tally.sentAgain(), unsettledAfterKills.get(c)));
            }
            System.out.printf("Two-connection crash test: %d points of `fail --pipeline` (%d runs killed), each kill"
                            + " followed at once by a new run on its connection, recover only at the end (an"
                            + " undisturbed run calls SageMaker first after %d ms and ends after %d ms)%s; 0 lost,"
                            + " 0 duplicated, 0 sent to the other connection%n", points, killed,
                    timing.firstCallMillis(), timing.fullMillis(), perConnection);
            for (SandboxConnection c : connections) {
                assertThat(tallies.get(c).appliedOnce() + tallies.get(c).neverJournaled()).as("tokens of %s",
                        c.name()).isEqualTo(tokens.get(c).size());
            }
        }
    }

    /**
     * A run killed while its calls wait at SageMaker leaves their decisions unsettled, and SageMaker then fails their
     * steps, so the next run finds them stale. It must not pass over them in silence: a run with another reason names
     * each token it leaves alone as unsettled; a run with the same reason repeats each decision with its own request
     * token, records the answer and deletes the message.
     */
    @Test
    void aRunAfterAKillNamesOrSettlesEachUnsettledDecisionItFinds(@TempDir(cleanup = CleanupMode.ON_SUCCESS)
                                                                  Path outputFolder) throws Exception {
        ConsoleRuns consoles = new ConsoleRuns(outputFolder);
        // A connection of its own, so that its runs meet no token the other tests leave on their queue.
        try (SandboxConnection connection = SandboxConnection.start("C")) {
            slowDownFailures(connection);
            List<String> tokens = addWaitingTokens(connection, new ArrayList<>(), TOKENS_PER_REPEAT_RUN);
            String reason = "killed with calls in flight, then run again";
            killWithCallsInFlight(connection, () -> consoles.launch(connection, bulkFailure(reason)).process());
            Set<String> unsettled = unsettledTokens(connection, tokens);
            Set<String> appliedAfterTheKill = new HashSet<>(tokens);
            appliedAfterTheKill.removeIf(token -> connection.simulator().callsTo(FAILURE).stream()
                    .noneMatch(call -> call.requestBody().contains(token)));
            assertThat(unsettled).as("the kill left decisions unsettled").isNotEmpty()
                    .containsAll(appliedAfterTheKill);
            assertThat(appliedAfterTheKill).as("SageMaker applied the calls the kill cut off").isNotEmpty();
            int callsBefore = connection.simulator().callsTo(FAILURE).size();
            // The killed run's messages come back after their visibility timeout.
            Thread.sleep(TimeUnit.SECONDS.toMillis(SandboxConnection.VISIBILITY_SECONDS + 1));

            ConsoleRun another = consoles.launch(connection, bulkFailure("another reason, after the kill"));
            assertThat(another.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            List<RecordedCall> callsSince = connection.simulator().callsTo(FAILURE).subList(callsBefore,
                    connection.simulator().callsTo(FAILURE).size());
            for (String token : unsettled) {
                assertThat(another.output()).as("a run with another reason names token %s as unsettled", token)
                        .contains("Token " + token + " has an unsettled decision");
                assertThat(callsSince).as("nothing is sent for token %s", token)
                        .noneMatch(call -> call.requestBody().contains(token));
            }
            assertThat(unsettledTokens(connection, tokens)).isEqualTo(unsettled);

            ConsoleRun same = consoles.launch(connection, bulkFailure(reason));
            assertThat(same.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(same.process().exitValue()).as("the run of the same decision succeeds: %s", same.output())
                    .isZero();
            assertThat(unsettledTokens(connection, tokens)).as("the run of the same decision settles each").isEmpty();
            Tally tally = checkEachDecision(connection, tokens, List.of(sandbox));
            assertThat(tally.appliedOnce()).isEqualTo(tokens.size());
            assertThat(tally.messageKeptAfterOutcome()).as("the runs that settled them deleted their messages")
                    .isZero();
            System.out.printf("Run after a kill: %d of %d tokens unsettled by the kill (%d applied after it), each"
                    + " named by a run with another reason and settled by a run with the same one%n",
                    unsettled.size(), tokens.size(), appliedAfterTheKill.size());
        }
    }

    /** Those of {@code tokens} with a decision on {@code connection} the history holds unsettled. */
    static Set<String> unsettledTokens(SandboxConnection connection, List<String> tokens) {
        Set<String> unsettled = new HashSet<>();
        unsettledDecisions(connection).forEach(s -> unsettled.add(s.token().value()));
        unsettled.retainAll(tokens);
        return unsettled;
    }

    /**
     * When an undisturbed bulk run first calls SageMaker, and when it ends, both from its launch.
     */
    record RunTiming(long firstCallMillis, long fullMillis) {
        /**
         * A kill time from a little before the run journals its intents (just before its first call) to a little past
         * its end: the start-up before it, most of a run, only delays a kill there.
         */
        long killTime(Random random) {
            long from = firstCallMillis * 7 / 10;
            long to = Math.max(from + 1, fullMillis * 11 / 10);
            return from + (long) (random.nextDouble() * (to - from));
        }
    }

    /** Times the undisturbed run {@code launch} starts on {@code connection}; it must succeed. */
    static RunTiming undisturbedTiming(SandboxConnection connection, Callable<Process> launch) throws Exception {
        long started = System.nanoTime();
        AtomicLong firstCall = new AtomicLong();
        connection.simulator().faults().beforeApply(FAILURE, body -> firstCall.compareAndSet(0, System.nanoTime()));
        try {
            long fullMillis = undisturbedMillis(launch.call());
            assertThat(firstCall.get()).as("the undisturbed run called SageMaker").isNotZero();
            return new RunTiming((firstCall.get() - started) / 1_000_000, fullMillis);
        } finally {
            connection.simulator().faults().beforeApply(FAILURE, null);
        }
    }

    /**
     * {@code recover} on {@code here} settles every decision of {@code here}, sends nothing to {@code elsewhere},
     * leaves its unsettled decisions as they are, and names how many there are.
     */
    void assertRecoverSettlesItsOwnConnectionOnly(ConsoleRuns consoles, SandboxConnection here,
                                                  SandboxConnection elsewhere) throws Exception {
        List<Submission> unsettledElsewhere = unsettledDecisions(elsewhere);
        int callsElsewhere = elsewhere.simulator().calls().size();
        ConsoleRun recover = consoles.launch(here, "recover");
        recover(recover.process());
        assertThat(unsettledDecisions(here)).as("recover on %s settles its decisions", here.name()).isEmpty();
        assertThat(elsewhere.simulator().calls()).as("recover on %s sends nothing to %s", here.name(),
                elsewhere.name()).hasSize(callsElsewhere);
        assertThat(unsettledDecisions(elsewhere)).as("recover on %s leaves the decisions of %s unsettled",
                here.name(), elsewhere.name()).isEqualTo(unsettledElsewhere);
        String named = " decision(s) made on account " + elsewhere.id().account();
        List<String> lines = recover.output().lines().filter(line -> line.contains(named)).toList();
        if (unsettledElsewhere.isEmpty()) {
            assertThat(lines).as("recover on %s names no unsettled decision of %s", here.name(), elsewhere.name())
                    .isEmpty();
        } else {
            assertThat(lines).as("recover on %s names the unsettled decisions of %s", here.name(), elsewhere.name())
                    .singleElement().satisfies(line -> assertThat(line)
                            .startsWith(unsettledElsewhere.size() + named)
                            .contains(elsewhere.id().endpoints())
                            .endsWith("are unsettled: connect to it to settle them."));
        }
    }

    /** The decisions of {@code connection} the history holds unsettled. */
    static List<Submission> unsettledDecisions(SandboxConnection connection) {
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            return history.unsettledSubmissions(connection.id());
        }
    }

    /**
     * Kills the run {@code launch} starts while its first calls wait at SageMaker, before any is answered, so that
     * their decisions are surely left unsettled; the simulator applies them after the kill, as SageMaker would.
     */
    static void killWithCallsInFlight(SandboxConnection connection, Callable<Process> launch) throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        int recordedBefore = connection.simulator().callsTo(FAILURE).size();
        connection.simulator().faults().beforeApply(FAILURE, body -> {
            held.incrementAndGet();
            arrived.countDown();
            try {
                killed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            Process process = launch.call();
            assertThat(arrived.await(120, TimeUnit.SECONDS)).as("a call of the run arrives").isTrue();
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("a killed console ends").isTrue();
        } finally {
            connection.simulator().faults().beforeApply(FAILURE, null);
            killed.countDown();
        }
        // The held calls go on and are recorded once answered (to nobody): wait, so that later counts hold still.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int recorded = connection.simulator().callsTo(FAILURE).size();
        while (recorded < recordedBefore + held.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            recorded = connection.simulator().callsTo(FAILURE).size();
        }
        assertThat(recorded).as("the calls held at the simulator are answered").isGreaterThanOrEqualTo(
                recordedBefore + held.get());
    }

    /** A console process a test launched and the file its output (and errors) went to. */
    record ConsoleRun(Process process, Path outputFile) {
        String output() throws Exception {
            return Files.readString(outputFile, StandardCharsets.UTF_8);
        }
    }

    /** Launches consoles on {@link #dataDir} with their output kept, one file each, to read what they said. */
    static final class ConsoleRuns {
        private final Path folder;
        private final Map<SandboxConnection, List<ConsoleRun>> runs = new HashMap<>();

        ConsoleRuns(Path folder) {
            this.folder = folder;
        }

        ConsoleRun launch(SandboxConnection connection, String... args) throws Exception {
            List<ConsoleRun> ofConnection = runs.computeIfAbsent(connection, c -> new ArrayList<>());
            Path file = folder.resolve(connection.name() + "-" + ofConnection.size() + "-" + args[0] + ".txt");
            ConsoleRun run = new ConsoleRun(connection.launch(dataDir, ProcessBuilder.Redirect.to(file.toFile()),
                    args), file);
            ofConnection.add(run);
            return run;
        }

        /** The tokens a run on {@code connection} left alone because an earlier decision on them was unsettled. */
        Set<String> tokensSkippedBecauseUnsettled(SandboxConnection connection) throws Exception {
            Set<String> skipped = new HashSet<>();
            for (ConsoleRun run : runs.getOrDefault(connection, List.of())) {
                Matcher m = SKIPPED_UNSETTLED.matcher(run.output());
                while (m.find()) {
                    skipped.add(m.group(1));
                }
            }
            return skipped;
        }
    }
}
