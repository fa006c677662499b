package io.callbackconsole.cli;

import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the sandbox alone, with no GUI, until interrupted, so other programs (the AWS CLI, a Lambda) can use it. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Run the sandbox (ElasticMQ + SageMaker Pipelines simulator) on 127.0.0.1 until interrupted.",
                "Prints its endpoints and queue URLs, then 'Sandbox ready'."})
public final class SandboxCommand implements Callable<Integer> {
    @Option(names = "--sqs-port", paramLabel = "N", description = "SQS (ElasticMQ) port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int sqsPort = 0;

    @Option(names = "--sagemaker-port", paramLabel = "M", description = "SageMaker simulator port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int sageMakerPort = 0;

    @Option(names = "--no-seed", description = "Start no sample executions.")
    boolean noSeed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Sandbox sandbox = Sandbox.start(new SandboxOptions(sqsPort, sageMakerPort, !noSeed));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        out.println("SQS endpoint: " + sandbox.sqsEndpoint());
        out.println("SageMaker endpoint: " + sandbox.sageMakerEndpoint());
        out.println("STS endpoint: " + sandbox.stsEndpoint());
        for (String queueUrl : sandbox.queueUrls()) {
            out.println("Queue: " + queueUrl);
        }
        out.println("Sandbox ready");
        out.flush();
        stopped.await();
        return 0;
    }
}
