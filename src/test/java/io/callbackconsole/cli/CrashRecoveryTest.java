package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.sandbox.RecordedCall;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Kills a console process with SIGKILL at random points of a submission, restarts it on the same data directory, and
 * checks that every decision was applied exactly once, has a recorded outcome, and that a message is gone only when
 * its outcome is on record. The number of crash points is {@code -Dcrash.points} (20 in a normal build, 200 with
 * {@code -Pstress}).
 *
 * <p>The kill times come from a random seed, which each test prints at its start (in
 * {@code target/surefire-reports/io.callbackconsole.cli.CrashRecoveryTest-output.txt}) and names in its failure
 * message. {@code mvn -B test -Dtest=CrashRecoveryTest -Dcrash.seed=N} reruns both tests with seed {@code N}: the
 * same kill times into each run. The processes' own timing still varies from run to run, so a rerun aims at the same
 * moments of a submission, not at the same instruction.
 */
class CrashRecoveryTest {
    static final String FAILURE = "SendPipelineExecutionStepFailure";
    static final Pattern CLIENT_REQUEST_TOKEN = Pattern.compile("\"ClientRequestToken\"\\s*:\\s*\"([^\"]+)\"");
    static final int VISIBILITY_SECONDS = 2;

    static final ObjectMapper JSON = new ObjectMapper();
    static Sandbox sandbox;
    static SageMakerClient sageMaker;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
        // Slow calls widen every window a crash can fall into: before, during and after SageMaker applies the call.
        sandbox.simulator().faults().latency(FAILURE, Duration.ofMillis(250), Duration.ofMillis(250));
        sageMaker = SageMakerClient.builder().endpointOverride(sandbox.sageMakerEndpoint())
                .region(Region.of(sandbox.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")))
                .build();
    }

    @AfterAll
    static void stop() {
        sageMaker.close();
        sandbox.close();
    }

    static String manualReviewQueue() {
        return sandbox.queueUrls().stream().filter(q -> q.endsWith("/manual-review")).findFirst().orElseThrow();
    }

    Process launch(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.callbackconsole.app.CallbackConsole"));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", dataDir.toString(), "--region", sandbox.region(),
                "--endpoint-sqs", sandbox.sqsEndpoint().toString(),
                "--endpoint-sagemaker", sandbox.sageMakerEndpoint().toString(),
                "--endpoint-sts", sandbox.stsEndpoint().toString(),
                "--queue", manualReviewQueue(), "--visibility-timeout", Integer.toString(VISIBILITY_SECONDS)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
        return builder.start();
    }

    /** A fresh execution waiting at its callback step, and the step's token. */
    String waitingToken() {
        String executionArn = sandbox.simulator().startExecution("manual-approval", Map.of());
        return sageMaker.listPipelineExecutionSteps(b -> b.pipelineExecutionArn(executionArn)).pipelineExecutionSteps()
                .stream().filter(step -> step.metadata() != null && step.metadata().callback() != null)
                .map(PipelineExecutionStep::metadata).map(m -> m.callback().callbackToken())
                .findFirst().orElseThrow();
    }

    /** The tokens whose messages are on the queue; they are visible again when this returns. */
    Set<String> tokensOnQueue() throws Exception {
        Set<String> tokens = new HashSet<>();
        List<Message> received;
        List<Message> all = new ArrayList<>();
        do {
            received = sandbox.sqs().receiveMessage(b -> b.queueUrl(manualReviewQueue()).maxNumberOfMessages(10)
                    .visibilityTimeout(30)).messages();
            all.addAll(received);
        } while (!received.isEmpty());
        for (Message message : all) {
            tokens.add(JSON.readTree(message.body()).get("token").asText());
            sandbox.sqs().changeMessageVisibility(b -> b.queueUrl(manualReviewQueue())
                    .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
        }
        return tokens;
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

        // How long an undisturbed submission takes, to spread the kills over all of it.
        String warmUp = waitingToken();
        long started = System.nanoTime();
        Process undisturbed = launch("fail", warmUp, "--reason", "undisturbed", "--yes");
        assertThat(undisturbed.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(undisturbed.exitValue()).isZero();
        long fullMillis = (System.nanoTime() - started) / 1_000_000;

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < points; i++) {
            String token = waitingToken();
            tokens.add(token);
            Process process = launch("fail", token, "--reason", "crash point " + i, "--yes");
            // Most of a run is JVM start-up; spread the kills over its later two thirds, where the journal and the
            // call happen, and a little past its end.
            long killAfter = (long) (fullMillis * (0.35 + random.nextDouble() * 0.75));
            if (!process.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no release of held messages
                process.waitFor(30, TimeUnit.SECONDS);
            }
            Process recover = launch("recover");
            assertThat(recover.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(recover.exitValue()).as("recover settles everything while SageMaker is reachable").isZero();
        }

        Tally tally = checkEachDecision(tokens);
        int appliedOnce = tally.appliedOnce();
        int neverJournaled = tally.neverJournaled();
        int messageKeptAfterOutcome = tally.messageKeptAfterOutcome();
        assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(tokens, tally);

        System.out.printf("Crash test: %d crash points (an undisturbed run takes %d ms), %d applied exactly once, "
                        + "%d killed before the intent was durable (nothing sent, message kept), %d messages left "
                        + "after a recorded outcome, 0 lost, 0 duplicated%n",
                points, fullMillis, appliedOnce, neverJournaled, messageKeptAfterOutcome);
        assertThat(appliedOnce + neverJournaled).isEqualTo(points);
    }

    /** What the checks of every token found. */
    record Tally(int appliedOnce, int neverJournaled, int messageKeptAfterOutcome,
                 Map<String, List<HistoryEntry>> historyByToken) {
    }

    /**
     * Checks each token once its held messages are back: either never journaled (nothing sent, message kept) or
     * journaled once, recovered to a recorded acceptance, every call carrying that decision's one client request
     * token, and the execution failed.
     */
    Tally checkEachDecision(List<String> tokens) throws Exception {
        // Held messages come back after their visibility timeout; see which tokens still have one.
        Thread.sleep(TimeUnit.SECONDS.toMillis(VISIBILITY_SECONDS + 1));
        Set<String> tokensWithMessage = tokensOnQueue();

        Map<String, List<HistoryEntry>> historyByToken = new HashMap<>();
        try (HistoryStore history = HistoryStore.open(dataDir.resolve("history.db"), "test")) {
            // Operator decisions only: a leftover message of an answered token that a later poll deleted is on
            // record too, as a dismissal of that message.
            history.recentSubmissions(Integer.MAX_VALUE).stream()
                    .filter(e -> e.submission().action() == io.callbackconsole.domain.Action.FAIL)
                    .forEach(e -> historyByToken.computeIfAbsent(e.submission().token().value(),
                            t -> new ArrayList<>()).add(e));
        }

        int neverJournaled = 0;
        int appliedOnce = 0;
        int messageKeptAfterOutcome = 0;
        for (String token : tokens) {
            List<RecordedCall> calls = sandbox.simulator().callsTo(FAILURE).stream()
                    .filter(c -> c.requestBody().contains(token)).toList();
            List<HistoryEntry> decisions = historyByToken.getOrDefault(token, List.of());
            assertThat(decisions).as("token %s: at most one decision", token).hasSizeLessThanOrEqualTo(1);
            if (decisions.isEmpty()) {
                neverJournaled++;
                assertThat(calls).as("token %s: nothing is sent without a durable intent", token).isEmpty();
                assertThat(tokensWithMessage).as("token %s: its message is kept", token).contains(token);
                continue;
            }
            HistoryEntry decision = decisions.get(0);
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
            assertThat(sageMaker.describePipelineExecution(b -> b.pipelineExecutionArn(
                    ((Outcome.Accepted) decision.outcome()).returnedExecutionArn())).pipelineExecutionStatusAsString())
                    .isEqualTo("Failed");
            appliedOnce++;
            if (tokensWithMessage.contains(token)) {
                messageKeptAfterOutcome++; // killed between outcome and delete: a leftover the next poll deletes
            }
        }
        return new Tally(appliedOnce, neverJournaled, messageKeptAfterOutcome, historyByToken);
    }

    /** The next poll recognises leftovers of answered tokens and deletes them instead of showing them. */
    void assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(List<String> tokens, Tally tally) throws Exception {
        Process pending = launch("pending", "--json");
        assertThat(pending.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pending.exitValue()).isZero();
        Set<String> stillQueued = tokensOnQueue();
        for (String token : tokens) {
            boolean answered = tally.historyByToken().containsKey(token);
            assertThat(stillQueued.contains(token)).as("token %s: message kept exactly when not answered", token)
                    .isEqualTo(!answered);
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
        int tokensPerRun = 6;
        String[] bulk = {"fail", "--pipeline", "manual-approval", "--reason", "bulk crash point", "--yes",
                "--concurrency", "4"};

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < tokensPerRun; i++) {
            tokens.add(waitingToken());
        }
        long started = System.nanoTime();
        Process undisturbed = launch(bulk);
        assertThat(undisturbed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(undisturbed.exitValue()).isZero();
        long fullMillis = (System.nanoTime() - started) / 1_000_000;

        for (int point = 0; point < points; point++) {
            for (int i = 0; i < tokensPerRun; i++) {
                tokens.add(waitingToken());
            }
            Process process = launch(bulk);
            long killAfter = (long) (fullMillis * (0.35 + random.nextDouble() * 0.75));
            if (!process.waitFor(killAfter, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            Process recover = launch("recover");
            assertThat(recover.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(recover.exitValue()).as("recover settles everything while SageMaker is reachable").isZero();
        }

        Tally tally = checkEachDecision(tokens);
        assertTheNextPollKeepsMessagesExactlyOfUnansweredTokens(tokens, tally);
        System.out.printf("Bulk crash test: %d crash points of `fail --pipeline` with %d new tokens each (an"
                        + " undisturbed run takes %d ms): %d tokens, %d applied exactly once, %d never journaled"
                        + " (nothing sent, message kept), %d messages left after a recorded outcome, 0 lost,"
                        + " 0 duplicated%n", points, tokensPerRun, fullMillis, tokens.size(), tally.appliedOnce(),
                tally.neverJournaled(), tally.messageKeptAfterOutcome());
        assertThat(tally.appliedOnce() + tally.neverJournaled()).isEqualTo(tokens.size());
    }
}
