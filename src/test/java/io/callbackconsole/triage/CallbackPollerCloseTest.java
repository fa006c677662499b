package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.sandbox.Sandbox;
import io.callbackconsole.sandbox.SandboxOptions;
import io.callbackconsole.testing.FaultProxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A console closed (a connection switched, the window shut) while a receive's answer is on its way: SQS has already
 * leased what that answer brings, so the poller waits for it and hands it back, rather than abandoning it and leaving
 * the messages hidden from every console for the whole visibility timeout.
 */
class CallbackPollerCloseTest {

    @Test
    void aReceiveUnderWayWhenThePollerClosesHasItsMessagesHandedBackAtOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, false));
             FaultProxy proxy = FaultProxy.start(sandbox.sqsEndpoint()).lateBy(Duration.ofMillis(1500))
                     .always("ReceiveMessage", FaultProxy.Fault.APPLY_THEN_LATE);
             SqsClient throughProxy = SqsClient.builder().endpointOverride(proxy.endpoint())
                     .region(Region.of(sandbox.region()))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                     .build()) {
            String queueUrl = sandbox.sqs().createQueue(b -> b.queueName("closing")).queueUrl();
            sandbox.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"token\": \"Clos3dWh1l\", "
                    + "\"pipelineExecutionArn\": \"arn:aws:sagemaker:us-east-2:123456789012:pipeline/p/execution/e1\", "
                    + "\"arguments\": {}}"));
            CallbackPoller poller = new CallbackPoller(new SqsCallbackInbox(throughProxy), new CallbackMessageParser(),
                    new AwsErrorExplainer(), new PendingCallbackSet(), token -> false, List.of(queueUrl),
                    new CallbackPoller.PollerSettings(Duration.ofMinutes(5), Duration.ofHours(1), 0),
                    Clock.systemUTC());
            try {
                poller.start();
                // SQS has answered the receive (the message is leased for 5 min); the proxy holds the answer back.
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (proxy.handled().stream().noneMatch(h -> h.target() != null
                        && h.target().endsWith("ReceiveMessage")) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(proxy.handled()).as("the receive reached SQS").isNotEmpty();
            } finally {
                poller.close();
            }

            List<Message> again = sandbox.sqs().receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(2))
                    .messages();
            assertThat(again).as("the message is visible again as soon as the poller closed").hasSize(1);
            assertThat(again.get(0).body()).contains("Clos3dWh1l");
        }
    }
}
