package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tokens a decision is being sent for right now, in this process: a token is claimed before its decision is
 * made and released once its outcome is known, so two threads (the window and a background retry, two bulk rows)
 * never send two decisions for one token at once. Thread-safe.
 */
final class TokenClaims {
    private final Set<CallbackToken> claimed = ConcurrentHashMap.newKeySet();

    /** True when the token was free and is now claimed by the caller, who must {@link #release} it. */
    boolean claim(CallbackToken token) {
        return claimed.add(token);
    }

    void release(CallbackToken token) {
        claimed.remove(token);
    }
}
