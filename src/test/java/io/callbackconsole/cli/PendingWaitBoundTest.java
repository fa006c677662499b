package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.sandbox.EmbeddedSqs;
import io.callbackconsole.testing.FaultProxy;
import io.callbackconsole.triage.ConsoleSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code pending --wait N} ends within N s plus one receive's deadline per queue (and one more) whatever SQS does: here
 * SQS (and STS) accept connections and never answer. Before explicit deadlines this took 90 s and more per queue.
 */
class PendingWaitBoundTest {
    @TempDir
    Path dataDir;
    FaultProxy silentSqs;
    FaultProxy silentSts;
    String savedKeyId;
    String savedSecret;

    @BeforeEach
    void startSilentEndpoints() {
        silentSqs = FaultProxy.start(URI.create("http://127.0.0.1:9")).always(FaultProxy.Fault.HANG);
        silentSts = FaultProxy.start(URI.create("http://127.0.0.1:9")).always(FaultProxy.Fault.HANG);
        // An AWS connection (flags, no sandbox) takes its keys from the SDK's default chain: system properties first.
        savedKeyId = System.setProperty("aws.accessKeyId", "test");
        savedSecret = System.setProperty("aws.secretAccessKey", "test");
    }

    @AfterEach
    void stop() {
        restore("aws.accessKeyId", savedKeyId);
        restore("aws.secretAccessKey", savedSecret);
        silentSqs.close();
        silentSts.close();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    record Run(int exitCode, String stderr, Duration elapsed) {
    }

    /** The command in this JVM, on a session as the launcher opens one, so the elapsed time is the command's own. */
    private Run pending(int queues, String... args) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < queues; i++) {
            urls.add(silentSqs.endpoint() + "/000000000000/callbacks-" + i);
        }
        return pending(silentSqs, urls, args);
    }

    private Run pending(FaultProxy sqs, List<String> queueUrls, String... args) {
        CommandEnvironment environment = new CommandEnvironment() {
            @Override
            public ConnectionSettings connection(ConnectionOptions options) {
                return options.resolve(Optional.empty());
            }

            @Override
            public Path historyFile(Path dataDirOption, boolean sandbox) {
                return dataDir.resolve("history.db");
            }

            @Override
            public ConsoleSession openSession(ConnectionOptions options) {
                return ConsoleSession.open(connection(options), historyFile(null, false), "test",
                        options.pollerSettings());
            }
        };
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--region", "us-east-2", "--endpoint-sqs", sqs.endpoint().toString(),
                "--endpoint-sts", silentSts.endpoint().toString(),
                "--endpoint-sagemaker", silentSqs.endpoint().toString(),
                "--sqs-timeout", "1s", "--identity-timeout", "500ms"));
        queueUrls.forEach(url -> line.addAll(List.of("--queue", url)));
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new PendingCommand(environment));
        command.setOut(new PrintWriter(new StringWriter(), true));
        command.setErr(new PrintWriter(err, true));
        long started = System.nanoTime();
        int exitCode = command.execute(line.toArray(String[]::new));
        return new Run(exitCode, err.toString(), Duration.ofNanos(System.nanoTime() - started));
    }

    // Opening: STS 2 × 500 ms (1.25 s in all). One receive: at most 1 s long poll + 1 s (a tick's first receive of a
    // queue does not wait, so a silent one fails at 1 s). Closing: the receive in flight ends.
    // The slack is for a cold JVM on a busy machine; without the deadlines these runs take minutes.
    private static final Duration OPEN = Duration.ofMillis(1250);
    private static final Duration ONE_RECEIVE = Duration.ofSeconds(2);
    private static final Duration SLACK = Duration.ofSeconds(8);

    @Test
    void aSilentQueueEndsTheWaitWithItsReceiveDeadline() {
        Run run = pending(1, "--wait", "3");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
        assertThat(run.stderr()).contains("Cannot poll").contains("within 1 s");
        assertThat(run.stderr()).as("a silent STS is named, not passed over")
                .contains("warning: STS did not say whose credentials these are")
                .contains("Decisions are recorded without the AWS principal");
        assertThat(run.elapsed()).isLessThan(OPEN.plus(Duration.ofSeconds(3)).plus(ONE_RECEIVE).plus(SLACK));
    }

    @Test
    void manySilentQueuesCostOneReceiveDeadlineEach() {
        // Before: 90 s and more per queue. Now each receive ends at its deadline and the poll reports the failure.
        Run run = pending(8, "--wait", "1");

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
        assertThat(run.stderr()).contains("Cannot poll").contains("callbacks-7").contains("within 1 s");
        Duration bound = OPEN.plus(Duration.ofSeconds(1)).plus(ONE_RECEIVE.multipliedBy(9)).plus(SLACK);
        assertThat(run.elapsed()).isLessThan(bound);
    }

    @Test
    void aPollThatOutlastsItsAllowanceIsGivenUpOn() {
        // SQS answers receives but never GetQueueAttributes: each queue's redrive read waits out 3 attempts of 1 s, so
        // a poll of 4 queues would take about 18 s; the command stops waiting at 5 receive deadlines (10 s).
        try (EmbeddedSqs elasticMq = EmbeddedSqs.start(0, "us-east-2");
             FaultProxy sqs = FaultProxy.start(elasticMq.endpoint()).always("GetQueueAttributes", FaultProxy.Fault.HANG);
             AwsClientFactory clients = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2",
                     List.of(), elasticMq.endpoint(), null, null));
             SqsClient direct = clients.sqs()) {
            List<String> queues = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "slow-" + i;
                queues.add(direct.createQueue(b -> b.queueName(name)).queueUrl());
            }

            Run run = pending(sqs, queues, "--wait", "0");

            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.AWS_UNREACHABLE);
            assertThat(run.stderr()).contains("Cannot poll: SQS gave no answer within 10 s (--wait 0 plus 10 s for a poll)");
            // Closing waits for the poller (up to 5 s) while its redrive read in flight runs out (3.5 s).
            Duration bound = OPEN.plus(Duration.ofSeconds(10)).plus(Duration.ofMillis(8500)).plus(SLACK);
            assertThat(run.elapsed()).as("open + allowance + the poller's close").isLessThan(bound.plus(SLACK));
        }
    }
}
