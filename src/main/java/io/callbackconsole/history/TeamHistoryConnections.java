package io.callbackconsole.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The one way the console opens connections to a team history. The role is the URL's, else {@code PGUSER}, else the
 * OS user (as psql chooses it). The password is {@code PGPASSWORD} when set; otherwise the driver reads
 * {@code ~/.pgpass}, or the file {@code PGPASSFILE} names, itself (pgjdbc 42.7's PgPassParser, as libpq does). It is
 * never taken from settings.json, never logged, and never part of a message.
 */
final class TeamHistoryConnections {
    /** How long a connection attempt waits for the server before the history counts as unreachable. */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final TeamHistoryLocation location;
    private final Map<String, String> environment;

    /** @param environment where PGUSER and PGPASSWORD are read (the process environment; a map in tests) */
    TeamHistoryConnections(TeamHistoryLocation location, Map<String, String> environment) {
        this.location = Objects.requireNonNull(location, "location");
        this.environment = Map.copyOf(environment);
    }

    /** The role the console signs in as. */
    String role() {
        return location.role()
                .or(() -> java.util.Optional.ofNullable(environment.get("PGUSER")).filter(u -> !u.isBlank()))
                .orElse(System.getProperty("user.name"));
    }

    /** A new connection, in auto-commit mode. */
    Connection open(String doing) {
        return open(doing, new Properties(), true);
    }

    /**
     * A new connection for the auditor's reads, in auto-commit mode: every value comes as text (the exports copy a
     * value's bytes as they come, and the driver would send a number as binary once a statement is reused).
     */
    Connection openForReading(String doing) {
        Properties properties = new Properties();
        properties.setProperty("binaryTransfer", "false");
        return open(doing, properties, false);
    }

    /** @param journaling whether the connection journals decisions (its failure says none was sent) */
    private Connection open(String doing, Properties defaults, boolean journaling) {
        Properties properties = new Properties();
        properties.putAll(defaults);
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "Callback Console");
        properties.putAll(location.parameters());
        properties.setProperty("user", role());
        String password = environment.get("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        try {
            Connection c = DriverManager.getConnection(location.jdbcUrl(), properties);
            try (java.sql.Statement s = c.createStatement()) {
                // A commit returns once the server has the row on disk, whatever the database's default says:
                // an intent must be durable before SageMaker is called.
                s.execute("SET synchronous_commit = on");
            } catch (SQLException e) {
                HistoryConnections.closeQuietly(c);
                throw e;
            }
            return c;
        } catch (SQLException e) {
            RuntimeException failure = journaling ? PostgresFailures.translate(location, role(), doing, e)
                    : PostgresFailures.translateReading(location, role(), doing, e);
            if (failure instanceof HistoryUnavailableException refused
                    && refused.problem() == HistoryUnavailableException.Problem.AUTHENTICATION) {
                throw new HistoryUnavailableException(refused.problem(), location, refused.getMessage() + " Tried: "
                        + passwordSourcesTried() + ".", null);
            }
            throw failure;
        }
    }

    /**
     * Where a password was looked for, as the driver looks (PGPASSWORD, else the password file), for a refused
     * sign-in: "PGPASSWORD (not set), then the password file /home/alice/.pgpass (not there)". Names, never values.
     */
    String passwordSourcesTried() {
        String password = environment.get("PGPASSWORD");
        if (password != null && !password.isEmpty()) {
            return "PGPASSWORD (set; the server refused it; the password file is not read while it is set)";
        }
        Path file = passwordFile();
        String state = file == null ? "" : Files.isRegularFile(file) ? " (there; no line matched, or its password"
                + " was refused)" : " (not there)";
        return "PGPASSWORD (not set), then the password file " + (file == null ? "~/.pgpass" : file.toString())
                + state;
    }

    /** The password file the driver reads: the driver's setting, PGPASSFILE, else libpq's default place. */
    private Path passwordFile() {
        String configured = System.getProperty("org.postgresql.pgpassfile");
        if (configured == null || configured.isBlank()) {
            configured = environment.get("PGPASSFILE");
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String appData = System.getenv("APPDATA");
        if (System.getProperty("os.name", "").startsWith("Windows") && appData != null) {
            return Path.of(appData, "postgresql", "pgpass.conf");
        }
        return Path.of(System.getProperty("user.home"), ".pgpass");
    }
}
