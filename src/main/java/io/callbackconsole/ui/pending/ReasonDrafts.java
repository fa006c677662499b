package io.callbackconsole.ui.pending;

import java.util.HashMap;
import java.util.Map;

/**
 * The reasons typed and not yet sent, one per token: selecting another row shows that row's own draft, so a reason
 * never moves from the token it was typed for to another. Belongs to one connection. FX thread only.
 */
final class ReasonDrafts {
    private final Map<String, String> byToken = new HashMap<>();

    /** The draft typed for the token; empty when none. */
    String of(String token) {
        return byToken.getOrDefault(token, "");
    }

    /** Keeps what is typed for the token; a blank draft is no draft. */
    void keep(String token, String text) {
        if (text == null || text.isBlank()) {
            byToken.remove(token);
        } else {
            byToken.put(token, text);
        }
    }

    /** The token's decision was made (or its row left for good): its draft goes. */
    void forget(String token) {
        byToken.remove(token);
    }

    /** Another connection: no draft of this one's tokens may stay. */
    void clear() {
        byToken.clear();
    }
}
