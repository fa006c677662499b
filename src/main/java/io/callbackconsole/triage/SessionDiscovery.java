package io.callbackconsole.triage;

import io.callbackconsole.aws.SageMakerPipelineReader;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * What one session finds by asking SageMaker rather than SQS: callback steps still waiting (Find waiting) and the
 * queues the pipelines' callback steps send to. Its methods block.
 */
public final class SessionDiscovery {
    private final WaitingCallbackDiscovery discovery;
    private final SageMakerPipelineReader reader;
    private final PendingFeed pending;

    SessionDiscovery(WaitingCallbackDiscovery discovery, SageMakerPipelineReader reader, PendingFeed pending) {
        this.discovery = discovery;
        this.reader = reader;
        this.pending = pending;
    }

    /**
     * Blocking: scans SageMaker for waiting callback steps created within {@code window}; tokens never seen on SQS
     * join the pending set, and a poll follows so they get their context.
     */
    public WaitingCallbackDiscovery.Result findWaitingCallbacks(Duration window,
                                                               Consumer<WaitingCallbackDiscovery.Progress> progress,
                                                               BooleanSupplier cancelled) {
        WaitingCallbackDiscovery.Result result = discovery.scan(window, progress, cancelled);
        pending.publish();
        pending.pollNow();
        return result;
    }

    /** Blocking: the queues the pipelines' callback steps send to, from their definitions. */
    public List<String> discoverQueueUrls() {
        return CallbackQueueDiscovery.queueUrls(reader);
    }
}
