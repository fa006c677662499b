package io.callbackconsole.history;

import io.callbackconsole.domain.ClientRequestToken;
import java.util.List;
import java.util.Objects;

/**
 * A write transaction's COMMIT went unanswered: the connection broke after the COMMIT was sent, so the server may have
 * kept every row of the batch or none. Thrown by {@link JournalWriter} to the store, which finds out which
 * ({@link UnconfirmedIntents}); never past the store.
 */
final class CommitNotConfirmedException extends RuntimeException {
    private final transient RuntimeException failure;
    private final transient List<ClientRequestToken> intents;

    /**
     * @param failure the broken connection as the dialect translated it (its message is the operator's first sentence)
     * @param intents the request tokens of the batch's intents, in its order
     */
    CommitNotConfirmedException(RuntimeException failure, List<ClientRequestToken> intents) {
        super(failure.getMessage(), failure);
        this.failure = failure;
        this.intents = List.copyOf(Objects.requireNonNull(intents, "intents"));
    }

    RuntimeException failure() {
        return failure;
    }

    List<ClientRequestToken> intents() {
        return intents;
    }
}
