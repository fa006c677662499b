package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The AWS CLI (botocore's own parser, not the Java SDK) reads the simulator's answers. */
class AwsCliCompatibilityTest {
    private static final Path AWS_CLI = Path.of("/usr/bin/aws");

    @Test
    void theCliListsTheStepsOfAnExecutionWithItsCallbackToken() throws Exception {
        assumeTrue(Files.isExecutable(AWS_CLI),
                "/usr/bin/aws is not installed; install the Debian package 'awscli' to run this test");
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false))) {
            String arn = sandbox.simulator().startExecution("manual-approval", Map.of("Threshold", "0.6"));

            ProcessBuilder command = new ProcessBuilder(List.of(AWS_CLI.toString(),
                    "--endpoint-url", sandbox.sageMakerEndpoint().toString(), "--region", sandbox.region(),
                    "--output", "json", "sagemaker", "list-pipeline-execution-steps",
                    "--pipeline-execution-arn", arn));
            Map<String, String> env = command.environment();
            env.put("AWS_ACCESS_KEY_ID", "sandbox");
            env.put("AWS_SECRET_ACCESS_KEY", "sandbox");
            env.remove("AWS_SESSION_TOKEN");
            env.remove("AWS_PROFILE");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            // Keep the user's ~/.aws out of the way.
            env.put("AWS_CONFIG_FILE", "/dev/null");
            env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
            Process process = command.redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI finished").isTrue();

            assertThat(process.exitValue()).as(output).isZero();
            JsonNode steps = SandboxClients.parse(output).get("PipelineExecutionSteps");
            String token = tokenOf(sandbox, arn);
            assertThat(steps.get(0).get("StepName").asText()).isEqualTo("ManualReview");
            assertThat(steps.get(0).at("/Metadata/Callback/CallbackToken").asText()).isEqualTo(token);
            // With no config file the CLI prints timestamps as ISO 8601: it parsed our epoch seconds.
            assertThat(steps.get(0).get("StartTime").asText()).as(output).matches("\\d{4}-\\d{2}-\\d{2}T.*");
            assertThat(sandbox.simulator().callsTo("ListPipelineExecutionSteps")).singleElement()
                    .extracting(RecordedCall::httpStatus).isEqualTo(200);
        }
    }

    @Test
    void theCliStopsAnExecutionAndListsItsStoppingStep() throws Exception {
        assumeTrue(Files.isExecutable(AWS_CLI),
                "/usr/bin/aws is not installed; install the Debian package 'awscli' to run this test");
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false))) {
            String arn = sandbox.simulator().startExecution("manual-approval", Map.of());
            String stopped = cli(sandbox, "stop-pipeline-execution", "--pipeline-execution-arn", arn);
            assertThat(SandboxClients.parse(stopped).get("PipelineExecutionArn").asText()).isEqualTo(arn);

            JsonNode steps = SandboxClients.parse(cli(sandbox, "list-pipeline-execution-steps",
                    "--pipeline-execution-arn", arn)).get("PipelineExecutionSteps");
            assertThat(steps.get(0).get("StepName").asText()).isEqualTo("ManualReview");
            assertThat(steps.get(0).get("StepStatus").asText()).isEqualTo("Stopping");
            assertThat(steps.get(0).at("/Metadata/Callback/CallbackToken").asText())
                    .isEqualTo(sandbox.simulator().callbackToken(arn, "ManualReview"));
            JsonNode execution = SandboxClients.parse(cli(sandbox, "describe-pipeline-execution",
                    "--pipeline-execution-arn", arn));
            assertThat(execution.get("PipelineExecutionStatus").asText()).isEqualTo("Stopping");
            assertThat(execution.at("/CreatedBy/UserProfileName").asText()).isEqualTo("sandbox-user");
        }
    }

    /**
     * A team's own pipeline through the CLI, as a platform engineer would load it: create from a file, run, answer
     * the callback so the condition fails the run, retry it after an update, read the definition the run used, and
     * delete the pipeline. ({@code list-pipeline-versions} is newer than this CLI's botocore; the SDK test drives it.)
     */
    @Test
    void theCliCreatesRunsRetriesAndDeletesAPipelineOfItsOwn() throws Exception {
        assumeTrue(Files.isExecutable(AWS_CLI),
                "/usr/bin/aws is not installed; install the Debian package 'awscli' to run this test");
        Path definition = Files.createTempFile("review-then-release", ".json");
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
             InputStream in = getClass().getResourceAsStream("/pipelines/review-then-release.json")) {
            Files.write(definition, in.readAllBytes());
            String role = "arn:aws:iam::123456789012:role/SageMakerPipelineRole";
            String created = cli(sandbox, "create-pipeline", "--pipeline-name", "churn",
                    "--pipeline-definition", "file://" + definition, "--role-arn", role);
            assertThat(SandboxClients.parse(created).get("PipelineArn").asText()).endsWith(":pipeline/churn");

            String arn = SandboxClients.parse(cli(sandbox, "start-pipeline-execution", "--pipeline-name", "churn",
                    "--pipeline-parameters", "Name=MinScore,Value=0.9")).get("PipelineExecutionArn").asText();
            JsonNode review = SandboxClients.awaitCallbackMessage(sandbox.sqs(),
                    SandboxClients.queueNamed(sandbox, "model-review"), arn);
            cli(sandbox, "send-pipeline-execution-step-success", "--callback-token", review.get("token").asText(),
                    "--output-parameters", "Name=score,Value=0.85", "Name=reviewer,Value=cli");
            JsonNode failed = SandboxClients.parse(cli(sandbox, "describe-pipeline-execution",
                    "--pipeline-execution-arn", arn));
            assertThat(failed.get("PipelineExecutionStatus").asText()).isEqualTo("Failed");
            assertThat(failed.get("FailureReason").asText()).contains("Review score 0.85 is below 0.9");

            JsonNode updated = SandboxClients.parse(cli(sandbox, "update-pipeline", "--pipeline-name", "churn",
                    "--pipeline-description", "retried from the CLI"));
            assertThat(updated.get("PipelineArn").asText()).endsWith(":pipeline/churn");
            assertThat(SandboxClients.parse(cli(sandbox, "retry-pipeline-execution", "--pipeline-execution-arn", arn))
                    .get("PipelineExecutionArn").asText()).isEqualTo(arn);
            JsonNode ran = SandboxClients.parse(cli(sandbox, "describe-pipeline-definition-for-execution",
                    "--pipeline-execution-arn", arn));
            assertThat(ran.get("PipelineDefinition").asText()).contains("ScoreHighEnough");
            assertThat(ran.get("CreationTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
            // The retry ran the fail step again; it fails again on the same answer, and nothing runs any more.
            assertThat(SandboxClients.parse(cli(sandbox, "describe-pipeline-execution", "--pipeline-execution-arn",
                    arn)).get("PipelineExecutionStatus").asText()).isEqualTo("Failed");

            JsonNode deleted = SandboxClients.parse(cli(sandbox, "delete-pipeline", "--pipeline-name", "churn"));
            assertThat(deleted.get("PipelineArn").asText()).endsWith(":pipeline/churn");
            assertThat(SandboxClients.parse(cli(sandbox, "list-pipelines", "--pipeline-name-prefix", "churn"))
                    .get("PipelineSummaries")).isEmpty();
        } finally {
            Files.deleteIfExists(definition);
        }
    }

    /** Runs {@code aws sagemaker <args>} against the sandbox (the CLI generates the client request token itself). */
    private static String cli(Sandbox sandbox, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(AWS_CLI.toString(),
                "--endpoint-url", sandbox.sageMakerEndpoint().toString(), "--region", sandbox.region(),
                "--output", "json", "sagemaker"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "sandbox");
        env.put("AWS_SECRET_ACCESS_KEY", "sandbox");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** The token as the SQS message carries it, so the CLI's answer is checked against an independent source. */
    private static String tokenOf(Sandbox sandbox, String arn) throws IOException {
        return SandboxClients.awaitCallbackMessage(sandbox.sqs(), SandboxClients.queueNamed(sandbox, "manual-review"),
                arn).get("token").asText();
    }
}
