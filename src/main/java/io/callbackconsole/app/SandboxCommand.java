package io.callbackconsole.app;

import io.callbackconsole.cli.CommandFailure;
import io.callbackconsole.cli.ConnectionOptions;
import io.callbackconsole.cli.ExitCodes;
import io.callbackconsole.cli.TerminalWords;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.sandbox.SageMakerSimulatorException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the sandbox alone, with no GUI, until interrupted, so other programs (the AWS CLI, a Lambda) can use it; with
 * {@code --pipeline} it also runs a team's own pipeline definitions. In {@code app}: starting the sandbox is the
 * launcher's choice.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true)
public final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--sqs-port", paramLabel = "N")
    int sqsPort = 0;

    @Option(names = "--sagemaker-port", paramLabel = "M")
    int sageMakerPort = 0;

    @Option(names = "--no-seed")
    boolean noSeed;

    @Option(names = "--pipeline", paramLabel = "[NAME=]FILE")
    List<String> pipelines = new ArrayList<>();

    @Option(names = "--start", paramLabel = "N")
    int start = 1;

    @Option(names = "--step-time", paramLabel = "DURATION", converter = ConnectionOptions.DurationFlag.class)
    Duration stepTime = Duration.ZERO;

    @Option(names = "--fail-step", paramLabel = "STEP")
    List<String> failSteps = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** A {@code --pipeline} argument, read. */
    record PipelineFile(String name, Path file) {
        static PipelineFile parse(String argument) {
            int equals = argument.indexOf('=');
            Path file = Path.of(equals < 0 ? argument : argument.substring(equals + 1));
            String name = equals < 0 ? file.getFileName().toString().replaceFirst("\\.json$", "")
                    : argument.substring(0, equals);
            return new PipelineFile(name, file);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (start < 0 || start > 100) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("sandbox.start", start));
        }
        List<PipelineFile> files = pipelines.stream().map(PipelineFile::parse).toList();
        Map<PipelineFile, String> definitions = new java.util.LinkedHashMap<>();
        for (PipelineFile pipeline : files) {
            definitions.put(pipeline, read(pipeline.file()));
        }
        PrintWriter out = spec.commandLine().getOut();
        Sandbox sandbox = Sandbox.start(new SandboxOptions(sqsPort, sageMakerPort, !noSeed));
        try {
            sandbox.simulator().rehearsal().noOpStepsTake(stepTime);
            failSteps.forEach(step -> sandbox.simulator().rehearsal().failStepsNamed(step,
                    "Rehearsed failure (sandbox --fail-step " + step + ")"));
            definitions.forEach((pipeline, json) -> load(sandbox, pipeline, json, out));
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        out.println("SQS endpoint: " + sandbox.sqsEndpoint());
        out.println("SageMaker endpoint: " + sandbox.sageMakerEndpoint());
        out.println("STS endpoint: " + sandbox.stsEndpoint());
        out.println("IAM endpoint: " + sandbox.iamEndpoint());
        for (String queueUrl : sandbox.queueUrls()) {
            out.println("Queue: " + queueUrl);
        }
        out.println("Sandbox ready");
        out.flush();
        stopped.await();
        return 0;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("sandbox.cannotRead", file, e));
        }
    }

    /** Registers one definition and starts its executions; a definition AWS would refuse is refused here too. */
    private void load(Sandbox sandbox, PipelineFile pipeline, String json, PrintWriter out) {
        try {
            sandbox.simulator().registerPipeline(pipeline.name(), json, "Loaded from " + pipeline.file());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("sandbox.notLoaded", pipeline.file(),
                    DisplayText.escape(e.getMessage())));
        }
        for (int i = 0; i < start; i++) {
            try {
                sandbox.simulator().startExecution(pipeline.name(), Map.of());
            } catch (SageMakerSimulatorException e) {
                throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("sandbox.cannotStart", pipeline.name(),
                        pipeline.file(), DisplayText.escape(e.getMessage())));
            }
        }
        out.println("Pipeline: " + pipeline.name() + " from " + pipeline.file() + " (" + start + " execution"
                + (start == 1 ? "" : "s") + " started)");
    }
}
