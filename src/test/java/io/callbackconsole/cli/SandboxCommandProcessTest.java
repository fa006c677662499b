package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.testing.ConsoleProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Runs the launcher as its own process, as another program would, and uses the sandbox it prints. */
class SandboxCommandProcessTest {
    @TempDir
    Path home;

    static ProcessBuilder launcher(String... args) {
        return ConsoleProcess.console(args).processBuilder();
    }

    @Test
    void sandboxPrintsItsEndpointsAndQueuesThenServesThem() throws Exception {
        Process process = launcher("sandbox", "--sqs-port", "0", "--sagemaker-port", "0")
                .redirectError(home.resolve("stderr.txt").toFile()).start();
        try {
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.equals("Sandbox ready")) {
                        break;
                    }
                }
            }
            assertThat(lines).last().isEqualTo("Sandbox ready");
            assertThat(lines.get(0)).matches("SQS endpoint: http://127\\.0\\.0\\.1:\\d+");
            assertThat(lines.get(1)).matches("SageMaker endpoint: http://127\\.0\\.0\\.1:\\d+");
            assertThat(lines.get(2)).matches("STS endpoint: http://127\\.0\\.0\\.1:\\d+");
            assertThat(lines.get(3)).matches("IAM endpoint: http://127\\.0\\.0\\.1:\\d+");
            List<String> queues = lines.stream().filter(l -> l.startsWith("Queue: ")).map(l -> l.substring(7)).toList();
            assertThat(queues).hasSize(3).allSatisfy(q -> assertThat(q).startsWith(lines.get(0).substring(14)));
            assertThat(lines).hasSize(4 + queues.size() + 1);

            URI sqsEndpoint = URI.create(lines.get(0).substring("SQS endpoint: ".length()));
            URI sageMakerEndpoint = URI.create(lines.get(1).substring("SageMaker endpoint: ".length()));
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));
            try (SqsClient sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_2)
                    .credentialsProvider(credentials).build();
                 SageMakerClient sageMaker = SageMakerClient.builder().endpointOverride(sageMakerEndpoint)
                         .region(Region.US_EAST_2).credentialsProvider(credentials).build()) {
                var received = sqs.receiveMessage(b -> b.queueUrl(queues.get(0)).maxNumberOfMessages(10));
                assertThat(received.messages()).isNotEmpty();
                assertThat(received.messages().get(0).body()).contains("\"status\":\"Executing\"");
                assertThat(sageMaker.listPipelines(b -> { }).pipelineSummaries()).isNotEmpty();
            }
            // What --endpoint-iam takes: the account alias the header shows.
            URI iamEndpoint = URI.create(lines.get(3).substring("IAM endpoint: ".length()));
            try (var iam = software.amazon.awssdk.services.iam.IamClient.builder().endpointOverride(iamEndpoint)
                    .region(Region.AWS_GLOBAL).credentialsProvider(credentials).build()) {
                assertThat(iam.listAccountAliases().accountAliases()).containsExactly("callback-sandbox");
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the sandbox stops when interrupted").isTrue();
        }
    }

    @Test
    void versionAndHelpNameTheProgram() throws Exception {
        Process version = launcher("--version").redirectErrorStream(true).start();
        assertThat(version.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("Callback Console ");
        assertThat(version.exitValue()).isZero();

        Process help = launcher("sandbox", "--help").redirectErrorStream(true).start();
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--sqs-port").contains("--sagemaker-port");
    }

    /** Reads the sandbox's output up to "Sandbox ready" (or its end, when it exits first). */
    static List<String> linesUntilReady(Process process) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.equals("Sandbox ready")) {
                    break;
                }
            }
        }
        return lines;
    }

    @Test
    void aTeamsOwnDefinitionRunsWithItsCallbackQueue() throws Exception {
        Path definition = home.resolve("review-then-release.json");
        try (var in = getClass().getResourceAsStream("/pipelines/review-then-release.json")) {
            java.nio.file.Files.write(definition, in.readAllBytes());
        }
        Process process = launcher("sandbox", "--no-seed", "--pipeline", "churn=" + definition, "--start", "2")
                .redirectError(home.resolve("stderr.txt").toFile()).start();
        try {
            List<String> lines = linesUntilReady(process);
            assertThat(lines).last().isEqualTo("Sandbox ready");
            assertThat(lines).contains("Pipeline: churn from " + definition + " (2 executions started)");
            String sqsEndpoint = lines.stream().filter(l -> l.startsWith("SQS endpoint: ")).findFirst().orElseThrow()
                    .substring("SQS endpoint: ".length());
            String reviewQueue = lines.stream().filter(l -> l.startsWith("Queue: ") && l.endsWith("/model-review"))
                    .findFirst().orElseThrow().substring("Queue: ".length());
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));
            try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(sqsEndpoint)).region(Region.US_EAST_2)
                    .credentialsProvider(credentials).build()) {
                List<String> bodies = new ArrayList<>();
                for (int i = 0; i < 10 && bodies.size() < 2; i++) {
                    sqs.receiveMessage(b -> b.queueUrl(reviewQueue).maxNumberOfMessages(10).waitTimeSeconds(1))
                            .messages().forEach(m -> bodies.add(m.body()));
                }
                assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(body).contains(":pipeline/churn/execution/")
                        .contains("\"dataset\":\"s3://example-bucket/churn/input.csv\""));
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDefinitionAwsWouldRefuseIsNotLoadedAndTheSandboxSaysWhereItIsWrong() throws Exception {
        Path definition = home.resolve("broken.json");
        java.nio.file.Files.writeString(definition, """
                {"Steps": [{"Name": "A", "Type": "Processing", "Arguments": {"x": {"Get": "Parameters.Missing"}}}]}""");
        Process process = launcher("sandbox", "--no-seed", "--pipeline", definition.toString())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(output).contains("The pipeline file " + definition + " was not loaded")
                .contains("Steps[0].Arguments.x reads parameter 'Missing'");
        assertThat(output.lines()).as("the sandbox never says it is ready").doesNotContain("Sandbox ready");

        Process missing = launcher("sandbox", "--pipeline", home.resolve("absent.json").toString())
                .redirectErrorStream(true).start();
        assertThat(missing.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(missing.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Cannot read the pipeline file");
        assertThat(missing.exitValue()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
