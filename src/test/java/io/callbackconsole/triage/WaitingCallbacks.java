package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.sandbox.Sandbox;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Starts sandbox executions and polls a session until it holds each one's callback: the tests' common set-up. */
final class WaitingCallbacks {
    private WaitingCallbacks() {
    }

    /** Starts {@code count} executions of {@code manual-approval} and polls until the session holds every token. */
    static List<CallbackToken> start(Sandbox sandbox, ConsoleSession session, int count) {
        return held(sandbox, session, count).stream().map(PendingCallback::token).toList();
    }

    /** As {@link #start}, one execution, with its message. */
    static PendingCallback startOne(Sandbox sandbox, ConsoleSession session) {
        return held(sandbox, session, 1).get(0);
    }

    private static List<PendingCallback> held(Sandbox sandbox, ConsoleSession session, int count) {
        Set<String> executions = new HashSet<>();
        for (int i = 0; i < count; i++) {
            executions.add(sandbox.simulator().startExecution("manual-approval", Map.of()));
        }
        List<PendingCallback> held = List.of();
        for (int poll = 0; poll < 200 && held.size() < count; poll++) {
            held = session.pending().pollOnce().pending().stream()
                    .filter(p -> executions.contains(p.executionArn().value())).toList();
        }
        assertThat(held).as("the callbacks of %s", executions).hasSize(count);
        return held;
    }
}
