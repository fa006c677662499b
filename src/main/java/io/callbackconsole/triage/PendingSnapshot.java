package io.callbackconsole.triage;

import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.QuarantinedMessage;
import java.time.Instant;
import java.util.List;

/** Everything the views show of the inbox at one moment; immutable, published once per poll tick. */
public record PendingSnapshot(
        List<PendingCallback> pending,
        List<QuarantinedMessage> quarantined,
        PollState pollState,
        Instant takenAt) {

    public PendingSnapshot {
        pending = List.copyOf(pending);
        quarantined = List.copyOf(quarantined);
    }
}
