package io.callbackconsole.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server on a free loopback port for tests: one per JVM, started the first time a test asks for a
 * database and stopped by a shutdown hook; each test class takes a fresh database ({@link #freshDatabase}), so the
 * server costs seconds once, not per class.
 *
 * <p>The server is Debian's ({@code apt-get install postgresql}; {@code .ci/run} installs it), found under
 * {@code /usr/lib/postgresql/<version>/bin}, or where {@code -Dcallbackconsole.pg.bin} points. PostgreSQL refuses to
 * run as root, and CI and these machines run as root: then initdb and the server run as the unprivileged
 * {@code postgres} user (through {@code setpriv}, which execs, so the process this class holds is the server itself),
 * in a data directory that user owns. As any other user they run as that user.
 *
 * <p>The superuser signs in with a password over TCP (scram-sha-256, as a real server asks), so tests of a wrong
 * password meet the server's real refusal. {@code fsync} is off: a test server's durability across a power cut is
 * not what the tests check, and 8 000 one-row commits would otherwise wait on the shared disk; a benchmark that
 * measures commits starts the server with {@link #startWithFsync()}.
 */
public final class TestPostgres {
    public static final String SUPERUSER = "console_admin";
    /** The test superuser's password: known to the tests, and to nobody else (the server listens on 127.0.0.1 only). */
    public static final String SUPERUSER_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres shared;

    private final Path root;
    private final int port;
    private final boolean asPostgresUser;
    private final List<String> command;
    private Process server;

    private TestPostgres(Path root, int port, boolean asPostgresUser, List<String> command) {
        this.root = root;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.command = List.copyOf(command);
    }

    /** The JVM's server, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start(false);
            TestPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
        }
        return shared;
    }

    /** A server of its own with fsync on, for measurements; the caller stops it. */
    public static TestPostgres startWithFsync() {
        return start(true);
    }

    /** A server of its own, for a test that {@linkplain #crash crashes} it; the caller stops it. */
    public static TestPostgres startOfItsOwn() {
        return start(false);
    }

    /** A new, empty database on the shared server, owned by the superuser; its JDBC URL (no credentials in it). */
    public static String freshDatabase() {
        return shared().createDatabase();
    }

    public String createDatabase() {
        String name = "history_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** A superuser connection to a database on this server, for setting tests up (roles, grants, checks). */
    public Connection superuser(String database) throws SQLException {
        return connect(jdbcUrl(database), SUPERUSER, SUPERUSER_PASSWORD);
    }

    /** A superuser connection to the database a {@link #freshDatabase} URL names. */
    public static Connection superuserOn(String jdbcUrl) throws SQLException {
        return connect(jdbcUrl, SUPERUSER, SUPERUSER_PASSWORD);
    }

    /** Runs SQL as the superuser on the database the URL names (roles and grants of a test). */
    public static void execute(String jdbcUrl, String... statements) {
        try (Connection c = superuserOn(jdbcUrl); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Test SQL failed: " + e.getMessage(), e);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(url, properties);
    }

    /** Stops the server at once (fast shutdown: open sessions are ended) and removes its files. */
    public synchronized void stop() {
        if (server.isAlive()) {
            // SIGINT is PostgreSQL's fast shutdown; SIGTERM (Process.destroy) would wait for clients to leave.
            signalAndWait("-INT");
        }
        deleteTree(root);
    }

    /**
     * Kills the server as a crash would: SIGQUIT, PostgreSQL's immediate shutdown, ends every session at once with
     * no checkpoint (the next start replays the WAL). The files stay, for {@link #restart}.
     */
    public synchronized void crash() {
        signalAndWait("-QUIT");
    }

    /** Sends the server the signal and waits for it to exit; one that does not within 20 s is killed. */
    private void signalAndWait(String signal) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(server.pid())).inheritIO().start()
                    .waitFor(5, TimeUnit.SECONDS);
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            server.destroyForcibly();
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on its files and port, after {@link #crash}; returns once it accepts connections. */
    public synchronized void restart() {
        if (server.isAlive()) {
            throw new IllegalStateException("The test PostgreSQL server still runs; crash it first.");
        }
        launch("restart");
    }

    /** Whether the server process still runs (a test that kills it checks it is gone). */
    public boolean isRunning() {
        return server.isAlive();
    }

    // --- starting ------------------------------------------------------------------------------------------------

    private static TestPostgres start(boolean fsync) {
        Path bin = binaries();
        try {
            boolean root = isRoot();
            Path dir = Files.createTempDirectory("callback-console-pg-");
            Path data = dir.resolve("data");
            Path passwordFile = dir.resolve("superuser-password");
            Files.writeString(passwordFile, SUPERUSER_PASSWORD + "\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            if (root) {
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                Files.setOwner(passwordFile, postgres);
            }
            run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--pwfile=" + passwordFile, "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), dir.resolve("initdb.log"));
            Files.delete(passwordFile);

            int port = freePort();
            List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                    "-c", "unix_socket_directories=" + dir, "-c", "fsync=" + (fsync ? "on" : "off"),
                    "-c", "max_connections=60", "-c", "shared_buffers=32MB", "-c", "log_min_messages=warning"));
            TestPostgres postgres = new TestPostgres(dir, port, root, command);
            postgres.launch("start");
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test PostgreSQL server from " + bin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the test PostgreSQL server", e);
        }
    }

    /**
     * Starts the server process on the data directory (the first start and every restart alike), its output appended
     * to {@code server.log}; returns once it accepts connections.
     *
     * @param doing "start" or "restart", for the failure's message
     */
    private void launch(String doing) {
        Path log = root.resolve("server.log");
        try {
            server = processBuilder(asPostgresUser, command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            awaitReady(log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot " + doing + " the test PostgreSQL server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted at the " + doing + " of the test PostgreSQL server", e);
        }
    }

    /** Whether this JVM runs as root (uid 0); where /proc is missing (macOS), by the user's name. */
    private static boolean isRoot() {
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            try {
                return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
            } catch (IOException | UnsupportedOperationException e) {
                // Fall back to the name below.
            }
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private void awaitReady(Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                throw new IllegalStateException("The test PostgreSQL server exited at start (code "
                        + server.exitValue() + "): " + tail(log));
            }
            try (Connection ignored = superuser("postgres")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        stop();
        throw new IllegalStateException("The test PostgreSQL server did not accept connections within "
                + START_TIMEOUT + ": " + (last == null ? "" : last.getMessage()) + "; " + tail(log));
    }

    private static void run(boolean root, List<String> command, Path log) throws IOException, InterruptedException {
        Process process = processBuilder(root, command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " failed: " + tail(log));
        }
    }

    /** As root, the command runs as {@code postgres}; setpriv execs it, so the process is the command itself. */
    private static ProcessBuilder processBuilder(boolean root, List<String> command) {
        List<String> full = new ArrayList<>();
        if (root) {
            full.addAll(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full);
        // The server must not pick up the developer's PG* settings or a locale the machine lacks.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().put("LC_ALL", "C.UTF-8");
        return builder;
    }

    /** The server's binaries: -Dcallbackconsole.pg.bin, else the newest /usr/lib/postgresql/N/bin. */
    private static Path binaries() {
        String configured = System.getProperty("callbackconsole.pg.bin");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                return versions.filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString()
                                .replaceAll("\\D.*", "0"))))
                        .map(v -> v.resolve("bin"))
                        .orElseThrow(() -> notInstalled(debian));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw notInstalled(debian);
    }

    private static IllegalStateException notInstalled(Path where) {
        return new IllegalStateException("The team-history tests need a PostgreSQL server and found none under "
                + where + ": apt-get install postgresql (as .ci/run does), or point -Dcallbackconsole.pg.bin at a"
                + " directory with initdb and postgres.");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless; the server is stopped either way.
        }
    }
}
