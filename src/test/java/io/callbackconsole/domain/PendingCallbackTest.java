package io.callbackconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingCallbackTest {
    static final PipelineExecutionArn ARN =
            PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/abc");
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static CallbackMessage message(String token, CallbackStatus status) {
        return new CallbackMessage(CallbackToken.of(token), ARN, status, status.wireValue(), "{}", "");
    }

    static QueueMessage queued(String id, String handle, int receiveCount, Instant sentAt) {
        return new QueueMessage("http://127.0.0.1:1/000000000000/q", id, handle, "{}", sentAt, sentAt.plusSeconds(1),
                receiveCount);
    }

    @Test
    void aRepeatDeliveryRefreshesTheHandleInsteadOfAddingAMessage() {
        PendingCallback first = PendingCallback.of(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", "h1", 1, T0));
        PendingCallback merged = first.merge(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", "h2", 2, T0));
        assertThat(merged.messages()).hasSize(1);
        assertThat(merged.messages().get(0).receiptHandle()).isEqualTo("h2");
        assertThat(merged.receiveCount()).isEqualTo(2);
    }

    @Test
    void aStoppingMessageJoinsItsTokenAndMarksTheStopRequest() {
        PendingCallback executing = PendingCallback.of(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", "h1", 1, T0));
        PendingCallback stopping = executing.merge(message("Aa1Bb2Cc3D", CallbackStatus.STOPPING),
                queued("m2", "h2", 1, T0.plusSeconds(60)));
        assertThat(stopping.messages()).extracting(QueueMessage::messageId).containsExactly("m1", "m2");
        assertThat(stopping.stopRequested()).isTrue();
        assertThat(stopping.firstSentAt()).isEqualTo(T0);
        // A late repeat of the Executing message does not undo the stop request.
        PendingCallback repeat = stopping.merge(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", "h3", 2, T0));
        assertThat(repeat.stopRequested()).isTrue();
        assertThat(repeat.messages()).hasSize(2);
    }

    @Test
    void messagesOfAnotherTokenDoNotMerge() {
        PendingCallback callback = PendingCallback.of(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", "h1", 1, T0));
        assertThatThrownBy(() -> callback.merge(message("Zz9Yy8Xx7W", CallbackStatus.EXECUTING), queued("m2", "h2", 1, T0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
