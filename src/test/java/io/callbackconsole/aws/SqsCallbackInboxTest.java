package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.sandbox.EmbeddedSqs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class SqsCallbackInboxTest {
    private static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");
    private static EmbeddedSqs server;
    private static AwsClientFactory factory;
    private static SqsClient sqs;

    private SqsCallbackInbox inbox;
    private String queueUrl;

    @BeforeAll
    static void startServer() {
        server = EmbeddedSqs.start(0, "us-east-2");
        factory = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2", List.of(), server.endpoint(),
                null, null));
        sqs = factory.sqs();
    }

    @AfterAll
    static void stopServer() {
        sqs.close();
        factory.close();
        server.close();
    }

    @BeforeEach
    void freshQueue(TestInfo test) {
        queueUrl = sqs.createQueue(b -> b.queueName(test.getTestMethod().orElseThrow().getName())).queueUrl();
        inbox = new SqsCallbackInbox(sqs, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String send(String body) {
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    @Test
    void receiveMapsBodyIdsTimestampsAndReceiveCount() {
        Instant before = Instant.now().minusSeconds(1);
        String id = send("{\"token\":\"Aa1Bb2Cc3D\"}");

        List<QueueMessage> received = inbox.receive(queueUrl, Duration.ofSeconds(30), 1);

        assertThat(received).hasSize(1);
        QueueMessage m = received.get(0);
        assertThat(m.messageId()).isEqualTo(id);
        assertThat(m.queueUrl()).isEqualTo(queueUrl);
        assertThat(m.body()).isEqualTo("{\"token\":\"Aa1Bb2Cc3D\"}");
        assertThat(m.receiptHandle()).isNotBlank();
        assertThat(m.receiveCount()).isEqualTo(1);
        assertThat(m.receivedAt()).isEqualTo(NOW);
        assertThat(m.sentAt()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aLeasedMessageIsNotReceivedAgainUntilReleased() {
        String id = send("body");
        QueueMessage first = inbox.receive(queueUrl, Duration.ofMinutes(5), 1).get(0);

        assertThat(inbox.receive(queueUrl, Duration.ofMinutes(5), 0)).isEmpty();

        inbox.release(first);
        List<QueueMessage> again = inbox.receive(queueUrl, Duration.ofMinutes(5), 1);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).messageId()).isEqualTo(id);
        assertThat(again.get(0).receiveCount()).isEqualTo(2);
        assertThat(again.get(0).receiptHandle()).isNotEqualTo(first.receiptHandle());
    }

    @Test
    void deletedMessageNeverComesBack() {
        send("body");
        QueueMessage m = inbox.receive(queueUrl, Duration.ofMinutes(5), 1).get(0);

        inbox.delete(m);

        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("All"))
                .attributesAsStrings())
                .containsEntry("ApproximateNumberOfMessages", "0")
                .containsEntry("ApproximateNumberOfMessagesNotVisible", "0");
    }

    @Test
    void extendKeepsHoldingAndShorteningToZeroReleases() {
        send("body");
        QueueMessage m = inbox.receive(queueUrl, Duration.ofSeconds(30), 1).get(0);

        inbox.extend(m, Duration.ofMinutes(10));
        assertThat(inbox.receive(queueUrl, Duration.ofMinutes(5), 0)).isEmpty();

        inbox.extend(m, Duration.ZERO);
        assertThat(inbox.receive(queueUrl, Duration.ofMinutes(5), 1)).hasSize(1);
    }

    @Test
    void receivesAtMostTenPerCall() {
        for (int i = 0; i < 15; i++) {
            send("m" + i);
        }
        Set<String> bodies = new HashSet<>();
        List<QueueMessage> first = inbox.receive(queueUrl, Duration.ofMinutes(5), 1);
        assertThat(first).hasSizeLessThanOrEqualTo(SqsCallbackInbox.MAX_MESSAGES_PER_RECEIVE).isNotEmpty();
        first.forEach(m -> bodies.add(m.body()));
        for (int i = 0; i < 10 && bodies.size() < 15; i++) {
            inbox.receive(queueUrl, Duration.ofMinutes(5), 0).forEach(m -> bodies.add(m.body()));
        }
        assertThat(bodies).hasSize(15);
    }

    @Test
    void missingQueueRaisesTheSdksException() {
        String missing = server.queueUrl("no-such-queue");
        assertThatThrownBy(() -> inbox.receive(missing, Duration.ofSeconds(30), 0))
                .isInstanceOf(QueueDoesNotExistException.class)
                .satisfies(e -> assertThat(new AwsErrorExplainer().explain(e).explanation()).contains("no such queue"));
    }

    @Test
    void deletingWithAForgedReceiptHandleRaisesAnSqsError() {
        QueueMessage forged = new QueueMessage(queueUrl, "id", "not-a-handle", "b", NOW, NOW, 1);
        assertThatThrownBy(() -> inbox.delete(forged)).isInstanceOf(SqsException.class);
    }

    @Test
    void deleteAllRemovesMoreThanOneBatchAndReportsOnlyTheMessagesSqsRefused() {
        for (int i = 0; i < 13; i++) {
            send("m" + i);
        }
        List<QueueMessage> held = new ArrayList<>();
        for (int i = 0; i < 20 && held.size() < 13; i++) {
            held.addAll(inbox.receive(queueUrl, Duration.ofMinutes(5), 0));
        }
        assertThat(held).hasSize(13);
        QueueMessage forged = new QueueMessage(queueUrl, "forged", "not-a-handle", "b", NOW, NOW, 1);
        held.add(4, forged); // in the first batch of 10, among good ones

        Map<QueueMessage, String> failed = inbox.deleteAll(held);

        assertThat(failed).containsOnlyKeys(forged);
        assertThat(failed.get(forged)).contains("ReceiptHandle");
        assertThat(inbox.receive(queueUrl, Duration.ofSeconds(30), 0)).as("every good message is gone").isEmpty();
    }

    @Test
    void outOfRangeArgumentsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> inbox.receive(queueUrl, Duration.ofSeconds(30), 21))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 20 seconds");
        assertThatThrownBy(() -> inbox.receive(queueUrl, Duration.ofHours(13), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12 hours");
        assertThatThrownBy(() -> inbox.receive(queueUrl, Duration.ofSeconds(-1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
