package io.callbackconsole.triage;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Submission;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decisions on this connection that were sent (or may have been) without a known answer, by token: loaded from
 * the history when the session opens and kept up to date by {@link DecisionProtocol}. A token here is never claimed
 * by a new decision; only the same decision, with its own request token, is sent again. Thread-safe.
 */
final class UnsettledDecisions {

    /** @param outputs the output parameters of an approval; null for other decisions */
    record Unsettled(Submission submission, OutputParameters outputs) {
        Unsettled {
            Objects.requireNonNull(submission, "submission");
            if (submission.action() == Action.APPROVE) {
                Objects.requireNonNull(outputs, "an approval is repeated with its outputs");
            }
        }

        CallbackToken token() {
            return submission.token();
        }
    }

    private final Map<CallbackToken, Unsettled> byToken = new ConcurrentHashMap<>();

    Optional<Unsettled> of(CallbackToken token) {
        return Optional.ofNullable(byToken.get(token));
    }

    void remember(Unsettled unsettled) {
        byToken.put(unsettled.token(), unsettled);
    }

    /** Forgets the token's unsettled decision, but only if it is still this one (a newer one is kept). */
    void settled(Submission submission) {
        byToken.computeIfPresent(submission.token(),
                (token, current) -> current.submission().requestToken().equals(submission.requestToken())
                        ? null : current);
    }

    void forget(CallbackToken token) {
        byToken.remove(token);
    }

    Set<CallbackToken> tokens() {
        return Set.copyOf(byToken.keySet());
    }

    int size() {
        return byToken.size();
    }
}
