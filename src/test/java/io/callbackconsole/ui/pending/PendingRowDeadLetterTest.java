package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QueueMessage;
import io.callbackconsole.triage.CallbackContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The receive count against the queue's redrive limit, as the table shows it. */
class PendingRowDeadLetterTest {
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    static PendingRow row(int receiveCount, int maxReceiveCount) {
        String body = "{\"token\":\"Dlq0000001\",\"pipelineExecutionArn\":\"arn:aws:sagemaker:us-east-2:000000000000:"
                + "pipeline/p/execution/e1\",\"arguments\":{},\"status\":\"Executing\"}";
        var message = ((ParsedMessage.Valid) new CallbackMessageParser().parse(body)).message();
        QueueMessage queued = new QueueMessage("http://q/000000000000/q", "id", "rh", body, NOW, NOW, receiveCount);
        return new PendingRow(PendingCallback.of(message, queued), NOW, CallbackContext.notLookedUp(), maxReceiveCount);
    }

    @Test
    void withoutARedrivePolicyThereIsNoWarning() {
        assertThat(row(40, 0).receivesText()).isEqualTo("40");
        assertThat(row(40, 0).nearDeadLetter()).isFalse();
        assertThat(row(40, 0).deadLetterWarning()).isEmpty();
    }

    @Test
    void warnsInTheLastFifthOfTheLimitAndAtLeastOneReceiveBefore() {
        assertThat(row(3, 5).receivesText()).isEqualTo("3 of 5");
        assertThat(row(3, 5).nearDeadLetter()).isFalse();
        assertThat(row(4, 5).nearDeadLetter()).isTrue();
        assertThat(row(4, 5).deadLetterWarning()).contains("4 of 5").contains("after 1 more receive");
        assertThat(row(7, 10).nearDeadLetter()).isFalse();
        assertThat(row(8, 10).nearDeadLetter()).isTrue();
        assertThat(row(1, 1).nearDeadLetter()).isTrue();
    }
}
