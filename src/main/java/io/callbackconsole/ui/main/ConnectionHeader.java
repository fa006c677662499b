package io.callbackconsole.ui.main;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.common.WindowWords;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the header says about the open connection, so an operator never has to guess which environment a decision goes
 * to: the mark (and its colour), the account, the region, the profile, every endpoint override (a server on this
 * machine is named as such, never shown as a plain "default@us-east-2"), and who STS says acts. Text from STS is
 * escaped. No I/O: built from what the session already knows.
 *
 * @param mark            the environment mark, which picks the header's colour
 * @param title           the first line: "PRODUCTION · account 123456789012 · us-east-2"
 * @param details         the second line: profile, caller, endpoint overrides
 * @param identityWarning why the caller is unknown and what follows from it, or "" when it is known
 */
public record ConnectionHeader(EnvironmentMark mark, String title, String details, String identityWarning) {

    /** Before any connection is open. */
    public static ConnectionHeader connecting(ConnectionSettings settings) {
        return new ConnectionHeader(settings.sandbox() ? EnvironmentMark.SANDBOX : EnvironmentMark.UNMARKED,
                settings.sandbox() ? WindowWords.text("header.startingSandbox")
                        : WindowWords.text("header.connectingTo", settings.label()), "", "");
    }

    public static ConnectionHeader notConnected() {
        return new ConnectionHeader(EnvironmentMark.UNMARKED, WindowWords.text("header.notConnected"), "", "");
    }

    /**
     * @param caller          who STS says acts, or empty when it did not say
     * @param identityProblem why STS did not say, when it did not
     */
    public static ConnectionHeader of(ConnectionSettings settings, ConnectionId connection, EnvironmentMark mark,
                                      Optional<CallerIdentity> caller, Optional<String> identityProblem) {
        return of(settings, connection, mark, caller, identityProblem, Optional.empty());
    }

    /**
     * As {@link #of(ConnectionSettings, ConnectionId, EnvironmentMark, Optional, Optional)}, with the account's alias
     * as IAM gave it: "account 123456789012 (ops-prod)". Escaped: it comes from outside.
     */
    public static ConnectionHeader of(ConnectionSettings settings, ConnectionId connection, EnvironmentMark mark,
                                      Optional<CallerIdentity> caller, Optional<String> identityProblem,
                                      Optional<String> accountAlias) {
        String alias = accountAlias.filter(a -> !a.isBlank())
                .map(a -> WindowWords.text("header.alias", DisplayText.escape(a))).orElse("");
        if (settings.sandbox()) {
            return new ConnectionHeader(EnvironmentMark.SANDBOX, WindowWords.text("header.sandbox", alias),
                    WindowWords.text("header.sandbox.details"), "");
        }
        List<String> title = new ArrayList<>();
        if (mark != EnvironmentMark.UNMARKED) {
            title.add(EnvironmentMarks.label(mark).toUpperCase(Locale.ROOT));
        }
        // No account id, no alias: an alias alone could name an account the rest of the header does not.
        title.add(connection.account() == null ? WindowWords.text("header.accountUnknown")
                : WindowWords.text("header.account", connection.account(), alias));
        title.add(settings.region() == null ? WindowWords.text("header.noRegion") : settings.region());
        if (hasLocalEndpoint(settings)) {
            title.add(WindowWords.text("header.localEndpoint"));
        }
        List<String> details = new ArrayList<>();
        details.add(settings.profile() == null ? WindowWords.text("header.defaultCredentials")
                : WindowWords.text("header.profile", settings.profile()));
        caller.ifPresent(c -> details.add(WindowWords.text("header.actingAs", DisplayText.escape(c.arn()))));
        endpointOverrides(settings).ifPresent(details::add);
        String warning = caller.isPresent() ? "" : WindowWords.text("header.callerUnknown", DisplayText.escape(
                identityProblem.orElse(WindowWords.text("header.callerUnknown.stsSaidNothing"))));
        return new ConnectionHeader(mark, String.join(" · ", title), String.join(" · ", details), warning);
    }

    /**
     * The same header saying where this connection's decisions are journaled: the history file, or the team history
     * (its server and database, never a password); the sandbox's header already says it keeps its own.
     */
    public ConnectionHeader journaledIn(String historyLocation, boolean teamHistory) {
        if (mark == EnvironmentMark.SANDBOX || historyLocation == null || historyLocation.isBlank()) {
            return this;
        }
        String where = DisplayText.escape(historyLocation);
        String journal = teamHistory ? WindowWords.text("header.journaledInTeamHistory", where)
                : WindowWords.text("header.journaledIn", where);
        return new ConnectionHeader(mark, title, details.isEmpty() ? journal : details + " · " + journal,
                identityWarning);
    }

    private static Optional<String> endpointOverrides(ConnectionSettings settings) {
        List<String> overrides = new ArrayList<>();
        add(overrides, "SQS", settings.sqsEndpoint());
        add(overrides, "SageMaker", settings.sageMakerEndpoint());
        add(overrides, "STS", settings.stsEndpoint());
        add(overrides, "IAM", settings.iamEndpoint());
        return overrides.isEmpty() ? Optional.empty() : Optional.of(WindowWords.text("header.endpointOverrides",
                String.join(", ", overrides)));
    }

    private static void add(List<String> overrides, String service, URI endpoint) {
        if (endpoint != null) {
            overrides.add(service + " " + DisplayText.escape(endpoint.toString())
                    + (isThisMachine(endpoint) ? WindowWords.text("header.thisMachine") : ""));
        }
    }

    private static boolean hasLocalEndpoint(ConnectionSettings settings) {
        return isThisMachine(settings.sqsEndpoint()) || isThisMachine(settings.sageMakerEndpoint())
                || isThisMachine(settings.stsEndpoint()) || isThisMachine(settings.iamEndpoint());
    }

    /** Loopback by name or address; no name look-up (that would be I/O). */
    static boolean isThisMachine(URI endpoint) {
        if (endpoint == null || endpoint.getHost() == null) {
            return false;
        }
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-f:.]*:[0-9a-f:.]*")) {
            return false; // a name: resolving it would block
        }
        try {
            // A literal address: parsed, never looked up.
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
