package io.callbackconsole.aws;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where the console talks to: an AWS profile and region (the SDK's default chain when no profile is named), the queues
 * to watch, optional endpoint overrides (the sandbox, or any SQS-compatible server), and how long to wait for their
 * answers. Holds no secrets.
 *
 * @param profile  the named profile from ~/.aws/config and ~/.aws/credentials, or null for the default chain
 * @param region   the region, or null to let the profile or environment decide
 * @param tuning   the deadlines and retries of the connection's clients; not part of where it talks to, and not saved
 * @param iamEndpoint where the account alias is asked (the sandbox's IAM); null for AWS's own. Not part of the
 *                    connection's identity: the alias is only shown, never recorded
 * @param historyUrl  where this connection's decisions are journaled: a team history's PostgreSQL URL (without a
 *                    password; the launcher refuses one), or null for the data directory's file. Not part of the
 *                    connection's identity: the rows name the connection wherever they are kept
 */
public record ConnectionSettings(
        boolean sandbox,
        String profile,
        String region,
        List<String> queueUrls,
        URI sqsEndpoint,
        URI sageMakerEndpoint,
        URI stsEndpoint,
        ClientTuning tuning,
        URI iamEndpoint,
        String historyUrl) {

    public ConnectionSettings {
        queueUrls = List.copyOf(Objects.requireNonNull(queueUrls, "queueUrls"));
        profile = blankToNull(profile);
        region = blankToNull(region);
        Objects.requireNonNull(tuning, "tuning");
        historyUrl = blankToNull(historyUrl);
    }

    /** A connection journaled in the data directory's file. */
    public ConnectionSettings(boolean sandbox, String profile, String region, List<String> queueUrls, URI sqsEndpoint,
                              URI sageMakerEndpoint, URI stsEndpoint, ClientTuning tuning, URI iamEndpoint) {
        this(sandbox, profile, region, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint, tuning, iamEndpoint,
                null);
    }

    /** A connection whose account alias, if any, comes from AWS's own IAM. */
    public ConnectionSettings(boolean sandbox, String profile, String region, List<String> queueUrls, URI sqsEndpoint,
                              URI sageMakerEndpoint, URI stsEndpoint, ClientTuning tuning) {
        this(sandbox, profile, region, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint, tuning, null);
    }

    /** A connection with the default deadlines ({@link ClientTuning#DEFAULT}). */
    public ConnectionSettings(boolean sandbox, String profile, String region, List<String> queueUrls, URI sqsEndpoint,
                              URI sageMakerEndpoint, URI stsEndpoint) {
        this(sandbox, profile, region, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint, ClientTuning.DEFAULT);
    }

    /** The sandbox, before it runs: the launcher starts it and fills in its endpoints and queues. */
    public static ConnectionSettings sandboxToStart() {
        return new ConnectionSettings(true, null, null, List.of(), null, null, null);
    }

    /** A short label for banners and the history: "sandbox", "profile@region" or "default@region". */
    public String label() {
        if (sandbox) {
            return "sandbox";
        }
        return (profile == null ? "default" : profile) + "@" + (region == null ? "default-region" : region);
    }

    public ConnectionSettings withRegion(String resolvedRegion) {
        return new ConnectionSettings(sandbox, profile, resolvedRegion, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint,
                tuning, iamEndpoint, historyUrl);
    }

    /** The same connection with other deadlines (from the command line's flags, say). */
    public ConnectionSettings withTuning(ClientTuning newTuning) {
        return new ConnectionSettings(sandbox, profile, region, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint,
                newTuning, iamEndpoint, historyUrl);
    }

    /** The same connection asking {@code endpoint} for the account alias. */
    public ConnectionSettings withIamEndpoint(URI endpoint) {
        return new ConnectionSettings(sandbox, profile, region, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint,
                tuning, endpoint, historyUrl);
    }

    /** The same connection journaled in the team history at {@code url}; null for the data directory's file. */
    public ConnectionSettings withHistoryUrl(String url) {
        return new ConnectionSettings(sandbox, profile, region, queueUrls, sqsEndpoint, sageMakerEndpoint, stsEndpoint,
                tuning, iamEndpoint, url);
    }

    /** True when any service is pointed elsewhere than AWS (a server of one's own, the sandbox). */
    public boolean overridesEndpoints() {
        return sqsEndpoint != null || sageMakerEndpoint != null || stsEndpoint != null || iamEndpoint != null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
