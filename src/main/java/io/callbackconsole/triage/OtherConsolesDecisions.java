package io.callbackconsole.triage;

import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.ChainHead;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.JournalBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
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

    /** The history's reads a catch-up makes: the store's own (a test counts them). */
    interface HistoryReads {
        long headSeq();

        List<HistoryEntry> decisionsWithRowsAfter(long seq, int limit);
    }

    private final HistoryReads history;
    private final ConnectionId connection;
    private final Set<ClientRequestToken> journaledHere = ConcurrentHashMap.newKeySet();
    private final Map<CallbackToken, Submission> underWay = new ConcurrentHashMap<>();
    /**
     * Runs of rows this session appended, all of decisions journaled here (first seq to last): a catch-up whose new
     * rows are all in them has nothing to read. Its own commits wake the listener as anyone's do, and reading them
     * back (every row of a bulk run, once as intents and again with outcomes) made the store's connection, which the
     * catch-up shares with the journal writer, busy while the writer waited for it. Not under this object's monitor:
     * the writer adds to it while a catch-up reads.
     */
    private final ConcurrentNavigableMap<Long, Long> appendedHere = new ConcurrentSkipListMap<>();
    /** Whether catch-ups run (a team history): only then are runs kept, as only a catch-up drops them. */
    private volatile boolean following;
    private long seenUpTo;

    OtherConsolesDecisions(HistoryStore history, ConnectionId connection) {
        this(readsOf(Objects.requireNonNull(history, "history")), connection);
    }

    OtherConsolesDecisions(HistoryReads history, ConnectionId connection) {
        this.history = Objects.requireNonNull(history, "history");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    private static HistoryReads readsOf(HistoryStore store) {
        return new HistoryReads() {
            @Override
            public long headSeq() {
                return store.head().seq();
            }

            @Override
            public List<HistoryEntry> decisionsWithRowsAfter(long seq, int limit) {
                return store.decisionsWithRowsAfter(seq, limit);
            }
        };
    }

    /** Blocking: starts from the history's head; what was unsettled before is the protocol's (taken up at open). */
    synchronized void startFromHead() {
        seenUpTo = history.headSeq();
        following = true;
    }

    /** This session journaled (or is about to journal) the decision: its rows are not another console's. */
    void journaledHere(Submission submission) {
        journaledHere.add(submission.requestToken());
    }

    /**
     * This session appended the batch's rows, ending at {@code after} (null: an empty batch, nothing written). When
     * every decision the batch has rows of was journaled here, a catch-up need not read them.
     */
    void appended(JournalBatch batch, ChainHead after) {
        if (!following || after == null || batch.isEmpty() || !journaledHere.containsAll(batch.requestTokens())) {
            return;
        }
        appendedHere.put(after.seq() - batch.size() + 1, after.seq());
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
    CaughtUp catchUp() {
        return catchUp(history.headSeq());
    }

    /**
     * As {@link #catchUp()}, up to the chain head {@code head} just read elsewhere (the listener's connection): when
     * every new row is one this session appended, nothing is read from the store.
     */
    synchronized CaughtUp catchUp(long head) {
        if (head <= seenUpTo) {
            return CaughtUp.NOTHING;
        }
        boolean onlyOurs = onlyAppendedHere(seenUpTo, head);
        appendedHere.headMap(head, true).clear(); // runs from before the head: seen now, or read below
        if (onlyOurs) {
            seenUpTo = head;
            return new CaughtUp(true, List.of());
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

    /** Whether every row after {@code seenUpTo} up to {@code head} is in a run this session appended. */
    private boolean onlyAppendedHere(long after, long head) {
        long next = after + 1;
        while (next <= head) {
            Long last = appendedHere.get(next);
            if (last == null) {
                return false;
            }
            next = last + 1;
        }
        return true;
    }

    /** As the history counts it: no outcome, or an UNKNOWN one that does not record someone giving up. */
    private static boolean unsettled(HistoryEntry entry) {
        return entry.outcome() == null || entry.outcome() instanceof Outcome.Unknown unknown
                && !DecisionProtocol.GAVE_UP.equals(unknown.errorCode());
    }
}
