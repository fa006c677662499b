package io.callbackconsole.history;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a team history is: a PostgreSQL server and database, written as libpq writes it
 * ({@code postgresql://[ROLE@]HOST[:PORT]/DB[?sslmode=…]}) or as a JDBC URL ({@code jdbc:postgresql://…}). Holds no
 * password: one in the URL is refused (it would sit in shell history and process lists); the password comes from
 * {@code ~/.pgpass}, the file {@code PGPASSFILE} names, or {@code PGPASSWORD} (see {@link TeamHistoryConnections}).
 */
public final class TeamHistoryLocation {
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String database;
    private final String role; // null: PGUSER or the OS user
    private final Map<String, String> parameters;

    private TeamHistoryLocation(String host, int port, String database, String role, Map<String, String> parameters) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.role = role;
        this.parameters = Map.copyOf(parameters);
    }

    /** Whether the text names a team history rather than a file: it starts with a PostgreSQL URL's scheme. */
    public static boolean isTeamHistory(String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://")
                || lower.startsWith("jdbc:postgresql://");
    }

    /**
     * Reads a URL as above.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong and how it is written, when the text is not
     *                                  such a URL, names no database, carries a password, or has an unknown sslmode
     */
    public static TeamHistoryLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        String withoutJdbc = trimmed.regionMatches(true, 0, "jdbc:", 0, 5) ? trimmed.substring(5) : trimmed;
        if (!isTeamHistory(withoutJdbc)) {
            throw invalid("it does not start with postgresql:// or jdbc:postgresql://");
        }
        URI uri;
        try {
            uri = new URI(withoutJdbc);
        } catch (URISyntaxException e) {
            throw invalid("it is not a URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("it names no server (one host; several hosts are not supported)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isBlank() || database.contains("/")) {
            throw invalid("it names no database: write the database after the server, as in postgresql://HOST/DB");
        }
        String role = null;
        if (uri.getRawUserInfo() != null) {
            String userInfo = uri.getRawUserInfo();
            if (userInfo.contains(":")) {
                throw new IllegalArgumentException("The team history URL carries a password, which would be kept in"
                        + " shell history and shown in process lists; it was not used. Remove it from the URL and put"
                        + " it in ~/.pgpass (or the file PGPASSFILE names), or set PGPASSWORD.");
            }
            role = decode(userInfo);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (name.equalsIgnoreCase("password")) {
                    throw new IllegalArgumentException("The team history URL carries a password (password=…), which"
                            + " would be kept in shell history and shown in process lists; it was not used. Remove it"
                            + " from the URL and put it in ~/.pgpass (or the file PGPASSFILE names), or set"
                            + " PGPASSWORD.");
                }
                if (name.equals("user")) {
                    role = value;
                    continue;
                }
                if (name.equals("sslmode") && !SSL_MODES.contains(value)) {
                    throw invalid("sslmode=" + value + " is not one of " + String.join(", ",
                            new java.util.TreeSet<>(SSL_MODES)) + " (verify-full checks the server's certificate"
                            + " and name)");
                }
                parameters.put(name, value);
            }
        }
        if (role != null && role.isBlank()) {
            role = null;
        }
        return new TeamHistoryLocation(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database,
                role, parameters);
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("That is not a team history URL: " + why + ". Write it as"
                + " postgresql://HOST:PORT/DB?sslmode=verify-full (the role may stand before the host: ROLE@HOST),"
                + " or as jdbc:postgresql://HOST:PORT/DB.");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The JDBC URL, with the URL's parameters but without the role (given as a property). */
    String jdbcUrl() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://");
        url.append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host).append(':').append(port)
                .append('/').append(java.net.URLEncoder.encode(database, StandardCharsets.UTF_8));
        return url.toString();
    }

    /** The URL's parameters (sslmode, sslrootcert, connectTimeout, …), for the driver. */
    Map<String, String> parameters() {
        return parameters;
    }

    /** The URL's sslmode, when it names one. */
    public java.util.Optional<String> sslMode() {
        return java.util.Optional.ofNullable(parameters.get("sslmode"));
    }

    /** The role named in the URL; empty when it names none (then PGUSER, or the OS user). */
    public java.util.Optional<String> role() {
        return java.util.Optional.ofNullable(role);
    }

    /** The URL without secrets, for messages and the status bar: {@code postgresql://HOST:PORT/DB}. */
    public String display() {
        return displayAs(role);
    }

    /** The same display with another role (null: none), for a message that says which role should run a command. */
    public String displayAs(String otherRole) {
        String ssl = parameters.get("sslmode");
        return "postgresql://" + (otherRole == null ? "" : otherRole + "@") + host + ":" + port + "/" + database
                + (ssl == null ? "" : "?sslmode=" + ssl);
    }

    @Override
    public String toString() {
        return display();
    }
}
