package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackStatus;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.QueueMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingCallbackSetTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static CallbackMessage message(String token, CallbackStatus status) {
        return new CallbackMessage(CallbackToken.of(token),
                PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/" + token.toLowerCase()),
                status, status.wireValue(), "{}", "");
    }

    static QueueMessage queued(String id, int receiveCount, Instant sentAt) {
        return new QueueMessage("http://127.0.0.1:1/000000000000/q", id, "handle-" + id + "-" + receiveCount, "{}",
                sentAt, sentAt.plusSeconds(1), receiveCount);
    }

    @Test
    void duplicatesOfATokenCollapseToOneRow() {
        PendingCallbackSet set = new PendingCallbackSet();
        set.accept(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", 1, T0));
        set.accept(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", 2, T0));
        set.accept(message("Aa1Bb2Cc3D", CallbackStatus.STOPPING), queued("m2", 1, T0.plusSeconds(5)));
        PendingSnapshot snapshot = set.snapshot(PollState.starting(1), T0);
        assertThat(snapshot.pending()).hasSize(1);
        PendingCallback only = snapshot.pending().get(0);
        assertThat(only.stopRequested()).isTrue();
        assertThat(only.messages()).hasSize(2);
        assertThat(set.heldMessages()).hasSize(2);
    }

    @Test
    void theLongestWaitingTokenComesFirst() {
        PendingCallbackSet set = new PendingCallbackSet();
        set.accept(message("Bbbbbbbbb2", CallbackStatus.EXECUTING), queued("m2", 1, T0.plusSeconds(60)));
        set.accept(message("Aaaaaaaaa1", CallbackStatus.EXECUTING), queued("m1", 1, T0));
        assertThat(set.snapshot(PollState.starting(1), T0).pending())
                .extracting(p -> p.token().value()).containsExactly("Aaaaaaaaa1", "Bbbbbbbbb2");
    }

    /** A token's age is its earliest message, wherever that sits; equal ages fall back on the token. */
    @Test
    void tokensAreOrderedByTheirEarliestMessageThenByToken() {
        PendingCallbackSet set = new PendingCallbackSet();
        set.accept(message("Ccccccccc3", CallbackStatus.EXECUTING), queued("m3", 1, T0.plusSeconds(30)));
        set.accept(message("Bbbbbbbbb2", CallbackStatus.EXECUTING), queued("m2", 1, T0.plusSeconds(60)));
        set.accept(message("Aaaaaaaaa1", CallbackStatus.EXECUTING), queued("m1", 1, T0.plusSeconds(30)));
        // A duplicate of B sent earlier than any other message, received last.
        set.accept(message("Bbbbbbbbb2", CallbackStatus.EXECUTING), queued("m2-again", 1, T0));
        assertThat(set.snapshot(PollState.starting(1), T0).pending())
                .extracting(p -> p.token().value()).containsExactly("Bbbbbbbbb2", "Aaaaaaaaa1", "Ccccccccc3");
    }

    @Test
    void aQuarantinedMessageIsKeptOnceWithItsFirstReason() {
        PendingCallbackSet set = new PendingCallbackSet();
        set.quarantine(queued("bad", 1, T0), "not JSON");
        set.quarantine(queued("bad", 2, T0), "not JSON");
        PendingSnapshot snapshot = set.snapshot(PollState.starting(1), T0);
        assertThat(snapshot.quarantined()).hasSize(1);
        assertThat(snapshot.quarantined().get(0).message().receiveCount()).isEqualTo(2);
        assertThat(snapshot.quarantined().get(0).reason()).isEqualTo("not JSON");
    }

    @Test
    void aRemovedTokenLeavesTheSnapshot() {
        PendingCallbackSet set = new PendingCallbackSet();
        set.accept(message("Aa1Bb2Cc3D", CallbackStatus.EXECUTING), queued("m1", 1, T0));
        assertThat(set.remove(CallbackToken.of("Aa1Bb2Cc3D"))).isPresent();
        assertThat(set.snapshot(PollState.starting(1), T0).pending()).isEmpty();
        assertThat(set.remove(CallbackToken.of("Aa1Bb2Cc3D"))).isEmpty();
    }
}
