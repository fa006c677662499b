package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.callbackconsole.app.CallbackConsole"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
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
            List<String> queues = lines.stream().filter(l -> l.startsWith("Queue: ")).map(l -> l.substring(7)).toList();
            assertThat(queues).hasSize(3).allSatisfy(q -> assertThat(q).startsWith(lines.get(0).substring(14)));
            assertThat(lines).hasSize(3 + queues.size() + 1);

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
}
