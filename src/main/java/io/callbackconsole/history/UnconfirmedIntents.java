package io.callbackconsole.history;

import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.Outcome;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decisions whose intent went to the team history in a COMMIT that was never answered: the connection broke after
 * the server was asked to keep them, so it may hold them or not. Their operator was told they were not sent (they
 * were not: an intent must be durable first), so one the server did keep must not stay unsettled, or a recovery would
 * send a decision its operator believes was dropped. Each is looked up by its client request token once the history
 * answers again, before anything else is read or written there, and one that was kept is settled with an outcome
 * NOT_SENT {@value #COMMIT_NOT_CONFIRMED}. Held in memory: should the console stop before the history answers, Recover
 * lists such a decision as unsettled, where its operator can give it up. Not thread-safe: the store's lock guards it.
 */
final class UnconfirmedIntents {
    /** The error code of the outcome that settles a kept intent whose commit went unanswered. */
    static final String COMMIT_NOT_CONFIRMED = "CommitNotConfirmed";
    static final String EXPLANATION = "The team history's connection broke while it committed this decision's"
            + " intent, so the console did not send the decision and told its operator so; the history had kept the"
            + " intent, and this outcome records that it was never sent.";

    /** How long a look-up waits for the chain: a server notices a closed connection at once, a silent one later. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedIntents.class);

    private final JournalQueries queries;
    private final JournalWriter writer;
    private final Set<ClientRequestToken> awaiting = new LinkedHashSet<>();

    UnconfirmedIntents(JournalQueries queries, JournalWriter writer) {
        this.queries = queries;
        this.writer = writer;
    }

    /** What the history turned out to hold of the intents looked up. */
    record Settled(Set<ClientRequestToken> kept, Set<ClientRequestToken> notKept) {
    }

    boolean any() {
        return !awaiting.isEmpty();
    }

    /**
     * Looks up every awaiting intent on the connection and settles the ones the history kept and left unsettled, in
     * one write; those found are awaited no more.
     *
     * @throws HistoryUnavailableException when the history cannot be read or written (they stay awaited)
     */
    Settled settle(Connection c, Attribution attribution) {
        Set<ClientRequestToken> kept = new LinkedHashSet<>();
        Set<ClientRequestToken> notKept = new LinkedHashSet<>();
        Set<ClientRequestToken> settledNow = new LinkedHashSet<>();
        Instant now = Instant.now();
        try {
            // Looked up under the chain lock: the cut-off transaction held it, so once it is granted that one has
            // ended, committed or rolled back, and what is looked up is final. A server that has not yet noticed the
            // cut keeps the lock a while; past LOCK_WAIT they stay awaited, and the next use looks again.
            writer.append(c, "looking up " + awaiting.size() + " decision(s) whose commit went unanswered",
                    LOCK_WAIT, locked -> {
                        kept.clear();
                        notKept.clear();
                        settledNow.clear();
                        JournalBatch notSent = new JournalBatch();
                        for (ClientRequestToken requestToken : awaiting) {
                            Optional<HistoryEntry> entry = queries.find(locked, requestToken);
                            if (entry.isEmpty()) {
                                notKept.add(requestToken);
                            } else {
                                kept.add(requestToken);
                                if (entry.get().outcome() == null) {
                                    settledNow.add(requestToken);
                                    notSent.outcome(requestToken,
                                            new Outcome.NotSent(COMMIT_NOT_CONFIRMED, EXPLANATION), now);
                                }
                            }
                        }
                        return notSent;
                    }, attribution);
        } catch (CommitNotConfirmedException e) {
            // Unanswered again: the next look-up finds the outcome if it was kept, and adds none twice.
            throw e.failure();
        }
        awaiting.removeAll(kept);
        awaiting.removeAll(notKept);
        for (ClientRequestToken requestToken : settledNow) {
            log.warn("Decision {}: its intent's commit went unanswered, and the team history had kept it; recorded"
                    + " NOT_SENT {}, as it was never sent", requestToken, COMMIT_NOT_CONFIRMED);
        }
        for (ClientRequestToken requestToken : notKept) {
            log.info("Decision {}: its intent's commit went unanswered, and the team history had not kept it",
                    requestToken);
        }
        return new Settled(kept, notKept);
    }

    /**
     * The failure to report for a write whose commit went unanswered, after looking on a new connection at what the
     * history kept of its intents and settling those: the broken connection's message, and what became of them.
     */
    RuntimeException whatBecameOf(CommitNotConfirmedException unanswered, Supplier<Connection> reconnected,
                                  Attribution attribution) {
        List<ClientRequestToken> intents = unanswered.intents();
        if (intents.isEmpty()) {
            // Outcomes only: unrecorded as far as the caller knows, so it keeps the messages and records them again
            // (a second, equal outcome at worst).
            return unanswered.failure();
        }
        awaiting.addAll(intents);
        String said;
        try {
            Settled settled = settle(reconnected.get(), attribution);
            long kept = intents.stream().filter(settled.kept()::contains).count();
            said = kept == 0
                    ? "The connection broke after the history was asked to keep " + decisions(intents.size())
                      + "; it had not kept " + (intents.size() == 1 ? "it." : "them.")
                    : "The connection broke after the history was asked to keep " + decisions(intents.size())
                      + "; it had kept " + (intents.size() == 1 ? "it" : kept + " of them") + ", now recorded as"
                      + " not sent (NOT_SENT " + COMMIT_NOT_CONFIRMED + "), so no recovery sends "
                      + (kept == 1 ? "it." : "them.");
        } catch (HistoryUnavailableException | IllegalStateException e) {
            said = "The connection broke after the history was asked to keep " + decisions(intents.size())
                   + ", so it may hold " + (intents.size() == 1 ? "it" : "them") + ": the console looks when the"
                   + " history answers again and, before anything else, records what it kept as not sent, so no"
                   + " recovery sends it. Should the console stop first, Recover lists it: give it up there.";
        }
        return unanswered.failure() instanceof HistoryUnavailableException unavailable
                ? unavailable.withSentence(said) : unanswered.failure();
    }

    /** Logs what is still awaited when the store closes: a recovery would list it. */
    void closing(String location) {
        if (!awaiting.isEmpty()) {
            log.warn("Closing the team history {} without knowing whether it kept {} decision(s) whose commit went"
                    + " unanswered ({}); none was sent. Recover lists any it kept: give them up there.", location,
                    awaiting.size(), awaiting);
        }
    }

    private static String decisions(int count) {
        return count == 1 ? "the decision" : "the " + count + " decisions of the batch";
    }
}
