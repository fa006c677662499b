package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decisions other consoles sharing this session's history journal on its connection, caught up by the last seq
 * seen: a token whose decision another console journaled and has not settled is being decided by that operator
 * (this console refuses to decide it meanwhile), and one settled there is settled here too. Decisions this session
 * journaled itself are left to the protocol. Catch-up is blocking and runs on the team history's listener thread;
 * the look-ups are for any thread. Thread-safe.
 */
final class OtherConsolesDecisions {
    private static final Logger log = LoggerFactory.getLogger(OtherConsolesDecisions.class);
    /**
     * Decisions read per catch-up at most: a gap longer than this (a console asleep for days on a busy history) takes
     * in only the oldest; the History tab reads the history itself, and a token answered elsewhere still leaves
     * Pending through the poller's answered check.
     */
    static final int CATCH_UP_LIMIT = 50_000;

    /** What one catch-up found: whether the history has new rows, and the decisions other consoles settled. */
    record CaughtUp(boolean newRows, List<HistoryEntry> settled) {
        static final CaughtUp NOTHING = new CaughtUp(false, List.of());
    }

    private final HistoryStore history;
    private final ConnectionId connection;
    private final Set<ClientRequestToken> journaledHere = ConcurrentHashMap.newKeySet();
    private final Map<CallbackToken, Submission> underWay = new ConcurrentHashMap<>();
    private long seenUpTo;

    OtherConsolesDecisions(HistoryStore history, ConnectionId connection) {
        this.history = Objects.requireNonNull(history, "history");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Blocking: starts from the history's head; what was unsettled before is the protocol's (taken up at open). */
    synchronized void startFromHead() {
        seenUpTo = history.head().seq();
    }

    /** This session journaled (or is about to journal) the decision: its rows are not another console's. */
    void journaledHere(Submission submission) {
        journaledHere.add(submission.requestToken());
    }

    /** The decision another console journaled on the token and has not settled, if any. */
    Optional<Submission> underWay(CallbackToken token) {
        return Optional.ofNullable(underWay.get(token));
    }

    /** A decision refused inside the history's transaction because another console journaled one first. */
    void refusedFor(Submission first) {
        if (!journaledHere.contains(first.requestToken())) {
            underWay.put(first.token(), first);
        }
    }

    /** The tokens being decided elsewhere, with the operator deciding each. */
    Map<CallbackToken, String> operatorsByToken() {
        return underWay.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().operator().name()));
    }

    /**
     * Blocking: reads every decision with a row after the last seq seen and takes in those of other consoles on this
     * connection. Safe to repeat: a row read twice changes nothing.
     */
    synchronized CaughtUp catchUp() {
        long head = history.head().seq();
        if (head <= seenUpTo) {
            return CaughtUp.NOTHING;
        }
        List<HistoryEntry> entries = history.decisionsWithRowsAfter(seenUpTo, CATCH_UP_LIMIT);
        if (entries.size() == CATCH_UP_LIMIT) {
            log.warn("{} decisions were written to the history since row {}; only the oldest are taken in",
                    entries.size(), seenUpTo);
        }
        seenUpTo = head;
        List<HistoryEntry> settled = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            Submission submission = entry.submission();
            if (journaledHere.contains(submission.requestToken()) || !connection.equals(submission.connection())) {
                continue;
            }
            if (unsettled(entry)) {
                underWay.put(submission.token(), submission);
            } else {
                underWay.computeIfPresent(submission.token(), (token, current) ->
                        current.requestToken().equals(submission.requestToken()) ? null : current);
                settled.add(entry);
            }
        }
        return new CaughtUp(true, List.copyOf(settled));
    }

    /** As the history counts it: no outcome, or an UNKNOWN one that does not record someone giving up. */
    private static boolean unsettled(HistoryEntry entry) {
        return entry.outcome() == null || entry.outcome() instanceof Outcome.Unknown unknown
                && !DecisionProtocol.GAVE_UP.equals(unknown.errorCode());
    }
}
