package io.callbackconsole.aws;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Not a test: how long one submission takes to give up on a SageMaker endpoint that accepts connections and never
 * answers, with today's deadlines ({@code after}, the default) or the former ones ({@code before}: 30 s per attempt,
 * 4 attempts, 90 s in all). Run with the test class path:
 * {@code java -cp ... io.callbackconsole.aws.HangingEndpointMeasurement before|after}.
 */
public final class HangingEndpointMeasurement {
    /** The limits ClientTuning.DEFAULT had before deadlines were made explicit per service. */
    static final ClientTuning FORMER = new ClientTuning(Duration.ofSeconds(5),
            new CallDeadline(Duration.ofSeconds(30), 4, Duration.ofSeconds(90)), ClientTuning.SQS_DEFAULT,
            ClientTuning.STS_DEFAULT, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));

    public static void main(String[] args) {
        boolean before = args.length > 0 && args[0].equals("before");
        ClientTuning tuning = before ? FORMER : ClientTuning.DEFAULT;
        try (FaultProxy silent = FaultProxy.start(URI.create("http://127.0.0.1:9")).always(FaultProxy.Fault.HANG);
             AwsClientFactory clients = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2",
                     List.of(), null, silent.endpoint(), null), tuning);
             SageMakerClient sageMaker = clients.sageMaker()) {
            SageMakerCallbackGateway gateway = new SageMakerCallbackGateway(sageMaker, new AwsErrorExplainer());
            Submission submission = Submission.fail(CallbackToken.of("26vcYbeWsZ"), PipelineExecutionArn.of(
                    "arn:aws:sagemaker:us-east-2:000000000000:pipeline/p/execution/measureexec1"),
                    FailureReason.of("measurement"), new Operator("measure"), ConnectionId.sandbox(), Instant.now());
            long started = System.nanoTime();
            Outcome outcome = gateway.sendFailure(submission);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("%s: deadline %s; gave up after %.1f s with %s after %d attempt(s) reached the endpoint%n",
                    before ? "before" : "after", tuning.sageMaker().describe(), elapsed.toMillis() / 1000.0,
                    outcome instanceof Outcome.Unknown u ? "UNKNOWN " + u.errorCode() : outcome,
                    silent.handled().size());
        }
    }
}
