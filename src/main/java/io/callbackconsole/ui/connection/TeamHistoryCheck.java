package io.callbackconsole.ui.connection;

import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Optional;

/**
 * Whether decisions can be journaled in a team history, asked by the Connect dialog before it connects. Blocking: the
 * dialog runs it off the FX thread.
 */
@FunctionalInterface
public interface TeamHistoryCheck {
    /**
     * @param url the team history's URL as typed (without a password)
     * @return a warning to show before connecting (a role that could rewrite history); empty when all is well
     * @throws Exception with a sentence saying what is wrong and what to do, when it cannot be journaled in: a URL
     *                   that is not one, a server that cannot be reached, a refused sign-in, no TLS where the URL asks
     *                   for it, a role that may not INSERT, a schema from a newer console
     */
    Optional<String> check(String url) throws Exception;

    /**
     * Connects as the console will (the same sign-in, privilege check and migrations; PGPASSWORD or the password
     * file), then lets go.
     */
    static TeamHistoryCheck connecting(String consoleVersion) {
        return url -> {
            TeamHistoryLocation location = TeamHistoryLocation.parse(url);
            try (HistoryStore store = HistoryStore.openTeam(location, consoleVersion)) {
                return store.teamPrivileges().map(privileges -> WindowWords.text("connect.history.roleCouldRewrite",
                        privileges.role(), String.join(", ", privileges.rewritingPrivileges()), location.display(),
                        privileges.revokeRewriting()));
            }
        };
    }
}
