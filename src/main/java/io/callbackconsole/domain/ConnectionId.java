package io.callbackconsole.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The connection a decision belongs to, as an identity that survives restarts: an AWS account (from STS), a region and
 * any endpoint overrides; or the sandbox, whose loopback ports change every run and so are not part of it. The human
 * label ("profile@region") is carried for display and, only when the account is unknown, stands in for it: two
 * profiles whose account STS did not name are not known to be the same connection.
 *
 * <p>Equality is on the identity only: {@code sandbox}, else account (or label when the account is unknown), region
 * and endpoints. {@link #key()} is the same identity as stable text.
 */
public final class ConnectionId {
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
    /** AWS regions and the names endpoint-compatible servers use ("us-east-2", "us-gov-west-1", "local"). */
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** Normalised endpoint text: "service=uri" pairs, ascending by service, separated by one space. */
    private static final Pattern ENDPOINTS = Pattern.compile("[a-z0-9]+=\\S+( [a-z0-9]+=\\S+)*");
    private static final int MAX_LABEL = 300;
    private static final String SANDBOX_LABEL = "sandbox";
    private static final ConnectionId SANDBOX = new ConnectionId(true, null, null, null, SANDBOX_LABEL);

    private final boolean sandbox;
    private final String account;
    private final String region;
    private final String endpoints;
    private final String label;

    private ConnectionId(boolean sandbox, String account, String region, String endpoints, String label) {
        this.sandbox = sandbox;
        this.account = account;
        this.region = region;
        this.endpoints = endpoints;
        this.label = label;
    }

    /** The embedded sandbox: one identity whatever ports it listens on this run. */
    public static ConnectionId sandbox() {
        return SANDBOX;
    }

    /**
     * An AWS (or AWS-compatible) connection.
     *
     * @param account   the 12-digit account id STS named, or null when it could not be asked
     * @param region    the region the calls go to; null only for rows journaled before regions were resolved
     * @param endpoints normalised endpoint overrides as {@link #endpointOverrides} makes them, or null for AWS's own
     * @param label     how operators name it ("profile@region"); never credentials
     * @throws InvalidInputException when a part is malformed
     */
    public static ConnectionId aws(String account, String region, String endpoints, String label) {
        if (account != null && !ACCOUNT.matcher(account).matches()) {
            throw new InvalidInputException("An AWS account id is 12 digits; got \"" + account + "\".");
        }
        if (region != null && !REGION.matcher(region).matches()) {
            throw new InvalidInputException("A region is lowercase letters, digits and hyphens (us-east-2); got \""
                    + region + "\".");
        }
        if (endpoints != null && !ENDPOINTS.matcher(endpoints).matches()) {
            throw new InvalidInputException("Endpoint overrides are \"service=URL\" pairs separated by spaces; got \""
                    + endpoints + "\".");
        }
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > MAX_LABEL || label.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("A connection label is 1 to " + MAX_LABEL
                    + " printable characters (profile@region).");
        }
        if (SANDBOX_LABEL.equals(label)) {
            // The history tells sandbox rows by this label; an AWS connection never carries it.
            throw new InvalidInputException("\"sandbox\" names the embedded sandbox, not an AWS connection.");
        }
        return new ConnectionId(false, account, region, endpoints, label);
    }

    /**
     * The normalised text of the endpoint overrides given, or null when there are none: "service=uri" pairs sorted by
     * service, each URI with its scheme and host in lower case, the scheme's default port and a trailing slash left
     * out, so the same endpoints written differently are the same connection.
     *
     * @param overrides service name ("sagemaker", "sqs", "sts") to the endpoint, or to null when not overridden
     */
    public static String endpointOverrides(Map<String, URI> overrides) {
        TreeMap<String, String> normalised = new TreeMap<>();
        overrides.forEach((service, uri) -> {
            if (uri != null) {
                normalised.put(service.toLowerCase(Locale.ROOT), normalise(uri));
            }
        });
        if (normalised.isEmpty()) {
            return null;
        }
        StringJoiner text = new StringJoiner(" ");
        normalised.forEach((service, uri) -> text.add(service + "=" + uri));
        return text.toString();
    }

    private static String normalise(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new InvalidInputException("An endpoint override is an absolute URL (https://host:port); got \""
                    + uri + "\".");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
    }

    public boolean isSandbox() {
        return sandbox;
    }

    /** The account id, or null for the sandbox or when STS could not be asked. */
    public String account() {
        return account;
    }

    /** The region, or null for the sandbox (and for rows journaled before regions were resolved). */
    public String region() {
        return region;
    }

    /** The normalised endpoint overrides, or null for AWS's own endpoints and the sandbox. */
    public String endpoints() {
        return endpoints;
    }

    /** How operators name it: "sandbox" or "profile@region". Not part of the identity while the account is known. */
    public String label() {
        return label;
    }

    /** The identity as stable text, equal for equal connections: for settings, grouping and logs. */
    public String key() {
        if (sandbox) {
            return SANDBOX_LABEL;
        }
        return "aws:" + (account != null ? "account=" + account : "label=" + label)
                + ";region=" + (region == null ? "" : region)
                + (endpoints == null ? "" : ";endpoints=" + endpoints);
    }

    /** For screens: "sandbox", "account 123456789012 · us-east-2 · endpoint sqs=http://…". */
    public String describe() {
        if (sandbox) {
            return SANDBOX_LABEL;
        }
        StringBuilder text = new StringBuilder();
        if (account != null) {
            text.append("account ").append(account);
            if (region != null) {
                text.append(" · ").append(region);
            }
        } else {
            text.append(label).append(" (account unknown)");
        }
        if (endpoints != null) {
            text.append(" · endpoint ").append(endpoints);
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionId that && key().equals(that.key());
    }

    @Override
    public int hashCode() {
        return key().hashCode();
    }

    @Override
    public String toString() {
        return key();
    }
}
