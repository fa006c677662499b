package io.callbackconsole.triage;

import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.history.TeamHistoryPrivileges;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where one session journals and what the front ends read of it directly: the file or team history, its newest
 * decisions, and a warning when the team history's role could rewrite it. The auditor's reads open their own
 * {@code AuditLog}.
 */
public final class SessionHistory {
    private final HistoryStore history;
    private final List<Runnable> changeListeners;

    SessionHistory(HistoryStore history, List<Runnable> changeListeners) {
        this.history = history;
        this.changeListeners = changeListeners;
    }

    /** The team history's location, for the auditor's reads of it; empty for a file. */
    public Optional<TeamHistoryLocation> teamLocation() {
        return history.teamLocation();
    }

    /**
     * Runs {@code listener} (on the team history's listener thread) each time other consoles' rows arrived and the
     * pending snapshot was published with them: the History view reloads. Never for a file.
     */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    /** The history file; null for a team history (see {@link #location()}). */
    public Path file() {
        return history.databaseFile();
    }

    /** Where the session's history is: the file, or the team history's URL without secrets. */
    public String location() {
        return history.location();
    }

    /**
     * Blocking: the auditor's reader of this history (the History tab's): the file, or the team history as the
     * session's role signs in to it; the caller closes it.
     */
    public AuditLog openAudit() {
        return history.teamLocation().map(AuditLog::openTeam).orElseGet(() -> AuditLog.open(history.databaseFile()));
    }

    /** Whether the history is a team history on a server (which can become unreachable), not a file. */
    public boolean isTeamHistory() {
        return history.isTeamHistory();
    }

    /**
     * Blocking: asks the team history's server for the chain head, connecting again when the connection was lost; a
     * check that it can be journaled in.
     *
     * @throws io.callbackconsole.history.HistoryUnavailableException when it cannot (unreachable, sign-in refused)
     */
    public void checkReachable() {
        history.head();
    }

    /** Blocking: the newest decisions with their latest outcome. */
    public List<HistoryEntry> recent(int limit) {
        return history.recentSubmissions(limit);
    }

    /** The team history role's privileges when it could rewrite history (a warning to show); else empty. */
    public Optional<TeamHistoryPrivileges> teamPrivileges() {
        return history.teamPrivileges();
    }
}
